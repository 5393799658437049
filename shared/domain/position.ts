import * as z from '../zod.ts';
import { calendarDateSchema } from './calendar-date.ts';
import { decimalSchema, newRecordFields, recordIdSchema, storedRecordFields } from './common-schemas.ts';
import { AppError, type FieldError } from './errors.ts';
import { basisPointsSchema } from './money.ts';
import { personSchema } from './person.ts';
import { checkTransition } from './state-machine.ts';

/** FTE (VbE) in steps of 0.05, above 0 and at most one full-time position. */
export const fteSchema = decimalSchema(0.05, 0.05, 1, 'must be a multiple of 0.05');

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

/** A new position: planned, with no holder yet; its links as checked against their applications. */
export function newPosition(
  input: CreatePosition,
  fields: { owner: Position['owner']; fundedBy: Position['fundedBy'] },
  context: { id: string; now: Date },
): Position {
  return {
    ...input,
    payStep: input.payStep ?? null,
    end: input.end ?? null,
    owner: fields.owner,
    fundedBy: fields.fundedBy,
    staffing: 'planned',
    staffingSince: null,
    holder: null,
    ...newRecordFields(context),
  };
}

/** Applies a change; `fundedBy` are the new links as checked against their applications. */
export function applyPositionUpdate(
  position: Position,
  patch: UpdatePosition,
  fundedBy: Position['fundedBy'],
): Position {
  const next: Position = {
    ...position,
    ...patch,
    payStep: patch.payStep === undefined ? position.payStep : patch.payStep,
    end: patch.end === undefined ? position.end : patch.end,
    owner: patch.owner ?? position.owner,
    fundedBy,
  };
  checkPositionDates(next);
  return next;
}

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
