import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  berlinDate,
  calendarDateSchema,
  daysBetween,
  monthCount,
  monthsBetween,
  periodSchema,
} from '../../shared/domain/calendar-date.ts';

describe('calendar dates', () => {
  it.each(['2025-02-30', '2023-02-29', '2025-13-01', '2025-1-01', '01.02.2025', '2025-04-31'])(
    'refuses %s, which is not a real date',
    (value) => {
      expect(calendarDateSchema.safeParse(value).success).toBe(false);
    },
  );

  it('accepts a leap day in a leap year', () => {
    expect(calendarDateSchema.parse('2024-02-29')).toBe('2024-02-29');
  });

  it('refuses a period that ends before it starts, naming the end', () => {
    const result = periodSchema.safeParse({ start: '2025-01-02', end: '2025-01-01' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['end']);
  });

  it('adds months clamped to the month end (31 Jan + 1 month = 28 Feb)', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-12-31', 6)).toBe('2026-06-30');
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
  });

  it('adds days across a DST change without losing one', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
  });

  it('counts days backwards as negative', () => {
    expect(daysBetween('2026-06-30', '2026-06-01')).toBe(-29);
  });

  it('takes the Berlin calendar day of an instant, not the UTC one', () => {
    expect(berlinDate(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(berlinDate(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
  });
});

describe('months of a window', () => {
  it('lists every month a window touches, across a year end', () => {
    expect(monthsBetween('2025-11-30', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-06-15', '2026-06-20')).toEqual(['2026-06']);
  });

  it('counts months without building them, and none for a reversed window', () => {
    expect(monthCount('0001-01-01', '9999-12-31')).toBe(119_988);
    expect(monthCount('2026-02-01', '2026-01-31')).toBe(0);
    expect(monthsBetween('2026-02-01', '2026-01-31')).toEqual([]);
  });
});
