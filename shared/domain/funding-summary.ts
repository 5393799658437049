import type { Application } from './application.ts';
import type { BaseRate } from './base-rates.ts';
import { addDays, type CalendarDate, daysBetween } from './calendar-date.ts';
import { coFinancingSplit, roundHalfUp } from './co-financing.ts';
import type { Deadline } from './deadline.ts';
import { type BudgetYear, budgetByYear } from './funding-views.ts';
import type { FundsCall } from './funds-call.ts';
import { FUNDING_SOURCES, type FundingSource } from './grant-rules.ts';
import { interestAtRisk } from './interest.ts';
import type { Position } from './position.ts';
import type { CostYear } from './position-costs.ts';
import { isOverdue, type ReminderPolicy } from './reminder-schedule.ts';

/**
 * The figures of the dashboard (Übersicht) and of the application list, from the records as
 * they are: pure functions, so the numbers a council paper quotes are tested without a database.
 */

/** Money of a grant or of many: approved, called, spent, and still to call. */
export interface MoneyFigures {
  approvedCents: number;
  calledCents: number;
  spentCents: number;
  /** Approved and not called yet. */
  remainingCents: number;
}

/** Grants whose money counts: approved, or closed after it was paid. Revoked ones are taken back. */
export const countsAsGrant = (status: Application['status']) => status === 'approved' || status === 'closed';

/** The days ahead that "upcoming" deadlines reach (today included). */
export const UPCOMING_DAYS = 30;

export interface ApplicationSummary extends MoneyFigures {
  id: string;
  title: string;
  programId: string;
  status: Application['status'];
  /** The notice's period once there is one, else the one asked for. */
  fundingPeriod: { start: string; end: string };
  owner: Application['owner'];
  interestAtRiskCents: number;
  /** Per budget year of the notice in force; empty without a notice. */
  years: BudgetYear[];
  /** The earliest open deadline, overdue ones included. */
  nextDeadline: Pick<Deadline, 'id' | 'kind' | 'dueOn'> | null;
}

const spentOf = (call: Pick<FundsCall, 'spent'>) =>
  call.spent.reduce((sum, part) => sum + part.amountCents, 0);

const sumFigures = (parts: readonly MoneyFigures[]): MoneyFigures => ({
  approvedCents: parts.reduce((sum, part) => sum + part.approvedCents, 0),
  calledCents: parts.reduce((sum, part) => sum + part.calledCents, 0),
  spentCents: parts.reduce((sum, part) => sum + part.spentCents, 0),
  remainingCents: parts.reduce((sum, part) => sum + part.remainingCents, 0),
});

/** Open deadlines by the application they belong to (those of other records are left out). */
export function deadlinesByApplication(openDeadlines: readonly Deadline[]): Map<string, Deadline[]> {
  const grouped = new Map<string, Deadline[]>();
  for (const deadline of openDeadlines) {
    if (deadline.subject.type !== 'application') continue;
    grouped.set(deadline.subject.id, [...(grouped.get(deadline.subject.id) ?? []), deadline]);
  }
  return grouped;
}

/** An application with its money (from its notice and its calls) and its most pressing open deadline. */
export function applicationSummary(
  application: Application,
  calls: readonly FundsCall[],
  /** Its open deadlines (others are left out, so all open deadlines may be passed). */
  openDeadlines: readonly Deadline[],
  today: CalendarDate,
  rates: readonly BaseRate[],
): ApplicationSummary {
  const own = openDeadlines
    .filter((deadline) => deadline.subject.type === 'application' && deadline.subject.id === application.id)
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const next = own[0];
  return {
    id: application.id,
    title: application.title,
    programId: application.programId,
    status: application.status,
    fundingPeriod: application.notice?.fundingPeriod ?? application.fundingPeriod,
    owner: application.owner,
    approvedCents: application.approvedCents,
    calledCents: application.calledCents,
    spentCents: calls.reduce((sum, call) => sum + spentOf(call), 0),
    remainingCents: application.approvedCents - application.calledCents,
    interestAtRiskCents: own.reduce((sum, deadline) => sum + interestAtRisk(deadline, today, rates), 0),
    years: budgetByYear(application, [...calls]),
    nextDeadline: next ? { id: next.id, kind: next.kind, dueOn: next.dueOn } : null,
  };
}

/** Per budget year across grants, years in order. */
export function figuresByYear(grants: readonly ApplicationSummary[]): (MoneyFigures & { year: number })[] {
  const years = new Map<number, MoneyFigures[]>();
  for (const grant of grants) {
    for (const { year, ...figures } of grant.years) years.set(year, [...(years.get(year) ?? []), figures]);
  }
  return [...years].sort(([a], [b]) => a - b).map(([year, parts]) => ({ year, ...sumFigures(parts) }));
}

export type CoFinancingSource = FundingSource | 'own';

export interface CoFinancingLine {
  source: CoFinancingSource;
  approvedCents: number;
  calledCents: number;
}

