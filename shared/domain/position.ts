import * as z from '../zod.ts';
import { addDays, calendarDateSchema, daysBetween } from './calendar-date.ts';
import { recordIdSchema, storedRecordFields } from './common-schemas.ts';
import { AppError, type FieldError } from './errors.ts';
import { basisPointsSchema } from './money.ts';
import { personSchema } from './person.ts';
import { checkTransition } from './state-machine.ts';

/** FTE (VbE) in steps of 0.05, above 0 and at most one full-time position. */
export const fteSchema = z
  .number()
  .gt(0, 'must be more than 0')
  .max(1, 'must not exceed 1.0')
  .refine((fte) => Math.abs(fte * 20 - Math.round(fte * 20)) < 1e-9, 'must be a multiple of 0.05');

/** Hundredths of an FTE as an integer, so sums never drift (0.05 + 0.1 ≠ 0.15 in floating point). */
export const fteHundredths = (fte: number) => Math.round(fte * 100);

const fundingLinkSchema = z.strictObject({
  applicationId: recordIdSchema,
  shareBasisPoints: basisPointsSchema.min(1, 'must be more than 0'),
  /** Funding applied for but not approved yet; allowed only when declared, and flagged. */
  planned: z.boolean().optional(),
});

const positionFields = {
  title: z.string().trim().min(1).max(300),
  fte: fteSchema,
  payGrade: z
    .string()
    .trim()
    .regex(/^[A-Za-zÄÖÜäöü.\- ]{2,20}\s?[A-Z]{0,2}\s?\d{1,2}[a-z]?$/, 'must be like "TVöD E 11"'),
  payStep: z.number().int().min(1).max(6).optional(),
  orgUnit: z.string().trim().min(1).max(200),
  start: calendarDateSchema,
  end: calendarDateSchema.nullable().optional(),
  owner: personSchema.optional(),
  fundedBy: z.array(fundingLinkSchema).max(10).default([]),
};

const sharesWithinWhole = (links: { shareBasisPoints: number }[]) =>
  links.reduce((sum, link) => sum + link.shareBasisPoints, 0) <= 10_000;
const linksUnique = (links: { applicationId: string }[]) =>
  new Set(links.map((link) => link.applicationId)).size === links.length;

export const createPositionSchema = z
  .strictObject(positionFields)
  .refine((position) => !position.end || position.end >= position.start, {
    message: 'must not be before start',
    path: ['end'],
  })
  .refine((position) => sharesWithinWhole(position.fundedBy), {
    message: 'shares must not exceed 10000 in total',
    path: ['fundedBy'],
  })
  .refine((position) => linksUnique(position.fundedBy), {
    message: 'each application may fund once',
    path: ['fundedBy'],
  });
export type CreatePosition = z.infer<typeof createPositionSchema>;

export const updatePositionSchema = z
  .strictObject({ ...positionFields, fundedBy: z.array(fundingLinkSchema).max(10) })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'must change at least one field' })
  .refine((patch) => !patch.fundedBy || sharesWithinWhole(patch.fundedBy), {
    message: 'shares must not exceed 10000 in total',
    path: ['fundedBy'],
  })
  .refine((patch) => !patch.fundedBy || linksUnique(patch.fundedBy), {
    message: 'each application may fund once',
    path: ['fundedBy'],
  });
export type UpdatePosition = z.infer<typeof updatePositionSchema>;

export const STAFFING_STATES = ['planned', 'advertised', 'filled', 'vacant'] as const;
export type StaffingState = (typeof STAFFING_STATES)[number];

/** planned → advertised → filled, and filled → vacant → advertised → filled. */
export const STAFFING_TRANSITIONS: Record<StaffingState, readonly StaffingState[]> = {
  planned: ['advertised'],
  advertised: ['filled'],
  filled: ['vacant'],
  vacant: ['advertised'],
};

export const staffingChangeSchema = z.strictObject({
  to: z.enum(['advertised', 'filled', 'vacant']),
  on: calendarDateSchema,
  holder: personSchema.optional(),
  note: z.string().max(2000).optional(),
});
export type StaffingChange = z.infer<typeof staffingChangeSchema>;

export const positionSchema = z
  .object({
    ...storedRecordFields,
    title: z.string(),
    fte: z.number(),
    payGrade: z.string(),
    payStep: z.number().nullable(),
    orgUnit: z.string(),
    start: z.string(),
    end: z.string().nullable(),
    owner: personSchema,
    /** Each link keeps the programme of its application, so programme-wide FTE totals need no lookups. */
    fundedBy: z.array(fundingLinkSchema.extend({ planned: z.boolean(), programId: z.string() })),
    staffing: z.enum(STAFFING_STATES),
    staffingSince: z.string().nullable(),
    holder: personSchema.nullable(),
  })
  .meta({ id: 'Position' });
export type Position = z.infer<typeof positionSchema>;

export function checkPositionDates(position: Pick<Position, 'start' | 'end'>) {
  if (position.end && position.end < position.start) {
    throw new AppError('validation', 'The position is not valid', {
      errors: [{ path: 'end', message: 'must not be before start' }],
    });
  }
}

