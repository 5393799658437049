/**
 * German formats, everywhere the same: dates TT.MM.JJJJ, money 1.234,56 €, percent 60 %.
 * Dates of the API are calendar dates (YYYY-MM-DD) in Europe/Berlin, timestamps are UTC.
 */
const dateFormat = new Intl.DateTimeFormat('de-DE', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateTimeFormat = new Intl.DateTimeFormat('de-DE', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/Berlin',
});
const monthFormat = new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const moneyFormat = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });
const percentFormat = new Intl.NumberFormat('de-DE', { style: 'percent', maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 });
const berlinDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const utcDate = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

function isRealDate(isoDate: string): boolean {
  const date = utcDate(isoDate);
  return (
    ISO_DATE.test(isoDate) && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === isoDate
  );
}

/** 2023-03-31 → 31.03.2023; anything that is not a real date is shown as it is. */
export function formatDate(isoDate: string): string {
  return isRealDate(isoDate) ? dateFormat.format(utcDate(isoDate)) : isoDate;
}

/** A UTC timestamp as Berlin time, e.g. 31.03.2023, 14:05 */
export function formatDateTime(timestamp: string): string {
  return dateTimeFormat.format(new Date(timestamp));
}

/** 2023-03-01 → März 2023 */
export function formatMonth(isoDate: string): string {
  return isRealDate(isoDate) ? monthFormat.format(utcDate(isoDate)) : isoDate;
}

/** 123456 (cents) → 1.234,56 € */
export function formatMoney(cents: number): string {
  return moneyFormat.format(cents / 100);
}

/** 60 → 60 % */
export function formatPercent(percent: number): string {
  return percentFormat.format(percent / 100);
}

/** 4.5 → 4,5 */
export function formatDecimal(value: number): string {
  return decimalFormat.format(value);
}

/** Today's calendar date in Europe/Berlin, YYYY-MM-DD. */
export function todayInBerlin(now = new Date()): string {
  return berlinDay.format(now);
}

/** Adds whole months to a calendar date, clamped to the month's last day. */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, lastDay));
  return first.toISOString().slice(0, 10);
}

/** The first and last day of the month a date lies in. */
export function monthOf(isoDate: string): { start: string; end: string } {
  const start = `${isoDate.slice(0, 7)}-01`;
  const end = new Date(Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)), 0));
  return { start, end: end.toISOString().slice(0, 10) };
}

/**
 * 31.12.2023 (also 31.12.23 or 1.2.2023) → 2023-12-31. Anything else comes back unchanged, so
 * the API refuses it with its own message: the API is the one judge of what is valid.
 */
export function germanDateToIso(text: string): string {
  const match = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})\s*$/.exec(text);
  if (!match) return text.trim();
  const [, day, month, year] = match as unknown as [string, string, string, string];
  const fullYear = year.length === 2 ? `20${year}` : year;
  return `${fullYear}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/**
 * A German number ("1,5", "1.234,5", also "1.5") as a number; anything that is not one comes
 * back as the text, for the API to refuse with a message next to the field.
 */
export function germanNumber(text: string): number | string {
  const trimmed = text.trim();
  const normalized = trimmed.includes(',') ? trimmed.replaceAll('.', '').replace(',', '.') : trimmed;
  return /^-?\d+(\.\d+)?$/.test(normalized) ? Number(normalized) : trimmed;
}

const moneyInputFormat = new Intl.NumberFormat('de-DE', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** 123456 (cents) → 1.234,56, as a money field shows it for editing (no currency sign). */
export function formatMoneyInput(cents: number): string {
  return moneyInputFormat.format(cents / 100);
}

/**
 * Money as people here type it, in whole cents: "1.234,56", "250.000" (dots group thousands),
 * "1234,5", "12 €". Anything else comes back as the text, for the API to refuse next to the field.
 */
export function germanMoneyToCents(text: string): number | string {
  const trimmed = text.trim();
  const bare = trimmed.replace(/\s*€$/, '').replace(/\s/g, '');
  const match = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(bare);
  if (!match) return trimmed;
  const euros = Number((match[1] ?? '').replaceAll('.', ''));
  const cents = Number((match[2] ?? '').padEnd(2, '0'));
  return euros * 100 + cents;
}

/** 6000 (basis points) → 60 %; 1250 → 12,5 % */
export function formatBasisPoints(basisPoints: number): string {
  return `${formatDecimal(basisPoints / 100)}\u00a0%`;
}

/** A share typed in percent ("60", "12,5 %") as basis points; anything else as typed. */
export function percentToBasisPoints(text: string): number | string {
  const parsed = germanNumber(text.replace(/\s*%$/, ''));
  return typeof parsed === 'number' ? Math.round(parsed * 100) : parsed;
}
