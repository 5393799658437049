import * as z from '../zod.ts';
import { splitProportionally } from './co-financing.ts';
import { centsSchema } from './money.ts';

export const costPlanSchema = z.strictObject({ plannedGrossSalaryCents: centsSchema });
export type CostPlanInput = z.infer<typeof costPlanSchema>;

export const actualCostSchema = z.strictObject({
  grossSalaryCents: centsSchema,
  note: z.string().max(500).optional(),
});
export type ActualCostInput = z.infer<typeof actualCostSchema>;

/**
 * The employer's social-insurance contribution as the programme's flat rate, a decimal
 * percentage string ("19.975"), applied in exact integer arithmetic and rounded half up.
 */
export function employerContributionCents(grossCents: number, flatRate: string): number {
  const [whole, fraction = ''] = flatRate.split('.');
  const scale = 10n ** BigInt(fraction.length);
  // "19.975" is 19975 thousandths: the digits without the point, over the scale of the fraction.
  const rate = BigInt(`${whole}${fraction}`);
  const denominator = 100n * scale;
  return Number((BigInt(grossCents) * rate * 2n + denominator) / (denominator * 2n));
}

export interface FundingShareOfPosition {
  applicationId: string;
  shareBasisPoints: number;
  /** The programme's sources and the city's own share, in basis points. */
  sources: { source: string; shareBasisPoints: number }[];
  ownShareBasisPoints: number;
}

export interface CostYear {
  year: number;
  planned: { grossCents: number; contributionCents: number; totalCents: number } | null;
  actual: { grossCents: number; contributionCents: number; totalCents: number; months: number };
  /** Of the cost basis (actual when recorded, else planned): what each source and the city pay. */
  funded: { source: string; cents: number }[];
  ownShareCents: number;
  /** Cost the linked funding does not cover at all (shares below 100 %). */
  unfundedCents: number;
}

/**
 * Plan vs actual per budget year, and who pays it: each funding link takes its share of
 * the cost, split between the programme's sources and the city's own share, to the cent.
 */
export function costYears(
  plans: { year: number; plannedGrossSalaryCents: number }[],
  actuals: { month: string; grossSalaryCents: number }[],
  links: FundingShareOfPosition[],
  flatRate: string,
): CostYear[] {
  const years = [
    ...new Set([...plans.map((plan) => plan.year), ...actuals.map((cost) => Number(cost.month.slice(0, 4)))]),
  ].sort();
  return years.map((year) => {
    const plan = plans.find((candidate) => candidate.year === year);
    const planned = plan
      ? (() => {
          const contributionCents = employerContributionCents(plan.plannedGrossSalaryCents, flatRate);
          return {
            grossCents: plan.plannedGrossSalaryCents,
            contributionCents,
            totalCents: plan.plannedGrossSalaryCents + contributionCents,
          };
        })()
      : null;
    const months = actuals.filter((cost) => cost.month.startsWith(`${year}-`));
    const actualGross = months.reduce((sum, cost) => sum + cost.grossSalaryCents, 0);
    const actualContribution = months.reduce(
      (sum, cost) => sum + employerContributionCents(cost.grossSalaryCents, flatRate),
      0,
    );
    const actual = {
      grossCents: actualGross,
      contributionCents: actualContribution,
      totalCents: actualGross + actualContribution,
      months: months.length,
    };
    const basis = months.length ? actual.totalCents : (planned?.totalCents ?? 0);

    const linkShares = links.map((link) => link.shareBasisPoints);
    const coveredShare = linkShares.reduce((sum, share) => sum + share, 0);
    const [unfundedCents = 0, ...perLink] = splitProportionally(basis, [
      10_000 - coveredShare,
      ...linkShares,
    ]);
    const funded = new Map<string, number>();
    let ownShareCents = 0;
    links.forEach((link, index) => {
      const parts = splitProportionally(perLink[index] ?? 0, [
        ...link.sources.map((part) => part.shareBasisPoints),
        link.ownShareBasisPoints,
      ]);
      link.sources.forEach((part, partIndex) => {
        funded.set(part.source, (funded.get(part.source) ?? 0) + (parts[partIndex] ?? 0));
      });
      ownShareCents += parts.at(-1) ?? 0;
    });
    return {
      year,
      planned,
      actual,
      funded: [...funded].map(([source, cents]) => ({ source, cents })),
      ownShareCents,
      unfundedCents,
    };
  });
}
