import { describe, expect, it } from 'vitest';
import { coFinancingSplit, splitProportionally } from '../../shared/domain/co-financing.ts';
import {
  budgetYearsOf,
  interestCents,
  reportSchedule,
  spendingClock,
  splitByBudgetYear,
} from '../../shared/domain/funding-rules.ts';
import { SOZIALSTRATEGIE_THUERINGEN } from '../../shared/domain/program.ts';

describe('co-financing split (Anteilfinanzierung)', () => {
  it('divides a call of 50 000 € into 37 500 € ESF+ and 12 500 € Land, with a 12 500 € own share', () => {
    expect(coFinancingSplit(5_000_000, SOZIALSTRATEGIE_THUERINGEN)).toEqual({
      sources: [
        { source: 'esf_plus', cents: 3_750_000 },
        { source: 'land', cents: 1_250_000 },
      ],
      ownShareCents: 1_250_000,
    });
  });

  it('rounds so that the parts add up to the cent', () => {
    const split = coFinancingSplit(1_001, SOZIALSTRATEGIE_THUERINGEN);
    expect(split.sources.map((part) => part.cents)).toEqual([751, 250]);
    expect(split.sources.reduce((sum, part) => sum + part.cents, 0)).toBe(1_001);
    expect(split.ownShareCents).toBe(250);
  });

  it('gives the leftover cents to the largest remainders, ties to the earlier part', () => {
    expect(splitProportionally(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitProportionally(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(splitProportionally(10, [2, 3, 5])).toEqual([2, 3, 5]);
  });

  it('stays exact for the largest allowed amount', () => {
    const parts = splitProportionally(1_000_000_000_000 - 1, [6000, 2000]);
    expect(parts[0]! + parts[1]!).toBe(999_999_999_999);
  });
});

describe('budget years', () => {
  it('lists the years a period touches with their days', () => {
    expect(budgetYearsOf({ start: '2023-07-01', end: '2025-06-30' })).toEqual([
      { year: 2023, days: 184 },
      { year: 2024, days: 366 },
      { year: 2025, days: 181 },
    ]);
  });

  it('splits an approval pro rata by days, adding up to the cent', () => {
    const split = splitByBudgetYear(100_000_00, { start: '2023-01-01', end: '2025-12-31' });
    expect(split.map((entry) => entry.year)).toEqual([2023, 2024, 2025]);
    expect(split.reduce((sum, entry) => sum + entry.approvedCents, 0)).toBe(100_000_00);
    expect(split[1]!.approvedCents).toBeGreaterThan(split[0]!.approvedCents); // 2024 is a leap year
  });
});

describe('statements of use from programme rules', () => {
  it('schedules interim reports for 2023 and 2024 by 30 April and the final one six months after the period', () => {
    expect(reportSchedule({ start: '2023-01-01', end: '2025-12-31' }, SOZIALSTRATEGIE_THUERINGEN)).toEqual([
      { id: 'interim-2023', kind: 'interim', budgetYear: 2023, dueOn: '2024-04-30' },
      { id: 'interim-2024', kind: 'interim', budgetYear: 2024, dueOn: '2025-04-30' },
      { id: 'final', kind: 'final', budgetYear: null, dueOn: '2026-06-30' },
    ]);
  });

  it('schedules only the final report for a period within one year', () => {
    expect(reportSchedule({ start: '2025-03-01', end: '2025-08-31' }, SOZIALSTRATEGIE_THUERINGEN)).toEqual([
      { id: 'final', kind: 'final', budgetYear: null, dueOn: '2026-02-28' },
    ]);
  });

  it('schedules no interim reports when the programme has none', () => {
    const program = { ...SOZIALSTRATEGIE_THUERINGEN, interimReportDue: null };
    expect(
      reportSchedule({ start: '2023-01-01', end: '2024-12-31' }, program).map((report) => report.id),
    ).toEqual(['final']);
  });
});

describe('spending clock and interest under § 49a VwVfG', () => {
  const call = {
    amountCents: 5_000_000,
    calledOn: '2024-03-01',
    receivedOn: '2024-03-05',
    spendBy: '2024-05-05',
  };

  it('counts the days left before the spend-by date', () => {
    expect(spendingClock(call, '2024-04-05', 127)).toMatchObject({
      daysLeft: 30,
      overdue: false,
      interestAtRiskCents: 0,
    });
  });

  it('puts interest at risk from payout once overdue and unspent, at base rate + 5 points', () => {
    // 50 000 € × 6.27 % × 92/365 days (5 March → 5 June) = 790.19 €
    const clock = spendingClock(call, '2024-06-05', 127);
    expect(clock).toMatchObject({ overdue: true, interestRateBasisPoints: 627, daysLeft: -31 });
    expect(clock.interestAtRiskCents).toBe(79_019);
  });

  it('puts no interest at risk when the money was used in time', () => {
    expect(spendingClock({ ...call, spentOn: '2024-05-01' }, '2024-09-01', 127)).toMatchObject({
      overdue: false,
      interestAtRiskCents: 0,
    });
  });

  it('computes interest for late use up to the day of use', () => {
    expect(spendingClock({ ...call, spentOn: '2024-06-05' }, '2024-09-01', 127).interestAtRiskCents).toBe(
      79_019,
    );
  });

  it('rounds interest half up to the cent and never below zero', () => {
    expect(interestCents(100, 500, 73)).toBe(1); // 100 × 5 % × 73/365 = 1.0 cent
    expect(interestCents(1, 500, 365)).toBe(0); // 0.05 cent
    expect(interestCents(10, 500, 365)).toBe(1); // 0.5 cent rounds up
    expect(interestCents(5_000_000, -200, 100)).toBe(0);
  });
});
