import type { FundingSource as Source } from './grant-rules.ts';

/**
 * Splits whole cents in proportion to integer weights so that the parts add up exactly:
 * each part is rounded down, and the cents left over go to the largest remainders
 * (ties to the earlier part). Pure integer arithmetic, no floating point.
 */
export function splitProportionally(totalCents: number, weights: number[]): number[] {
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  if (weightSum <= 0) return weights.map(() => 0);
  const total = BigInt(totalCents);
  const sum = BigInt(weightSum);
  const floors = weights.map((weight) => (total * BigInt(weight)) / sum);
  const remainders = weights.map((weight, index) => ({
    index,
    remainder: (total * BigInt(weight)) % sum,
  }));
  let leftover = Number(total - floors.reduce((acc, part) => acc + part, 0n));
  remainders.sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  const parts = floors.map(Number);
  for (const { index } of remainders) {
    if (leftover === 0) break;
    parts[index] = (parts[index] ?? 0) + 1;
    leftover -= 1;
  }
  return parts;
}

/** Rounds a non-negative fraction numerator/denominator half up to whole cents. */
export function roundHalfUp(numerator: bigint, denominator: bigint): number {
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

export interface CoFinancingSplit {
  sources: { source: Source; cents: number }[];
  /** The city's matching own share for the same expenditure. */
  ownShareCents: number;
}

/**
 * Share financing (Anteilfinanzierung): the funder's money in a call is divided between
 * the sources by their shares (ESF+ 60 : Land 20 → 3 : 1), and the city matches it by
 * own share / funder share (20/80 of the call).
 */
export function coFinancingSplit(
  amountCents: number,
  program: { sources: { source: Source; shareBasisPoints: number }[]; ownShareBasisPoints: number },
): CoFinancingSplit {
  const weights = program.sources.map((part) => part.shareBasisPoints);
  const parts = splitProportionally(amountCents, weights);
  const funderShare = weights.reduce((sum, weight) => sum + weight, 0);
  return {
    sources: program.sources.map((part, index) => ({ source: part.source, cents: parts[index] ?? 0 })),
    ownShareCents:
      funderShare === 0
        ? 0
        : roundHalfUp(BigInt(amountCents) * BigInt(program.ownShareBasisPoints), BigInt(funderShare)),
  };
}
