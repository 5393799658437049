import { addDays, addMonths, type Period } from './calendar-date.ts';
import { AppError } from './errors.ts';
import type { GrantRules } from './grant-rules.ts';

/** A programme limit an application breaks: which rule, where, and the numbers. */
export interface LimitViolation {
  rule: 'min_eligible_costs' | 'max_funding_period' | 'min_own_share' | 'personnel_cap';
  path: string;
  message: string;
  limit: number;
  actual: number;
}

/** How many months a period spans, counted as a funder counts a term: 1 Jan – 31 Dec is 12. */
export function periodMonths(period: Period): number {
  let months = 0;
  while (addDays(addMonths(period.start, months), -1) < period.end) months += 1;
  return months;
}

/** The least own share a programme asks for, rounded up to the cent (a share is never undercut by rounding). */
export const minimumOwnShareCents = (eligibleCostsCents: number, ownShareBasisPoints: number) =>
  Number((BigInt(eligibleCostsCents) * BigInt(ownShareBasisPoints) + 9_999n) / 10_000n);

/** FTE in millionths of a VbE (hundredths × basis points), as the programme totals count it. */
const FTE_MILLIONTHS = 1_000_000;

/**
 * The programme's limits an application breaks (Sozialstrategierichtlinie 2.1: a Bagatellgrenze
 * of 7.500 €, projects of up to 36 months, the programme's own share, up to 4 VbE of personnel).
 * `personnel`: the VbE the programme funds already and what this application's positions add.
 */
export function limitViolations(
  application: { eligibleCostsCents: number; ownContributionCents: number; fundingPeriod: Period },
  rules: Pick<
    GrantRules,
    'minEligibleCostsCents' | 'maxFundingPeriodMonths' | 'ownShareBasisPoints' | 'personnelFteCap'
  >,
  personnel: { fundedFteMillionths: number; addedFteMillionths: number },
): LimitViolation[] {
  const violations: LimitViolation[] = [];
  const minimumCosts = rules.minEligibleCostsCents;
  if (minimumCosts !== undefined && application.eligibleCostsCents < minimumCosts) {
    violations.push({
      rule: 'min_eligible_costs',
      path: 'eligibleCostsCents',
      message: `eligible costs of ${application.eligibleCostsCents} cents are below the programme's minimum (Bagatellgrenze) of ${minimumCosts} cents`,
      limit: minimumCosts,
      actual: application.eligibleCostsCents,
    });
  }
  const months = periodMonths(application.fundingPeriod);
  if (rules.maxFundingPeriodMonths !== undefined && months > rules.maxFundingPeriodMonths) {
    violations.push({
      rule: 'max_funding_period',
      path: 'fundingPeriod',
      message: `the funding period spans ${months} months, more than the programme's ${rules.maxFundingPeriodMonths}`,
      limit: rules.maxFundingPeriodMonths,
      actual: months,
    });
  }
  const ownShare = minimumOwnShareCents(application.eligibleCostsCents, rules.ownShareBasisPoints);
  if (application.ownContributionCents < ownShare) {
    violations.push({
      rule: 'min_own_share',
      path: 'ownContributionCents',
      message: `an own share of ${application.ownContributionCents} cents is below the programme's ${rules.ownShareBasisPoints / 100} % of the eligible costs, ${ownShare} cents`,
      limit: ownShare,
      actual: application.ownContributionCents,
    });
  }
  const total = personnel.fundedFteMillionths + personnel.addedFteMillionths;
  if (
    rules.personnelFteCap !== undefined &&
    personnel.addedFteMillionths > 0 &&
    total > rules.personnelFteCap * FTE_MILLIONTHS
  ) {
    violations.push({
      rule: 'personnel_cap',
      path: 'fundedPositions',
      message: `the programme would fund ${total / FTE_MILLIONTHS} VbE with this application's positions, above its cap of ${rules.personnelFteCap} VbE`,
      limit: rules.personnelFteCap,
      actual: total / FTE_MILLIONTHS,
    });
  }
  return violations;
}

/** A draft may break the programme's limits; a submission may not (422 naming each rule and its numbers). */
export function checkSubmissionLimits(...args: Parameters<typeof limitViolations>): void {
  const violations = limitViolations(...args);
  if (violations.length === 0) return;
  throw new AppError(
    'unprocessable',
    `The application breaks the programme's limits: ${violations.map((v) => v.rule).join(', ')}`,
    {
      errors: violations.map(({ path, message }) => ({ path, message })),
      extensions: { violations },
    },
  );
}
