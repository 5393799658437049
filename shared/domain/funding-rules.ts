import {
  addDays,
  addMonths,
  type CalendarDate,
  daysBetween,
  endOfMonthAfter,
  type Period,
} from './calendar-date.ts';
import { splitProportionally } from './co-financing.ts';
import type { Duration, GrantRules, ReportDeadlineRule } from './grant-rules.ts';

/** The day a final statement of use is due for a period ending on `end`, by the notice's rule. */
export function finalReportDueOn(end: CalendarDate, rule: ReportDeadlineRule): CalendarDate {
  return rule.counting === 'end_of_month' ? endOfMonthAfter(end, rule.amount) : addDuration(end, rule);
}

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
 * one, due as the notice's rule counts after the period ends, which covers the last year.
 */
export function reportSchedule(
  period: Period,
  rules: Pick<GrantRules, 'interimReportDue' | 'finalReportWithin'>,
): ScheduledReport[] {
  const interimDue = rules.interimReportDue;
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
      dueOn: finalReportDueOn(period.end, rules.finalReportWithin),
    },
  ];
}
