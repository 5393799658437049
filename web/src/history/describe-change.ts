import type { HistoryEntry } from '../api/types.ts';
import { formatBasisPoints, formatDate, formatDecimal, formatMoney } from '../format/german.ts';
import { APPLICATION_STATUS, FUNDING_SOURCE, STAFFING, STATEMENT_STATUS } from '../labels.ts';

/** What each action of a history entry is called (the API's codes stay out of sight). */
const ACTIONS: Record<string, string> = {
  create: 'Angelegt',
  update: 'Geändert',
  status: 'Status geändert',
  owner: 'Übergeben',
  amendment: 'Änderungsbescheid erfasst',
  funds_call: 'Mittel abgerufen',
  funds_call_update: 'Mittelabruf fortgeschrieben',
  report: 'Verwendungsnachweis fortgeschrieben',
  position_linked: 'Stelle verknüpft',
  position_unlinked: 'Stelle gelöst',
  staffing: 'Besetzung geändert',
  cost_plan: 'Kostenplan gesetzt',
  actual_cost: 'Ist-Kosten erfasst',
  document_announced: 'Dokument angekündigt',
  document_attached: 'Dokument hinzugefügt',
  document_deleted: 'Dokument gelöscht',
};

/** The fields a change can move, as people call them. */
const FIELDS: Record<string, string> = {
  title: 'Titel',
  purpose: 'Zweck',
  orgUnit: 'Organisationseinheit',
  fundingPeriod: 'Bewilligungszeitraum',
  eligibleCostsCents: 'Zuwendungsfähige Ausgaben',
  requestedCents: 'Beantragt',
  ownContributionCents: 'Eigenanteil',
  submissionDeadline: 'Einreichungsfrist',
  owner: 'Verantwortlich',
  status: 'Status',
  notice: 'Bescheid',
  approvedCents: 'Bewilligt',
  calledCents: 'Abgerufen',
  availableCents: 'Noch abrufbar',
  calledByYear: 'Abgerufen je Haushaltsjahr',
  remainingByYear: 'Noch abrufbar je Haushaltsjahr',
  repaymentClaimCents: 'Rückforderung',
  fte: 'VbE',
  payGrade: 'Entgeltgruppe',
  payStep: 'Stufe',
  start: 'Beginn',
  end: 'Ende',
  fundedBy: 'Finanziert durch',
  staffing: 'Besetzung',
  staffingSince: 'Besetzung seit',
  holder: 'Stelleninhaber/in',
  name: 'Name',
  funder: 'Mittelgeber',
  sources: 'Finanzierungsquellen',
  ownShareBasisPoints: 'Eigenanteil',
  fundsUseWithin: 'Mittelverwendung binnen',
  interimReportDue: 'Zwischennachweis fällig am',
  finalReportWithin: 'Verwendungsnachweis binnen',
  personnelFteCap: 'Höchstens VbE',
  socialContributionFlatRate: 'Pauschale Arbeitgeberanteil',
  minEligibleCostsCents: 'Bagatellgrenze',
  maxFundingPeriodMonths: 'Längste Laufzeit (Monate)',
  requireBalancedCosts: 'Ausgaben = Beantragt + Eigenanteil',
  plannedGrossSalaryCents: 'Geplantes Bruttogehalt',
  grossSalaryCents: 'Bruttogehalt',
  receivedOn: 'Eingegangen am',
  spent: 'Verwendet',
  spentOn: 'Vollständig verwendet am',
  spendBy: 'Zu verwenden bis',
  submittedOn: 'Eingereicht am',
  decidedOn: 'Entschieden am',
  note: 'Notiz',
  year: 'Haushaltsjahr',
  month: 'Monat',
};

/** The notes the API writes itself (cost plans, funds calls, amendments), in German. */
const NOTE_RULES: [RegExp, (...groups: string[]) => string][] = [
  [/(\d+) cents gross/g, (cents) => `${formatMoney(Number(cents))} brutto`],
  [/(\d+) cents called on/g, (cents) => `${formatMoney(Number(cents))} abgerufen am`],
  [/(\d+) cents/g, (cents) => formatMoney(Number(cents))],
  [/ for (\d{4})\b/g, (year) => ` für ${year}`],
  [/^Notice version (\d+)/, (version) => `Bescheid Version ${version}`],
  [/^call /, () => 'Abruf '],
  [/\b(\d{4}-\d{2}-\d{2})\b/g, (date) => formatDate(date)],
];

