import * as z from '../zod.ts';
import { storedRecordFields, updateOf } from './common-schemas.ts';
import { basisPointsSchema } from './money.ts';
import { parseOrThrow } from './validation.ts';

export const FUNDING_SOURCES = ['esf_plus', 'land', 'federal', 'other'] as const;

const durationSchema = z.strictObject({
  amount: z.number().int().min(0).max(120),
  unit: z.enum(['days', 'weeks', 'months']),
});
export type Duration = z.infer<typeof durationSchema>;

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

const programFields = {
  name: z.string().trim().min(1).max(200),
  funder: z.string().trim().min(1).max(200),
  sources: z
    .array(z.strictObject({ source: z.enum(FUNDING_SOURCES), shareBasisPoints: basisPointsSchema }))
    .min(1)
    .max(4),
  ownShareBasisPoints: basisPointsSchema,
  /** Called money must be spent within this window after payout (ANBest). */
  fundsUseWithin: durationSchema,
  /** Interim statements of use are due on this day of the year after each budget year; null: none. */
  interimReportDue: dayOfYearSchema.nullable(),
  /** The final statement of use is due this long after the funding period ends. */
  finalReportWithin: durationSchema,
  personnelFteCap: z.number().positive().max(1000).optional(),
  socialContributionFlatRate: decimalPercentSchema.optional(),
  /** When true, requested + own contribution must equal the eligible costs of an application. */
  requireBalancedCosts: z.boolean(),
};

function sharesAddUp(program: { sources: { shareBasisPoints: number }[]; ownShareBasisPoints: number }) {
  const total = program.sources.reduce(
    (sum, part) => sum + part.shareBasisPoints,
    program.ownShareBasisPoints,
  );
  return total === 10_000;
}

function sourcesUnique(program: { sources: { source: string }[] }) {
  return new Set(program.sources.map((part) => part.source)).size === program.sources.length;
}

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
  const at = context.now.toISOString();
  return { ...fields, id: context.id, version: 1, createdAt: at, updatedAt: at };
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
  finalReportWithin: { amount: 6, unit: 'months' },
  personnelFteCap: 4,
  socialContributionFlatRate: '19.975',
  requireBalancedCosts: true,
};