/**
 * Who pays the grants, by source, each grant by its own notice's rules (the notice is the law
 * of the grant): the approval split between the sources with the city's matching own share, and
 * the calls split as each call's own split says (so they add up to what the calls show).
 */
export function coFinancing(
  grants: readonly { application: Application; calls: readonly FundsCall[] }[],
): CoFinancingLine[] {
  const lines = new Map<CoFinancingSource, CoFinancingLine>(
    [...FUNDING_SOURCES, 'own' as const].map((source) => [
      source,
      { source, approvedCents: 0, calledCents: 0 },
    ]),
  );
  const add = (split: ReturnType<typeof coFinancingSplit>, field: 'approvedCents' | 'calledCents') => {
    for (const part of split.sources) (lines.get(part.source) as CoFinancingLine)[field] += part.cents;
    (lines.get('own') as CoFinancingLine)[field] += split.ownShareCents;
  };
  for (const { application, calls } of grants) {
    const rules = application.notice?.rules;
    if (!rules) continue;
    add(coFinancingSplit(application.approvedCents, rules), 'approvedCents');
    for (const call of calls) add(coFinancingSplit(call.amountCents, rules), 'calledCents');
  }
  return [...lines.values()].filter(
    (line) => line.source === 'own' || line.approvedCents > 0 || line.calledCents > 0,
  );
}

export interface DeadlineOverview {
  /** Duties open and past due, oldest first (an event past its day is not overdue: it has happened). */
  overdue: Deadline[];
  /** Open and due from today to `UPCOMING_DAYS` days ahead, soonest first. */
  upcoming: Deadline[];
  /** § 49a (4) VwVfG interest on the money of overdue spend-by deadlines, as of today. */
  interestAtRiskCents: number;
}

/** The open deadlines that need someone now: overdue, and those of the next 30 days. */
export function deadlineOverview(
  openDeadlines: readonly Deadline[],
  today: CalendarDate,
  rates: readonly BaseRate[],
  policy: Pick<ReminderPolicy, 'eventKinds'>,
): DeadlineOverview {
  const open = openDeadlines
    .filter((deadline) => deadline.status === 'open')
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id));
  const overdue = open.filter((deadline) => isOverdue(deadline, today, policy));
  const horizon = addDays(today, UPCOMING_DAYS);
  return {
    overdue,
    upcoming: open.filter((deadline) => deadline.dueOn >= today && deadline.dueOn <= horizon),
    interestAtRiskCents: overdue.reduce((sum, deadline) => sum + interestAtRisk(deadline, today, rates), 0),
  };
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * The funding a vacancy leaves unused: for each day from `from` up to (not including) `to`, the
 * funded share of that year's costs (all sources, not the city's own share) divided by the days
 * of the year; summed exactly and rounded half up once.
 */
export function vacancyLossCents(years: readonly CostYear[], from: CalendarDate, to: CalendarDate): number {
  // 365 × 366 holds every year's days, so the sum is exact before its one rounding.
  const denominator = 365n * 366n;
  let numerator = 0n;
  for (const year of years) {
    const start = from > `${year.year}-01-01` ? from : `${year.year}-01-01`;
    const end = to < `${year.year + 1}-01-01` ? to : `${year.year + 1}-01-01`;
    const days = daysBetween(start, end);
    if (days <= 0) continue;
    const funded = year.funded.reduce((sum, part) => sum + part.cents, 0);
    const daysOfYear = isLeapYear(year.year) ? 366n : 365n;
    numerator += BigInt(funded) * BigInt(days) * (denominator / daysOfYear);
  }
  return roundHalfUp(numerator, denominator);
}

export interface PositionSummary {
  id: string;
  title: string;
  fte: number;
  payGrade: string;
  orgUnit: string;
  staffing: Position['staffing'];
  staffingSince: string | null;
  /** Days since the position fell vacant (0 unless vacant). */
  vacancyDays: number;
  /** Funding the vacancy has left unused so far, by the cost plan (or actual costs) and the paying grants. */
  vacancyLossCents: number;
}

/** A position as the dashboard shows it; `costYears` only matters while it is vacant. */
export function positionSummary(
  position: Position,
  costYears: readonly CostYear[],
  today: CalendarDate,
): PositionSummary {
  const vacantSince = position.staffing === 'vacant' ? position.staffingSince : null;
  const vacancyDays = vacantSince ? Math.max(0, daysBetween(vacantSince, today)) : 0;
  return {
    id: position.id,
    title: position.title,
    fte: position.fte,
    payGrade: position.payGrade,
    orgUnit: position.orgUnit,
    staffing: position.staffing,
    staffingSince: position.staffingSince,
    vacancyDays,
    vacancyLossCents: vacantSince ? vacancyLossCents(costYears, vacantSince, today) : 0,
  };
}

/** The totals over the grants that count. */
export function grantTotals(applications: readonly ApplicationSummary[]) {
  const grants = applications.filter((application) => countsAsGrant(application.status));
  return {
    ...sumFigures(grants),
    interestAtRiskCents: grants.reduce((sum, grant) => sum + grant.interestAtRiskCents, 0),
    byYear: figuresByYear(grants),
  };
}
