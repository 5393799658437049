import type { ApplicationStatus, ApplicationSummary, Summary } from '../../api/types.ts';

/** What the list is narrowed to; empty: everything. */
export interface ApplicationFilter {
  status: ApplicationStatus | '';
  programId: string;
  /** A budget year ("2024"): applications whose period touches it, with that year's money. */
  year: string;
}

export const SORT_KEYS = [
  'title',
  'status',
  'program',
  'period',
  'approved',
  'called',
  'spent',
  'remaining',
  'deadline',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface Sort {
  key: SortKey;
  descending: boolean;
}

export interface ApplicationRow {
  id: string;
  title: string;
  status: ApplicationStatus;
  program: string;
  period: { start: string; end: string };
  approvedCents: number;
  calledCents: number;
  spentCents: number;
  remainingCents: number;
  nextDeadline: ApplicationSummary['nextDeadline'];
}

const MONEY = ['approvedCents', 'calledCents', 'spentCents', 'remainingCents'] as const;

/** An application's money in all, or in one budget year of its notice (none for a year it has not). */
function moneyOf(application: ApplicationSummary, year: string) {
  if (!year) return application;
  const ofYear = application.years.find((entry) => String(entry.year) === year);
  return Object.fromEntries(MONEY.map((field) => [field, ofYear?.[field] ?? 0])) as Record<
    (typeof MONEY)[number],
    number
  >;
}

const touchesYear = (application: ApplicationSummary, year: string) =>
  !year ||
  (application.fundingPeriod.start.slice(0, 4) <= year && application.fundingPeriod.end.slice(0, 4) >= year);

const collator = new Intl.Collator('de-DE');

function compare(a: ApplicationRow, b: ApplicationRow, key: SortKey): number {
  switch (key) {
    case 'title':
    case 'program':
      return collator.compare(a[key], b[key]);
    case 'status':
      return collator.compare(a.status, b.status);
    case 'period':
      return a.period.start.localeCompare(b.period.start);
    case 'deadline':
      // Without an open deadline, last.
      return (a.nextDeadline?.dueOn ?? '9999').localeCompare(b.nextDeadline?.dueOn ?? '9999');
    default:
      return a[`${key}Cents`] - b[`${key}Cents`];
  }
}

/** The rows of the list: filtered, with the chosen year's money, sorted (ties keep newest first). */
export function applicationRows(
  summary: Summary,
  filter: ApplicationFilter,
  sort: Sort | null,
): ApplicationRow[] {
  const programs = new Map(summary.programs.map((program) => [program.id, program.name]));
  const rows = summary.applications
    .filter((application) => !filter.status || application.status === filter.status)
    .filter((application) => !filter.programId || application.programId === filter.programId)
    .filter((application) => touchesYear(application, filter.year))
    .map((application) => ({
      id: application.id,
      title: application.title,
      status: application.status,
      program: programs.get(application.programId) ?? '',
      period: application.fundingPeriod,
      ...moneyOf(application, filter.year),
      nextDeadline: application.nextDeadline,
    }));
  if (!sort) return rows;
  const direction = sort.descending ? -1 : 1;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => direction * compare(a.row, b.row, sort.key) || a.index - b.index)
    .map(({ row }) => row);
}

/** The totals row: the sums of the money columns of the rows shown. */
export function totalsOf(rows: readonly ApplicationRow[]) {
  return Object.fromEntries(
    MONEY.map((field) => [field, rows.reduce((sum, row) => sum + row[field], 0)]),
  ) as Record<(typeof MONEY)[number], number>;
}

/** The budget years any application's period touches, for the year filter. */
export function yearsOf(summary: Summary): string[] {
  const years = new Set<string>();
  for (const application of summary.applications) {
    const first = Number(application.fundingPeriod.start.slice(0, 4));
    const last = Number(application.fundingPeriod.end.slice(0, 4));
    for (let year = first; year <= last && year - first < 50; year++) years.add(String(year));
  }
  return [...years].sort();
}
