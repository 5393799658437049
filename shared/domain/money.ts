import * as z from '../zod.ts';

/** Upper bound for any amount: 10 billion euros, far above any city grant, far below 2^53. */
export const MAX_CENTS = 1_000_000_000_000;

/** Money is integer euro cents, never negative, never floating point. */
export const centsSchema = z
  .number()
  .int('must be whole cents')
  .min(0, 'must not be negative')
  .max(MAX_CENTS, `must not exceed ${MAX_CENTS} cents`)
  .meta({ description: 'Amount in euro cents', example: 5_000_000 });

/** Shares in basis points: 10000 = 100 %. */
export const basisPointsSchema = z
  .number()
  .int('must be whole basis points')
  .min(0, 'must not be negative')
  .max(10_000, 'must not exceed 10000 (100 %)');
