import type { ApplicationSummary, Summary } from '../../api/types.ts';
import { FUNDING_SOURCE } from '../../labels.ts';

/** The grants whose money counts (the summary's totals count the same ones). */
export const countsAsGrant = (application: Pick<ApplicationSummary, 'status'>) =>
  application.status === 'approved' || application.status === 'closed';

/** How many grants the chart of grants shows; the table beside it lists all of them. */
export const CHART_GRANTS = 10;

export interface Series {
  label: string;
  values: number[];
}

/** What a bar chart draws: a label per bar group and, per series, one value (in euros) per group. */
export interface ChartData {
  labels: string[];
  series: Series[];
}

const euros = (cents: number) => cents / 100;

const MONEY_SERIES = [
  ['Bewilligt', 'approvedCents'],
  ['Abgerufen', 'calledCents'],
  ['Verwendet', 'spentCents'],
] as const;

function moneyChart<T extends { approvedCents: number; calledCents: number; spentCents: number }>(
  rows: readonly T[],
  label: (row: T) => string,
): ChartData {
  return {
    labels: rows.map(label),
    series: MONEY_SERIES.map(([name, field]) => ({
      label: name,
      values: rows.map((row) => euros(row[field])),
    })),
  };
}

/** The grants that count, largest approval first (ties by title). */
export function grantsOf(summary: Summary): ApplicationSummary[] {
  return summary.applications
    .filter(countsAsGrant)
    .sort((a, b) => b.approvedCents - a.approvedCents || a.title.localeCompare(b.title, 'de-DE'));
}

/** Approved, called and spent of the largest grants. */
export function grantChart(grants: readonly ApplicationSummary[]): ChartData {
  return moneyChart(grants.slice(0, CHART_GRANTS), (grant) => grant.title);
}

/** Approved, called and spent per budget year, across the grants. */
export function yearChart(summary: Summary): ChartData {
  return moneyChart(summary.totals.byYear, (year) => String(year.year));
}

/** Approved and called money per source, the city's own share last. */
export function coFinancingChart(summary: Summary): ChartData {
  const lines = summary.coFinancing;
  return {
    labels: lines.map((line) => FUNDING_SOURCE[line.source]),
    series: [
      { label: 'Bewilligt', values: lines.map((line) => euros(line.approvedCents)) },
      { label: 'Abgerufen', values: lines.map((line) => euros(line.calledCents)) },
    ],
  };
}

/** A share of a total as a whole percent, for the co-financing table (0 when there is no total). */
export function shareOf(part: number, total: number): number {
  return total === 0 ? 0 : Math.round((part / total) * 100);
}