/** A note of the history: the API's own phrases and every date and amount the German way. */
export function describeNote(note: string): string {
  return NOTE_RULES.reduce(
    (text, [pattern, german]) => text.replace(pattern, (_match, ...groups: string[]) => german(...groups)),
    note,
  );
}

const UNITS: Record<string, [string, string]> = {
  days: ['Tag', 'Tage'],
  weeks: ['Woche', 'Wochen'],
  months: ['Monat', 'Monate'],
};

const STATUS_WORDS: Record<string, string> = { ...STATEMENT_STATUS, ...STAFFING, ...APPLICATION_STATUS };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value of the audit trail in German: money, dates, shares, periods and the API's codes in words. */
export function describeValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'boolean') return value ? 'ja' : 'nein';
  if (typeof value === 'number') {
    if (field === 'year') return String(value);
    if (field.endsWith('Cents')) return formatMoney(value);
    if (field.endsWith('BasisPoints')) return formatBasisPoints(value);
    return formatDecimal(value);
  }
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    if (field === 'socialContributionFlatRate') return `${value.replace('.', ',')}\u00a0%`;
    return STATUS_WORDS[value] ?? value;
  }
  if (Array.isArray(value)) return value.map((item) => describeValue(field, item)).join('; ') || '–';
  if (isRecord(value)) return describeObject(field, value);
  return String(value);
}

function describeObject(field: string, value: Record<string, unknown>): string {
  if ('start' in value && 'end' in value)
    return `${describeValue('start', value.start)} – ${describeValue('end', value.end)}`;
  if ('name' in value && 'email' in value) return String(value.name);
  if ('source' in value && 'shareBasisPoints' in value) {
    const source = FUNDING_SOURCE[value.source as keyof typeof FUNDING_SOURCE] ?? String(value.source);
    return `${source} ${formatBasisPoints(Number(value.shareBasisPoints))}`;
  }
  if ('amount' in value && 'unit' in value) {
    const [one, many] = UNITS[String(value.unit)] ?? [String(value.unit), String(value.unit)];
    const amount = Number(value.amount);
    const end = value.counting === 'end_of_month' ? ', zum Monatsende' : '';
    return `${amount} ${amount === 1 ? one : many}${end}`;
  }
  if ('month' in value && 'day' in value)
    return `${String(value.day).padStart(2, '0')}.${String(value.month).padStart(2, '0')}.`;
  if ('on' in value && 'amountCents' in value)
    return `${describeValue('on', value.on)}: ${formatMoney(Number(value.amountCents))}`;
  if ('version' in value && 'reference' in value)
    return `Version ${value.version} (${value.reference}), ${describeValue('approvedCents', value.approvedCents)}`;
  if ('applicationId' in value && 'shareBasisPoints' in value)
    return `Antrag ${value.applicationId}: ${formatBasisPoints(Number(value.shareBasisPoints))}`;
  // A map of cents by budget year (calledByYear, remainingByYear): "2023: 50.000,00 €; 2024: …".
  const entries = Object.entries(value);
  if (entries.length === 0) return '–';
  const itemField = field.endsWith('ByYear') ? 'amountCents' : field;
  return entries.map(([key, item]) => `${key}: ${describeValue(itemField, item)}`).join('; ');
}

export interface DescribedEntry {
  id: string;
  at: string;
  who: string;
  what: string;
  note: string | null;
  changes: { field: string; from: string; to: string }[];
}

/** A history entry as people read it: what happened, by whom, and each field from → to. */
export function describeEntry(entry: HistoryEntry): DescribedEntry {
  const action = ACTIONS[entry.action] ?? entry.action;
  const move =
    entry.from || entry.to
      ? `: ${describeValue('status', entry.from)} → ${describeValue('status', entry.to)}`
      : '';
  return {
    id: entry.id,
    at: entry.at,
    who: entry.actor.email ?? entry.actor.sub,
    what: entry.action === 'create' ? action : `${action}${move}`,
    note: entry.note === null ? null : describeNote(entry.note),
    changes: entry.changes.map((change) => ({
      field: FIELDS[change.field] ?? change.field,
      from: describeValue(change.field, change.from),
      to: describeValue(change.field, change.to),
    })),
  };
}
