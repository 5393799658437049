import * as z from '../zod.ts';
import { newRecordFields, storedRecordFields, updateOf } from './common-schemas.ts';
import { grantRuleFields, sharesAddUp, sourcesUnique } from './grant-rules.ts';
import { parseOrThrow } from './validation.ts';

const programFields = {
  name: z.string().trim().min(1).max(200),
  funder: z.string().trim().min(1).max(200),
  ...grantRuleFields,
};

export const createProgramSchema = z
  .strictObject({ ...programFields, requireBalancedCosts: programFields.requireBalancedCosts.default(true) })
  .refine(sharesAddUp, { message: 'source shares and own share must add up to 10000', path: ['sources'] })
  .refine(sourcesUnique, { message: 'each source may appear once', path: ['sources'] });
export type CreateProgram = z.infer<typeof createProgramSchema>;

export const updateProgramSchema = updateOf(z.strictObject(programFields));
export type UpdateProgram = z.infer<typeof updateProgramSchema>;

export type ProgramFields = z.output<typeof createProgramSchema>;

export const programSchema = z
  .object({
    ...storedRecordFields,
    ...programFields,
  })
  .meta({ id: 'Program' });
export type Program = z.infer<typeof programSchema>;

/** Applies a patch and re-checks the whole-programme rules on the result. */
export function applyProgramPatch(program: ProgramFields, patch: UpdateProgram): ProgramFields {
  const next = { ...program, ...patch };
  return parseOrThrow(createProgramSchema, next, 'programme');
}

export function newProgram(fields: ProgramFields, context: { id: string; now: Date }): Program {
  return { ...fields, ...newRecordFields(context) };
}

/** The guideline Erfurt applies under; seeded on an empty table. */
export const SOZIALSTRATEGIE_THUERINGEN: CreateProgram = {
  name: 'Sozialstrategierichtlinie Thüringen 2.1',
  funder: 'TMASGFF / TLVwA',
  sources: [
    { source: 'esf_plus', shareBasisPoints: 6000 },
    { source: 'land', shareBasisPoints: 2000 },
  ],
  ownShareBasisPoints: 2000,
  fundsUseWithin: { amount: 2, unit: 'months' },
  interimReportDue: { month: 4, day: 30 },
  // ANBest-P 6.1: by the end of the sixth month after the month the funding period ends.
  finalReportWithin: { amount: 6, unit: 'months', counting: 'end_of_month' },
  personnelFteCap: 4,
  socialContributionFlatRate: '19.975',
  // Sozialstrategierichtlinie 2.1: the Bagatellgrenze of 7.500 € and projects of up to 3 years.
  minEligibleCostsCents: 750_000,
  maxFundingPeriodMonths: 36,
  requireBalancedCosts: true,
};
