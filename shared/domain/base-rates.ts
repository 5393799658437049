import type { CalendarDate } from './calendar-date.ts';

/** A Basiszinssatz (§ 247 BGB) and the day from which it applies. */
export interface BaseRate {
  from: CalendarDate;
  basisPoints: number;
}

/**
 * The Basiszinssatz as the Deutsche Bundesbank published it, set every 1 January and 1 July
 * (§ 247 (1) BGB), in basis points: -88 = -0.88 %. Shipped as data so that interest for any
 * day is computed at the rate in force on that day; a newer rate is added by configuration
 * (`BASE_RATE_FROM` and `BASE_RATE_BASIS_POINTS`) until the next release ships it.
 */
export const PUBLISHED_BASE_RATES: readonly BaseRate[] = [
  { from: '2013-01-01', basisPoints: -13 },
  { from: '2013-07-01', basisPoints: -38 },
  { from: '2014-01-01', basisPoints: -63 },
  { from: '2014-07-01', basisPoints: -73 },
  { from: '2015-01-01', basisPoints: -83 },
  { from: '2016-07-01', basisPoints: -88 },
  { from: '2023-01-01', basisPoints: 162 },
  { from: '2023-07-01', basisPoints: 312 },
  { from: '2024-01-01', basisPoints: 362 },
  { from: '2024-07-01', basisPoints: 337 },
  { from: '2025-01-01', basisPoints: 227 },
  { from: '2025-07-01', basisPoints: 127 },
];

/** The published rates and, if given, a newer one from configuration; a rate that is not newer is refused. */
export function baseRatesWith(update: BaseRate | undefined, published = PUBLISHED_BASE_RATES): BaseRate[] {
  const last = published.at(-1);
  if (!update) return [...published];
  if (last && update.from <= last.from) {
    throw new Error(
      `A configured base rate must apply after ${last.from}, the last one shipped; got ${update.from}`,
    );
  }
  return [...published, update];
}

/** The rate in force on a day: the latest that applies from that day or earlier (0 before the first). */
export function baseRateOn(day: CalendarDate, rates: readonly BaseRate[]): number {
  let rate = 0;
  for (const candidate of rates) {
    if (candidate.from > day) break;
    rate = candidate.basisPoints;
  }
  return rate;
}
