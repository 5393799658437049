import { type BaseRate, baseRateOn } from './base-rates.ts';
import { type CalendarDate, daysBetween } from './calendar-date.ts';
import { roundHalfUp } from './co-financing.ts';

/** § 49a (3) VwVfG: interest runs at 5 percentage points above the base rate, per year. */
export const INTEREST_MARGIN_BASIS_POINTS = 500;

/** The annual interest rate in force on a day: base rate + 5 points, never below 0. */
export const interestRateOn = (day: CalendarDate, rates: readonly BaseRate[]) =>
  Math.max(0, baseRateOn(day, rates) + INTEREST_MARGIN_BASIS_POINTS);

/**
 * Interest in whole cents on an amount for the days from `from` up to (not including) `to`,
 * each day at the rate in force on that day (§ 247 BGB changes it on 1 January and 1 July),
 * counted actual/365, summed exactly and rounded half up once. Never negative.
 */
export function interestCents(
  amountCents: number,
  from: CalendarDate,
  to: CalendarDate,
  rates: readonly BaseRate[],
): number {
  if (amountCents <= 0 || to <= from) return 0;
  const changes = rates.map((rate) => rate.from).filter((day) => day > from && day < to);
  const bounds = [from, ...changes, to];
  let numerator = 0n;
  for (let index = 0; index + 1 < bounds.length; index++) {
    const start = bounds[index] as CalendarDate;
    const days = daysBetween(start, bounds[index + 1] as CalendarDate);
    numerator += BigInt(amountCents) * BigInt(interestRateOn(start, rates)) * BigInt(days);
  }
  return roundHalfUp(numerator, 10_000n * 365n);
}

/** Money of a call used on a day. */
export interface Spending {
  on: CalendarDate;
  amountCents: number;
}

export interface SpendingClock {
  spendBy: CalendarDate;
  /** Called and not used yet. */
  unspentCents: number;
  daysLeft: number;
  overdue: boolean;
  /**
   * Interest the funder may claim (§ 49a (4) VwVfG) on the part not used in time: each part
   * used after the spend-by date from payout until its use, and what is still unused from
   * payout until `asOf` once the date has passed.
   */
  interestAtRiskCents: number;
  /** The rate in force on `asOf` (base rate + 5 points). */
  interestRateBasisPoints: number;
  asOf: CalendarDate;
}

/** The spending clock of a funds call: called money must be used by `spendBy`, in parts or at once. */
export function spendingClock(
  call: {
    amountCents: number;
    calledOn: CalendarDate;
    receivedOn?: CalendarDate | null;
    spendBy: CalendarDate;
    spent: readonly Spending[];
  },
  today: CalendarDate,
  rates: readonly BaseRate[],
): SpendingClock {
  const payout = call.receivedOn ?? call.calledOn;
  const unspentCents = call.amountCents - call.spent.reduce((sum, part) => sum + part.amountCents, 0);
  const usedLate = call.spent
    .filter((part) => part.on > call.spendBy)
    .reduce((sum, part) => sum + interestCents(part.amountCents, payout, part.on, rates), 0);
  const stillLate = today > call.spendBy ? interestCents(unspentCents, payout, today, rates) : 0;
  const used = unspentCents <= 0;
  return {
    spendBy: call.spendBy,
    unspentCents: Math.max(0, unspentCents),
    daysLeft: used ? 0 : daysBetween(today, call.spendBy),
    overdue: !used && today > call.spendBy,
    interestAtRiskCents: usedLate + stillLate,
    interestRateBasisPoints: interestRateOn(today, rates),
    asOf: today,
  };
}

/**
 * What an overdue deadline puts at risk in interest: for money not spent by its date, the
 * interest on the amount still at stake from its payout until `today`; nothing otherwise.
 */
export function interestAtRisk(
  deadline: {
    dueOn: CalendarDate;
    status: string;
    amountCents?: number | undefined;
    interestFrom?: string | undefined;
  },
  today: CalendarDate,
  rates: readonly BaseRate[],
): number {
  if (deadline.status !== 'open' || today <= deadline.dueOn || !deadline.interestFrom) return 0;
  return interestCents(deadline.amountCents ?? 0, deadline.interestFrom, today, rates);
}
