import * as z from '../zod.ts';
import { decimalSchema } from './common-schemas.ts';
import { basisPointsSchema, centsSchema } from './money.ts';

export const FUNDING_SOURCES = ['esf_plus', 'land', 'federal', 'other'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

const durationSchema = z.strictObject({
  amount: z.number().int().min(0).max(120),
  unit: z.enum(['days', 'weeks', 'months']),
});
export type Duration = z.infer<typeof durationSchema>;

/**
 * When the final statement of use is due after the funding period ends. `same_day`: the same
 * day `amount` units later; `end_of_month` (ANBest-P 6.1): "mit Ablauf des sechsten auf den
 * Bewilligungszeitraum folgenden Monats", the last day of the `amount`-th month after the month
 * in which the period ends, whatever day it ends on.
 */
const reportDeadlineSchema = durationSchema
  .extend({ counting: z.enum(['same_day', 'end_of_month']).default('same_day') })
  .refine((rule) => rule.counting === 'same_day' || rule.unit === 'months', {
    message: 'end_of_month counts in months',
    path: ['counting'],
  });
export type ReportDeadlineRule = z.output<typeof reportDeadlineSchema>;

/** A day of the year (e.g. 30 April) on which an interim report for the previous budget year is due. */
const dayOfYearSchema = z
  .strictObject({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) })
  .refine(({ month, day }) => day <= [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!, {
    message: 'is not a day of every year',
    path: ['day'],
  });

/** A decimal percentage as a string, so that 19.975 is kept exactly. */
const decimalPercentSchema = z
  .string()
  .regex(/^\d{1,2}(\.\d{1,4})?$/, 'must be a decimal percentage such as "19.975"');

/**
 * The rules of a programme that govern a grant: they are copied into every grant notice when
 * it is issued, and from then on that notice's copy rules the grant, whatever the programme
 * says later (the notice is the law of the grant).
 */
export const grantRuleFields = {
  sources: z
    .array(z.strictObject({ source: z.enum(FUNDING_SOURCES), shareBasisPoints: basisPointsSchema }))
    .min(1)
    .max(4),
  ownShareBasisPoints: basisPointsSchema,
  /** Called money must be spent within this window after payout (ANBest-P 1.4). */
  fundsUseWithin: durationSchema,
  /** Interim statements of use are due on this day of the year after each budget year; null: none. */
  interimReportDue: dayOfYearSchema.nullable(),
  /** When the final statement of use is due after the funding period ends. */
  finalReportWithin: reportDeadlineSchema,
  /** The most VbE the programme funds across the city's positions. */
  personnelFteCap: decimalSchema(0.05, 0.05, 1000, 'must be a multiple of 0.05 VbE').optional(),
  socialContributionFlatRate: decimalPercentSchema.optional(),
  /** Bagatellgrenze: an application below these eligible costs cannot be submitted. */
  minEligibleCostsCents: centsSchema.optional(),
  /** The longest funding period, in months, an application may ask for. */
  maxFundingPeriodMonths: z.number().int().min(1).max(240).optional(),
  /** When true, requested + own contribution must equal the eligible costs of an application. */
  requireBalancedCosts: z.boolean(),
};

export const sharesAddUp = (rules: {
  sources: { shareBasisPoints: number }[];
  ownShareBasisPoints: number;
}) => rules.sources.reduce((sum, part) => sum + part.shareBasisPoints, rules.ownShareBasisPoints) === 10_000;

export const sourcesUnique = (rules: { sources: { source: string }[] }) =>
  new Set(rules.sources.map((part) => part.source)).size === rules.sources.length;

/** The rules as a notice keeps them. */
export const grantRulesSchema = z.object(grantRuleFields).meta({ id: 'GrantRules' });
export type GrantRules = z.output<typeof grantRulesSchema>;

/** What a notice may say differently from the rules it starts from (the programme's, or the amended notice's). */
export const grantRulesOverrideSchema = z.strictObject(grantRuleFields).partial();
export type GrantRulesOverride = z.output<typeof grantRulesOverrideSchema>;

/** The grant rules among a programme's fields. */
export function rulesOf(program: GrantRules): GrantRules {
  const rules: Record<string, unknown> = {};
  for (const name of Object.keys(grantRuleFields)) {
    const value = (program as Record<string, unknown>)[name];
    if (value !== undefined) rules[name] = value;
  }
  return rules as GrantRules;
}
