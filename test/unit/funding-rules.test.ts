import { describe, expect, it } from 'vitest';
import { coFinancingSplit, splitProportionally } from '../../shared/domain/co-financing.ts';
import {
  budgetYearsOf,
  finalReportDueOn,
  reportSchedule,
  splitByBudgetYear,
} from '../../shared/domain/funding-rules.ts';
import { ERFURT_RULES } from '../fixtures/applications.ts';

describe('co-financing split (Anteilfinanzierung)', () => {
  it('divides a call of 50 000 € into 37 500 € ESF+ and 12 500 € Land, with a 12 500 € own share', () => {
    expect(coFinancingSplit(5_000_000, ERFURT_RULES)).toEqual({
      sources: [
        { source: 'esf_plus', cents: 3_750_000 },
        { source: 'land', cents: 1_250_000 },
      ],
      ownShareCents: 1_250_000,
    });
  });

  it('rounds so that the parts add up to the cent', () => {
    const split = coFinancingSplit(1_001, ERFURT_RULES);
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
    expect(reportSchedule({ start: '2023-01-01', end: '2025-12-31' }, ERFURT_RULES)).toEqual([
      { id: 'interim-2023', kind: 'interim', budgetYear: 2023, dueOn: '2024-04-30' },
      { id: 'interim-2024', kind: 'interim', budgetYear: 2024, dueOn: '2025-04-30' },
      { id: 'final', kind: 'final', budgetYear: null, dueOn: '2026-06-30' },
    ]);
  });

  it('schedules only the final report for a period within one year', () => {
    expect(reportSchedule({ start: '2025-03-01', end: '2025-08-31' }, ERFURT_RULES)).toEqual([
      { id: 'final', kind: 'final', budgetYear: null, dueOn: '2026-02-28' },
    ]);
  });

  it('schedules no interim reports when the programme has none', () => {
    const program = { ...ERFURT_RULES, interimReportDue: null };
    expect(
      reportSchedule({ start: '2023-01-01', end: '2024-12-31' }, program).map((report) => report.id),
    ).toEqual(['final']);
  });
});

describe('Verwendungsnachweis (ANBest-P 6.1): by the end of the sixth month after the period', () => {
  const anbest = { amount: 6, unit: 'months', counting: 'end_of_month' } as const;
  const sameDay = { amount: 6, unit: 'months', counting: 'same_day' } as const;

  it('is due on the last day of the sixth month after the month the period ends, whatever day it ends', () => {
    expect(finalReportDueOn('2025-01-15', anbest)).toBe('2025-07-31');
    expect(finalReportDueOn('2025-01-31', anbest)).toBe('2025-07-31');
    expect(finalReportDueOn('2025-01-01', anbest)).toBe('2025-07-31');
    expect(finalReportDueOn('2025-08-31', anbest)).toBe('2026-02-28');
    expect(finalReportDueOn('2023-08-10', anbest)).toBe('2024-02-29');
  });

  it('keeps the "same day N months later" rule for programmes that count so', () => {
    expect(finalReportDueOn('2025-01-15', sameDay)).toBe('2025-07-15');
    expect(finalReportDueOn('2025-08-31', sameDay)).toBe('2026-02-28');
  });

  it('is the rule the Sozialstrategierichtlinie is seeded with', () => {
    expect(ERFURT_RULES.finalReportWithin).toEqual(anbest);
    expect(reportSchedule({ start: '2024-03-16', end: '2025-03-15' }, ERFURT_RULES).at(-1)?.dueOn).toBe(
      '2025-09-30',
    );
  });
});
