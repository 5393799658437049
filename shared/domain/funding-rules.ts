import { addDays, addMonths, type CalendarDate, daysBetween, type Period } from './calendar-date.ts';
import { roundHalfUp, splitProportionally } from './co-financing.ts';
import type { Duration, ProgramFields } from './program.ts';

export function addDuration(date: CalendarDate, duration: Duration): CalendarDate {
  if (duration.unit === 'months') return addMonths(date, duration.amount);
  return addDays(date, duration.amount * (duration.unit === 'weeks' ? 7 : 1));
}

/** The budget years (Haushaltsjahre) a period touches, each with its days in the period. */
export function budgetYearsOf(period: Period): { year: number; days: number }[] {
  const first = Number(period.start.slice(0, 4));
  const last = Number(period.end.slice(0, 4));
  const years: { year: number; days: number }[] = [];
  for (let year = first; year <= last; year++) {
    const from = year === first ? period.start : `${year}-01-01`;
    const to = year === last ? period.end : `${year}-12-31`;
    years.push({ year, days: daysBetween(from, to) + 1 });
  }
  return years;
}

/** Approved money per budget year, pro rata by days in the period; the parts add up to the cent. */
export function splitByBudgetYear(
  approvedCents: number,
  period: Period,
): { year: number; approvedCents: number }[] {
  const years = budgetYearsOf(period);
  const parts = splitProportionally(
    approvedCents,
    years.map((entry) => entry.days),
  );
  return years.map((entry, index) => ({ year: entry.year, approvedCents: parts[index] ?? 0 }));
}

export interface ScheduledReport {
  id: string;
  kind: 'interim' | 'final';
  budgetYear: number | null;
  dueOn: CalendarDate;
}

/**
 * The statements of use an approval creates: an interim one for every budget year of the
 * period but the last (due on the programme's day of the following year), and the final
 * one, due the programme's time after the period ends, which covers the last year.
 */
export function reportSchedule(
  period: Period,
  program: Pick<ProgramFields, 'interimReportDue' | 'finalReportWithin'>,
): ScheduledReport[] {
  const interimDue = program.interimReportDue;
  const years = budgetYearsOf(period).map((entry) => entry.year);
  const interims: ScheduledReport[] = interimDue
    ? years.slice(0, -1).map((year) => ({
        id: `interim-${year}`,
        kind: 'interim',
        budgetYear: year,
        dueOn: `${year + 1}-${String(interimDue.month).padStart(2, '0')}-${String(interimDue.day).padStart(2, '0')}`,
      }))
    : [];
  return [
    ...interims,
    {
      id: 'final',
      kind: 'final',
      budgetYear: null,
      dueOn: addDuration(period.end, program.finalReportWithin),
    },
  ];
}

/** § 49a (3) VwVfG: interest 5 percentage points above the base rate per year. */
export const INTEREST_MARGIN_BASIS_POINTS = 500;

/**
 * Interest in whole cents for `days` days on an amount at an annual rate, counted
 * actual/365 and rounded half up. Never negative.
 */
export function interestCents(amountCents: number, annualRateBasisPoints: number, days: number): number {
  if (days <= 0 || annualRateBasisPoints <= 0) return 0;
  return roundHalfUp(BigInt(amountCents) * BigInt(annualRateBasisPoints) * BigInt(days), 10_000n * 365n);
}

export interface SpendingClock {
  spendBy: CalendarDate;
  daysLeft: number;
  overdue: boolean;
  /** Interest the funder may claim (§ 49a (4) VwVfG) for the time from payout until use, as of `asOf`. */
  interestAtRiskCents: number;
  interestRateBasisPoints: number;
  asOf: CalendarDate;
}

/**
 * The spending clock of a funds call: called money must be used by `spendBy`; if it is
 * used late (or not yet, and the day has passed), interest runs from payout until use.
 */
export function spendingClock(
  call: {
    amountCents: number;
    calledOn: CalendarDate;
    receivedOn?: CalendarDate | null;
    spentOn?: CalendarDate | null;
    spendBy: CalendarDate;
  },
  today: CalendarDate,
  baseRateBasisPoints: number,
): SpendingClock {
  const rate = Math.max(0, baseRateBasisPoints + INTEREST_MARGIN_BASIS_POINTS);
  const payout = call.receivedOn ?? call.calledOn;
  const usedOn = call.spentOn ?? today;
  const late = usedOn > call.spendBy;
  return {
    spendBy: call.spendBy,
    daysLeft: call.spentOn ? 0 : daysBetween(today, call.spendBy),
    overdue: !call.spentOn && today > call.spendBy,
    interestAtRiskCents: late ? interestCents(call.amountCents, rate, daysBetween(payout, usedOn)) : 0,
    interestRateBasisPoints: rate,
    asOf: today,
  };
}