/** Decides a staffing step; a filled position needs its holder (a name and a work e-mail only). */
export function decideStaffing(position: Position, change: StaffingChange): Position {
  checkTransition('Staffing', STAFFING_TRANSITIONS, position.staffing, change.to);
  const errors: FieldError[] = [];
  if (change.to === 'filled' && !change.holder)
    errors.push({ path: 'holder', message: 'a filled position names its holder' });
  if (change.to !== 'filled' && change.holder)
    errors.push({ path: 'holder', message: 'only when filling the position' });
  if (position.staffingSince && change.on < position.staffingSince) {
    errors.push({
      path: 'on',
      message: `must not be before the last staffing step (${position.staffingSince})`,
    });
  }
  if (errors.length) throw new AppError('validation', 'The staffing step is not valid', { errors });
  return {
    ...position,
    staffing: change.to,
    staffingSince: change.on,
    holder: change.to === 'filled' ? (change.holder ?? null) : null,
  };
}

/** The funding periods of the linked applications, as far as the links know them. */
export interface LinkedFunding {
  applicationId: string;
  shareBasisPoints: number;
  planned: boolean;
  programId: string;
  period: { start: string; end: string } | null;
}

export interface PositionWarning {
  code: 'contract_past_funding' | 'unfunded_gap' | 'fte_cap_exceeded' | 'long_vacancy' | 'planned_funding';
  message: string;
  [detail: string]: unknown;
}

/** The last day any confirmed funding covers; null when nothing confirmed funds the position. */
export function fundingEndOf(links: LinkedFunding[]): string | null {
  const ends = links.filter((link) => !link.planned && link.period).map((link) => link.period!.end);
  return ends.length ? ends.sort().at(-1)! : null;
}

/** Stretches of the position's term that no confirmed funding covers. */
export function unfundedGaps(
  position: Pick<Position, 'start' | 'end'>,
  links: LinkedFunding[],
): { start: string; end: string | null }[] {
  const periods = links
    .filter((link) => !link.planned && link.period)
    .map((link) => link.period!)
    .sort((a, b) => a.start.localeCompare(b.start));
  const gaps: { start: string; end: string | null }[] = [];
  let cursor = position.start;
  for (const period of periods) {
    if (position.end && cursor > position.end) break;
    if (period.end < cursor) continue;
    if (period.start > cursor) gaps.push({ start: cursor, end: addDays(period.start, -1) });
    cursor = addDays(period.end, 1);
  }
  if (!position.end || cursor <= position.end) gaps.push({ start: cursor, end: position.end ?? null });
  return gaps.filter((gap) => !gap.end || gap.end >= gap.start);
}

export interface WarningFacts {
  today: string;
  vacancyWarningDays: number;
  /** FTE funded under each programme across all of the city's positions, in hundredths. */
  programFte: {
    programId: string;
    programName: string;
    capFte: number | undefined;
    fundedFteHundredths: number;
  }[];
  /** What the funding pays per month for this position, from this year's cost plan; null without a plan. */
  monthlyFundedCents: number | null;
}

/** Warnings are computed on every read from current facts, so they are never stale. */
export function positionWarnings(
  position: Position,
  links: LinkedFunding[],
  facts: WarningFacts,
): PositionWarning[] {
  const warnings: PositionWarning[] = [];
  const fundingEnd = fundingEndOf(links);
  if (fundingEnd && (!position.end || position.end > fundingEnd)) {
    warnings.push({
      code: 'contract_past_funding',
      message: `The contract ${position.end ? `runs until ${position.end}` : 'has no end'}, but funding ends on ${fundingEnd}`,
      contractEnd: position.end,
      fundingEnd,
    });
  }
  const gaps = unfundedGaps(position, links);
  if (gaps.length) {
    warnings.push({ code: 'unfunded_gap', message: 'Part of the term has no confirmed funding', gaps });
  }
  for (const link of links.filter((candidate) => candidate.planned)) {
    warnings.push({
      code: 'planned_funding',
      message: `Funding by application ${link.applicationId} is planned, not approved`,
      applicationId: link.applicationId,
    });
  }
  for (const program of facts.programFte) {
    if (program.capFte !== undefined && program.fundedFteHundredths > Math.round(program.capFte * 100)) {
      warnings.push({
        code: 'fte_cap_exceeded',
        message: `${program.fundedFteHundredths / 100} VbE are funded under ${program.programName}, above its cap of ${program.capFte}`,
        programId: program.programId,
      });
    }
  }
  if (position.staffing === 'vacant' && position.staffingSince) {
    const days = daysBetween(position.staffingSince, facts.today);
    if (days > facts.vacancyWarningDays) {
      warnings.push({
        code: 'long_vacancy',
        message: `Vacant for ${days} days; funding of ${facts.monthlyFundedCents ?? 'unknown'} cents per month is not used`,
        vacantDays: days,
        forfeitedPerMonthCents: facts.monthlyFundedCents,
      });
    }
  }
  return warnings;
}

/**
 * FTE a position contributes to each programme, in millionths of a VbE (hundredths of FTE
 * × basis points), so that sums stay exact integers.
 */
export function fteByProgram(position: Pick<Position, 'fte' | 'fundedBy'>): Map<string, number> {
  const totals = new Map<string, number>();
  for (const link of position.fundedBy) {
    totals.set(
      link.programId,
      (totals.get(link.programId) ?? 0) + fteHundredths(position.fte) * link.shareBasisPoints,
    );
  }
  return totals;
}
