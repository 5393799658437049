import type { Application } from './application.ts';
import type { BaseRate } from './base-rates.ts';
import { type CoFinancingSplit, coFinancingSplit } from './co-financing.ts';
import type { FundsCall } from './funds-call.ts';
import type { GrantRules } from './grant-rules.ts';
import { type SpendingClock, spendingClock } from './interest.ts';

export interface FundsCallView extends FundsCall {
  split: CoFinancingSplit;
  clock: SpendingClock;
}

/** A funds call as users read it: with its co-financing split (by the notice's shares) and its spending clock today. */
export function fundsCallView(
  call: FundsCall,
  rules: Pick<GrantRules, 'sources' | 'ownShareBasisPoints'>,
  today: string,
  rates: readonly BaseRate[],
): FundsCallView {
  return {
    ...call,
    split: coFinancingSplit(call.amountCents, rules),
    clock: spendingClock(call, today, rates),
  };
}

export interface BudgetYear {
  year: number;
  approvedCents: number;
  calledCents: number;
  spentCents: number;
  remainingCents: number;
}

/** Per budget year of the notice in force: approved, called and spent (by the calls drawing on it), and still to call. */
export function budgetByYear(application: Application, calls: FundsCall[]): BudgetYear[] {
  const notice = application.notice;
  if (!notice) return [];
  return notice.budgetYears.map(({ year, approvedCents }) => {
    const ofYear = calls.filter((call) => call.budgetYear === year);
    const calledCents = ofYear.reduce((sum, call) => sum + call.amountCents, 0);
    const spentCents = ofYear.reduce(
      (sum, call) => sum + call.spent.reduce((used, part) => used + part.amountCents, 0),
      0,
    );
    return { year, approvedCents, calledCents, spentCents, remainingCents: approvedCents - calledCents };
  });
}
