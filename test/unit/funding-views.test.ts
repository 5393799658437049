import { describe, expect, it } from 'vitest';
import type { BaseRate } from '../../shared/domain/base-rates.ts';
import { budgetByYear, fundsCallView } from '../../shared/domain/funding-views.ts';
import {
  approvedApplication,
  draftApplication,
  ERFURT_RULES,
  fundsCallRecord,
} from '../fixtures/applications.ts';

const RATES: BaseRate[] = [{ from: '2023-01-01', basisPoints: 162 }];

describe('a funds call as users read it', () => {
  it('shows the call with its co-financing split by the notice’s shares and its spending clock today', () => {
    // prepare: ESF+ 60 %, Land 20 %, the city 20 %
    const call = fundsCallRecord({ spent: [{ on: '2023-04-01', amountCents: 400_000 }] });
    // act
    const view = fundsCallView(call, ERFURT_RULES, '2023-05-01', RATES);
    // assess
    expect(view).toMatchObject({ ...call });
    expect(view.split).toEqual({
      sources: [
        { source: 'esf_plus', cents: 750_000 },
        { source: 'land', cents: 250_000 },
      ],
      ownShareCents: 250_000,
    });
    expect(view.clock).toMatchObject({
      spendBy: '2023-05-06',
      unspentCents: 600_000,
      daysLeft: 5,
      overdue: false,
    });
  });
});

describe('the budget by year: approved, called and spent per budget year of the notice in force', () => {
  it('has no years before a notice', () => {
    expect(budgetByYear(draftApplication(), [fundsCallRecord()])).toEqual([]);
  });

  it('counts each call and what was used of it in the year it draws on, and what is left to call', () => {
    // prepare: the notice approves 19 million cents over 2023–2025, pro rata by year
    const application = approvedApplication();
    const calls = [
      fundsCallRecord({ amountCents: 1_000_000, spent: [{ on: '2023-04-01', amountCents: 400_000 }] }),
      fundsCallRecord({
        id: 'C2',
        amountCents: 500_000,
        spent: [
          { on: '2023-07-01', amountCents: 100_000 },
          { on: '2023-07-15', amountCents: 200_000 },
        ],
      }),
      fundsCallRecord({ id: 'C3', budgetYear: 2024, calledOn: '2024-02-01', amountCents: 70_000 }),
    ];
    // act
    const years = budgetByYear(application, calls);
    // assess
    const approvedByYear = application.notice?.budgetYears.map((year) => year.approvedCents) ?? [];
    expect(years).toEqual([
      {
        year: 2023,
        approvedCents: approvedByYear[0],
        calledCents: 1_500_000,
        spentCents: 700_000,
        remainingCents: (approvedByYear[0] ?? 0) - 1_500_000,
      },
      {
        year: 2024,
        approvedCents: approvedByYear[1],
        calledCents: 70_000,
        spentCents: 0,
        remainingCents: (approvedByYear[1] ?? 0) - 70_000,
      },
      {
        year: 2025,
        approvedCents: approvedByYear[2],
        calledCents: 0,
        spentCents: 0,
        remainingCents: approvedByYear[2],
      },
    ]);
  });
});
