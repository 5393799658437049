import * as z from '../zod.ts';
import { calendarDateSchema } from './calendar-date.ts';
import { newRecordFields, noteSchema, storedRecordFields, textSchema, updateOf } from './common-schemas.ts';
import { AppError, type FieldError } from './errors.ts';
import { checkTransition } from './state-machine.ts';

const refuse = (errors: FieldError[]) => new AppError('validation', 'The milestone is not valid', { errors });

export const MILESTONE_KINDS = [
  'participation',
  'steering_feedback',
  'council',
  'deliverable',
  'other',
] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

export const MILESTONE_STATUSES = ['planned', 'in_progress', 'achieved', 'missed'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** A milestone may be reached or missed without being marked as started; achieved and missed are final. */
export const MILESTONE_TRANSITIONS: Record<MilestoneStatus, readonly MilestoneStatus[]> = {
  planned: ['in_progress', 'achieved', 'missed'],
  in_progress: ['achieved', 'missed'],
  achieved: [],
  missed: [],
};

const milestoneFields = {
  title: textSchema(300),
  kind: z.enum(MILESTONE_KINDS),
  description: z.string().trim().max(10_000).nullable().optional(),
  dueOn: calendarDateSchema,
  /** When the report on this milestone is due to its steering body; a deadline of its own. */
  reportDueOn: calendarDateSchema.nullable().optional(),
};

export const createMilestoneSchema = z.strictObject(milestoneFields);
export type CreateMilestone = z.infer<typeof createMilestoneSchema>;

export const updateMilestoneSchema = updateOf(
  z.strictObject({
    ...milestoneFields,
    status: z.enum(MILESTONE_STATUSES),
    /** The day it was reached; defaults to today when the status becomes achieved. */
    achievedOn: calendarDateSchema,
    note: noteSchema,
  }),
);
export type UpdateMilestone = z.infer<typeof updateMilestoneSchema>;

export const milestoneSchema = z
  .object({
    ...storedRecordFields,
    conceptId: z.string(),
    title: z.string(),
    kind: z.enum(MILESTONE_KINDS),
    description: z.string().nullable(),
    dueOn: z.string(),
    reportDueOn: z.string().nullable(),
    status: z.enum(MILESTONE_STATUSES),
    achievedOn: z.string().nullable(),
  })
  .meta({ id: 'Milestone' });
export type Milestone = z.infer<typeof milestoneSchema>;

function checkAchievedOn(milestone: Milestone, today: string) {
  // No order between dueOn and reportDueOn: feedback to a steering body is often due before its session.
  if (milestone.achievedOn && milestone.achievedOn > today) {
    throw refuse([{ path: 'achievedOn', message: 'must not be in the future' }]);
  }
}

export function newMilestone(
  conceptId: string,
  input: CreateMilestone,
  context: { id: string; now: Date; today: string },
): Milestone {
  const milestone: Milestone = {
    ...newRecordFields(context),
    conceptId,
    title: input.title,
    kind: input.kind,
    description: input.description ?? null,
    dueOn: input.dueOn,
    reportDueOn: input.reportDueOn ?? null,
    status: 'planned',
    achievedOn: null,
  };
  checkAchievedOn(milestone, context.today);
  return milestone;
}

/**
 * Edits a milestone and moves it along. Reaching it records `achievedOn` (today unless given);
 * `achievedOn` alone only corrects the date of a milestone already achieved.
 */
export function applyMilestoneUpdate(
  milestone: Milestone,
  patch: UpdateMilestone,
  facts: { now: Date; today: string },
): Milestone {
  const { note: _note, status, achievedOn, ...fields } = patch;
  const nextStatus = status ?? milestone.status;
  if (nextStatus !== milestone.status) {
    checkTransition('A milestone', MILESTONE_TRANSITIONS, milestone.status, nextStatus);
  }
  if (achievedOn !== undefined && nextStatus !== 'achieved') {
    throw refuse([{ path: 'achievedOn', message: 'goes with status achieved' }]);
  }
  const reached = nextStatus === 'achieved' && milestone.status !== 'achieved';
  const next: Milestone = {
    ...milestone,
    ...fields,
    description: fields.description === undefined ? milestone.description : fields.description,
    reportDueOn: fields.reportDueOn === undefined ? milestone.reportDueOn : fields.reportDueOn,
    status: nextStatus,
    achievedOn: achievedOn ?? (reached ? facts.today : milestone.achievedOn),
    version: milestone.version + 1,
    updatedAt: facts.now.toISOString(),
  };
  checkAchievedOn(next, facts.today);
  return next;
}

export const milestoneSettled = (milestone: Pick<Milestone, 'status'>) =>
  milestone.status === 'achieved' || milestone.status === 'missed';
