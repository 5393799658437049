import type { Application } from './application.ts';
import { type CoFinancingSplit, coFinancingSplit } from './co-financing.ts';
import { type SpendingClock, spendingClock, splitByBudgetYear } from './funding-rules.ts';
import type { FundsCall } from './funds-call.ts';
import type { ProgramFields } from './program.ts';

export interface FundsCallView extends FundsCall {
  split: CoFinancingSplit;
  clock: SpendingClock;
}

/** A funds call as users read it: with its co-financing split and its spending clock today. */
export function fundsCallView(
  call: FundsCall,
  program: Pick<ProgramFields, 'sources' | 'ownShareBasisPoints'>,
  today: string,
  baseRateBasisPoints: number,
): FundsCallView {
  return {
    ...call,
    split: coFinancingSplit(call.amountCents, program),
    clock: spendingClock(call, today, baseRateBasisPoints),
  };
}

export interface BudgetYear {
  year: number;
  approvedCents: number;
  calledCents: number;
  remainingCents: number;
}

/** Approved (explicit per year, else pro rata by days), called (by call date) and remaining per budget year. */
export function budgetByYear(application: Application, calls: FundsCall[]): BudgetYear[] {
  const notice = application.notice;
  if (!notice) return [];
  const approved = notice.budgetYears ?? splitByBudgetYear(notice.approvedCents, notice.fundingPeriod);
  return approved.map(({ year, approvedCents }) => {
    const calledCents = calls
      .filter((call) => Number(call.calledOn.slice(0, 4)) === year)
      .reduce((sum, call) => sum + call.amountCents, 0);
    return { year, approvedCents, calledCents, remainingCents: approvedCents - calledCents };
  });
}
