import type { Notice } from '../../api/types.ts';
import { formatBasisPoints, formatDate, formatMoney } from '../../format/german.ts';
import { describeValue } from '../../history/describe-change.ts';
import { FUNDING_SOURCE } from '../../labels.ts';

/** One line of the side-by-side view: a value per notice version, and what each changed against the one before. */
export interface ComparisonRow {
  label: string;
  values: string[];
  /** Per version: whether it differs from the version before (never for the first). */
  changed: boolean[];
  /** For amounts: the difference to the version before, e.g. "+5.000,00 €". */
  differences: (string | null)[];
}

const signed = (cents: number) => `${cents > 0 ? '+' : cents < 0 ? '−' : '±'}${formatMoney(Math.abs(cents))}`;

function row(label: string, notices: readonly Notice[], value: (notice: Notice) => string): ComparisonRow {
  const values = notices.map(value);
  return {
    label,
    values,
    changed: values.map((text, index) => index > 0 && text !== values[index - 1]),
    differences: values.map(() => null),
  };
}

function moneyRow(
  label: string,
  notices: readonly Notice[],
  cents: (notice: Notice) => number,
): ComparisonRow {
  const amounts = notices.map(cents);
  return {
    ...row(label, notices, (notice) => formatMoney(cents(notice))),
    differences: amounts.map((amount, index) =>
      index > 0 && amount !== amounts[index - 1] ? signed(amount - (amounts[index - 1] ?? 0)) : null,
    ),
  };
}

const shares = (notice: Notice) =>
  [
    ...notice.rules.sources.map(
      (part) => `${FUNDING_SOURCE[part.source]} ${formatBasisPoints(part.shareBasisPoints)}`,
    ),
    `Eigenanteil ${formatBasisPoints(notice.rules.ownShareBasisPoints)}`,
  ].join(', ');

/**
 * The notice versions side by side (Zuwendungsbescheid, then each Änderungsbescheid): amounts,
 * period, budget years and the rules each keeps, marking what each version changed.
 */
export function compareNotices(notices: readonly Notice[]): ComparisonRow[] {
  const years = [
    ...new Set(notices.flatMap((notice) => notice.budgetYears.map((entry) => entry.year))),
  ].sort();
  return [
    row('Art', notices, (notice) => (notice.kind === 'grant' ? 'Zuwendungsbescheid' : 'Änderungsbescheid')),
    row('Datum', notices, (notice) => formatDate(notice.date)),
    row('Aktenzeichen', notices, (notice) => notice.reference),
    moneyRow('Bewilligt', notices, (notice) => notice.approvedCents),
    row(
      'Bewilligungszeitraum',
      notices,
      (notice) => `${formatDate(notice.fundingPeriod.start)} – ${formatDate(notice.fundingPeriod.end)}`,
    ),
    ...years.map((year) =>
      moneyRow(
        `Haushaltsjahr ${year}`,
        notices,
        (notice) => notice.budgetYears.find((entry) => entry.year === year)?.approvedCents ?? 0,
      ),
    ),
    row('Finanzierung', notices, shares),
    row('Mittelverwendung binnen', notices, (notice) => describeValue('', notice.rules.fundsUseWithin)),
    row('Zwischennachweis fällig am', notices, (notice) => describeValue('', notice.rules.interimReportDue)),
    row('Verwendungsnachweis binnen', notices, (notice) => describeValue('', notice.rules.finalReportWithin)),
    row('Nebenbestimmungen', notices, (notice) => notice.conditions ?? '–'),
  ];
}
