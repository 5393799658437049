import * as z from '../zod.ts';

/**
 * Calendar dates are plain `YYYY-MM-DD` strings (Europe/Berlin calendar days, no time).
 * Arithmetic happens on UTC midnights so that no time zone or DST change can shift a day.
 */
export type CalendarDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isRealDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const calendarDateSchema = z
  .string()
  .regex(DATE_PATTERN, 'must be a date YYYY-MM-DD')
  .refine(isRealDate, 'is not a real calendar date')
  .meta({ format: 'date', example: '2025-06-30' });

export const periodSchema = z
  .strictObject({ start: calendarDateSchema, end: calendarDateSchema })
  .refine((period) => period.start <= period.end, { message: 'must not be before start', path: ['end'] });
export type Period = z.infer<typeof periodSchema>;

function toUtc(date: CalendarDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

function fromUtc(date: Date): CalendarDate {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const result = toUtc(date);
  result.setUTCDate(result.getUTCDate() + days);
  return fromUtc(result);
}

/** Adds months the way German deadlines count them: 31 Jan + 1 month = 28/29 Feb (BGB § 188). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const source = toUtc(date);
  const target = new Date(Date.UTC(source.getUTCFullYear(), source.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(source.getUTCDate(), lastDay));
  return fromUtc(target);
}

/**
 * The last day of the month `months` after the month of `date`, as ANBest-P 6.1 counts:
 * "mit Ablauf des sechsten auf den Bewilligungszeitraum folgenden Monats" (15 Jan + 6 → 31 Jul).
 */
export function endOfMonthAfter(date: CalendarDate, months: number): CalendarDate {
  const source = toUtc(date);
  return fromUtc(new Date(Date.UTC(source.getUTCFullYear(), source.getUTCMonth() + months + 1, 0)));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

// Built on first use and kept: a formatter costs far more to make than to use.
let berlinFormat: Intl.DateTimeFormat | undefined;

/** Today's calendar date in Europe/Berlin for an instant. */
export function berlinDate(instant: Date): CalendarDate {
  berlinFormat ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return berlinFormat.format(instant);
}

/** Months from one date's month to another's, as `YYYY-MM`, counted without building them. */
export function monthCount(from: CalendarDate, to: CalendarDate): number {
  const index = (date: CalendarDate) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
  return Math.max(0, index(to) - index(from) + 1);
}

/** The months (`YYYY-MM`) a window touches, first to last. */
export function monthsBetween(from: CalendarDate, to: CalendarDate): string[] {
  return Array.from({ length: monthCount(from, to) }, (_, offset) =>
    addMonths(`${from.slice(0, 7)}-01`, offset).slice(0, 7),
  );
}
