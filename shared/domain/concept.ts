import * as z from '../zod.ts';
import { calendarDateSchema } from './calendar-date.ts';
import { recordIdSchema, storedRecordFields, textSchema } from './common-schemas.ts';
import { type Deadline, deadlineId } from './deadline.ts';
import { AppError, type FieldError } from './errors.ts';
import { personSchema } from './person.ts';
import { checkTransition } from './state-machine.ts';

/** Markdown bodies are long but bounded, well below the 400 KB DynamoDB item limit. */
export const MARKDOWN_MAX = 100_000;

const refuse = (what: string, errors: FieldError[]) =>
  new AppError('validation', `The ${what} is not valid`, { errors });

const atLeastOneField = { message: 'must change at least one field' };

// ─── Concept ─────────────────────────────────────────────────────────────────────────────────────

export const CONCEPT_STATUSES = [
  'preparation',
  'participation',
  'drafting',
  'council_decision',
  'implementation',
] as const;
export type ConceptStatus = (typeof CONCEPT_STATUSES)[number];

/**
 * A district concept moves forward one phase at a time; the council may refer a draft back
 * (council_decision → drafting). Implementation is the last phase.
 */
export const CONCEPT_TRANSITIONS: Record<ConceptStatus, readonly ConceptStatus[]> = {
  preparation: ['participation'],
  participation: ['drafting'],
  drafting: ['council_decision'],
  council_decision: ['implementation', 'drafting'],
  implementation: [],
};

const conceptFields = {
  /** The Sozialraum or Stadtteil the concept is for. */
  district: textSchema(200),
  title: textSchema(300),
  description: z.string().trim().max(10_000).nullable().optional(),
  owner: personSchema,
  /** The position that accompanies the concept; its narrative report includes the concept's milestones. */
  positionId: recordIdSchema.nullable().optional(),
};

export const createConceptSchema = z.strictObject({
  ...conceptFields,
  /** A concept already under way when it is recorded may start in a later phase. */
  status: z.enum(CONCEPT_STATUSES).optional(),
});
export type CreateConcept = z.infer<typeof createConceptSchema>;

export const updateConceptSchema = z
  .strictObject({
    ...conceptFields,
    status: z.enum(CONCEPT_STATUSES),
    note: z.string().max(2000),
  })
  .partial()
  .refine((patch) => Object.keys(patch).some((key) => key !== 'note'), atLeastOneField);
export type UpdateConcept = z.infer<typeof updateConceptSchema>;

export const conceptSchema = z
  .object({
    ...storedRecordFields,
    district: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    owner: personSchema,
    positionId: z.string().nullable(),
    status: z.enum(CONCEPT_STATUSES),
  })
  .meta({ id: 'Concept' });
export type Concept = z.infer<typeof conceptSchema>;

export function newConcept(input: CreateConcept, context: { id: string; now: Date }): Concept {
  const at = context.now.toISOString();
  return {
    id: context.id,
    version: 1,
    createdAt: at,
    updatedAt: at,
    district: input.district,
    title: input.title,
    description: input.description ?? null,
    owner: input.owner,
    positionId: input.positionId ?? null,
    status: input.status ?? 'preparation',
  };
}

export function applyConceptUpdate(concept: Concept, patch: UpdateConcept, now: Date): Concept {
  const { note: _note, ...fields } = patch;
  if (fields.status !== undefined && fields.status !== concept.status) {
    checkTransition('A concept', CONCEPT_TRANSITIONS, concept.status, fields.status);
  }
  return {
    ...concept,
    ...fields,
    description: fields.description === undefined ? concept.description : fields.description,
    positionId: fields.positionId === undefined ? concept.positionId : fields.positionId,
    version: concept.version + 1,
    updatedAt: now.toISOString(),
  };
}

// ─── Milestone ───────────────────────────────────────────────────────────────────────────────────

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

export const updateMilestoneSchema = z
  .strictObject({
    ...milestoneFields,
    status: z.enum(MILESTONE_STATUSES),
    /** The day it was reached; defaults to today when the status becomes achieved. */
    achievedOn: calendarDateSchema,
    note: z.string().max(2000),
  })
  .partial()
  .refine((patch) => Object.keys(patch).some((key) => key !== 'note'), atLeastOneField);
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
    throw refuse('milestone', [{ path: 'achievedOn', message: 'must not be in the future' }]);
  }
}

export function newMilestone(
  conceptId: string,
  input: CreateMilestone,
  context: { id: string; now: Date; today: string },
): Milestone {
  const at = context.now.toISOString();
  const milestone: Milestone = {
    id: context.id,
    conceptId,
    version: 1,
    createdAt: at,
    updatedAt: at,
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
    throw refuse('milestone', [{ path: 'achievedOn', message: 'goes with status achieved' }]);
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

// ─── Milestone report ────────────────────────────────────────────────────────────────────────────

/** The steering bodies a milestone report goes to. */
export const REPORT_AUDIENCES = [
  'steering_group',
  'council_social_policy_group',
  'neighbourhood_work_circle',
  'city_council',
  'other',
] as const;
export type ReportAudience = (typeof REPORT_AUDIENCES)[number];

export const MILESTONE_REPORT_STATUSES = ['draft', 'submitted', 'accepted', 'revision_requested'] as const;
export type MilestoneReportStatus = (typeof MILESTONE_REPORT_STATUSES)[number];

/** A report goes back and forth until its steering body accepts it. */
export const MILESTONE_REPORT_TRANSITIONS: Record<MilestoneReportStatus, readonly MilestoneReportStatus[]> = {
  draft: ['submitted'],
  submitted: ['accepted', 'revision_requested'],
  revision_requested: ['submitted'],
  accepted: [],
};

const reportContent = {
  summary: textSchema(2000),
  /** Markdown. */
  body: textSchema(MARKDOWN_MAX),
  audience: z.enum(REPORT_AUDIENCES),
};

export const createMilestoneReportSchema = z.strictObject(reportContent);
export type CreateMilestoneReport = z.infer<typeof createMilestoneReportSchema>;

export const updateMilestoneReportSchema = z
  .strictObject({
    ...reportContent,
    status: z.enum(MILESTONE_REPORT_STATUSES),
    /** The day it went to the steering body; defaults to today. */
    submittedOn: calendarDateSchema,
    /** The day the steering body accepted it or asked for a revision; defaults to today. */
    decidedOn: calendarDateSchema,
    note: z.string().max(2000),
  })
  .partial()
  .refine((patch) => Object.keys(patch).some((key) => key !== 'note'), atLeastOneField);
export type UpdateMilestoneReport = z.infer<typeof updateMilestoneReportSchema>;

export const milestoneReportSchema = z
  .object({
    ...storedRecordFields,
    conceptId: z.string(),
    milestoneId: z.string(),
    summary: z.string(),
    body: z.string(),
    audience: z.enum(REPORT_AUDIENCES),
    status: z.enum(MILESTONE_REPORT_STATUSES),
    submittedOn: z.string().nullable(),
    decidedOn: z.string().nullable(),
  })
  .meta({ id: 'MilestoneReport' });
export type MilestoneReport = z.infer<typeof milestoneReportSchema>;

export function newMilestoneReport(
  milestone: Pick<Milestone, 'id' | 'conceptId'>,
  input: CreateMilestoneReport,
  context: { id: string; now: Date },
): MilestoneReport {
  const at = context.now.toISOString();
  return {
    id: context.id,
    conceptId: milestone.conceptId,
    milestoneId: milestone.id,
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...input,
    status: 'draft',
    submittedOn: null,
    decidedOn: null,
  };
}

const editable = (report: Pick<MilestoneReport, 'status'>) =>
  report.status === 'draft' || report.status === 'revision_requested';

/**
 * Edits and moves a report: its text changes only while it is with the coordinator (draft or
 * revision requested); submitting records `submittedOn`, a decision records `decidedOn`.
 */
export function applyMilestoneReportUpdate(
  report: MilestoneReport,
  patch: UpdateMilestoneReport,
  facts: { now: Date; today: string },
): MilestoneReport {
  const { note: _note, status, submittedOn, decidedOn, ...content } = patch;
  const nextStatus = status ?? report.status;
  const moving = nextStatus !== report.status;
  if (moving) checkTransition('A milestone report', MILESTONE_REPORT_TRANSITIONS, report.status, nextStatus);
  if (Object.keys(content).length > 0 && !editable(report)) {
    throw new AppError('conflict', `A ${report.status} report cannot be edited`, {
      extensions: { from: report.status, allowed: MILESTONE_REPORT_TRANSITIONS[report.status] },
    });
  }
  const submitting = moving && nextStatus === 'submitted';
  const deciding = moving && (nextStatus === 'accepted' || nextStatus === 'revision_requested');
  const errors: FieldError[] = [];
  if (submittedOn !== undefined && !submitting)
    errors.push({ path: 'submittedOn', message: 'only when submitting' });
  if (decidedOn !== undefined && !deciding) {
    errors.push({ path: 'decidedOn', message: 'only when accepting or requesting a revision' });
  }
  const next: MilestoneReport = {
    ...report,
    ...content,
    status: nextStatus,
    submittedOn: submitting ? (submittedOn ?? facts.today) : report.submittedOn,
    decidedOn: submitting ? null : deciding ? (decidedOn ?? facts.today) : report.decidedOn,
    version: report.version + 1,
    updatedAt: facts.now.toISOString(),
  };
  for (const path of ['submittedOn', 'decidedOn'] as const) {
    const date = next[path];
    if ((path === 'submittedOn' ? submitting : deciding) && date && date > facts.today) {
      errors.push({ path, message: 'must not be in the future' });
    }
  }
  if (deciding && next.submittedOn && next.decidedOn && next.decidedOn < next.submittedOn) {
    errors.push({ path: 'decidedOn', message: `must not be before the submission on ${next.submittedOn}` });
  }
  if (errors.length) throw refuse('milestone report', errors);
  return next;
}

/** A report on the milestone has reached its steering body (and was not sent back). */
export const reportDelivered = (report: Pick<MilestoneReport, 'status'>) =>
  report.status === 'submitted' || report.status === 'accepted';

// ─── Deadlines ───────────────────────────────────────────────────────────────────────────────────

/**
 * The deadlines a concept's milestones create, owned by the concept's owner: each milestone's
 * due date (done once it is achieved or missed) and, if set, its report due date (done while a
 * report on it is submitted or accepted; open again when the steering body asks for a revision).
 * `closedAt` is left to the store, which keeps the moment a deadline was first closed.
 */
export function conceptDeadlines(
  concept: Pick<Concept, 'id' | 'title' | 'owner'>,
  milestones: readonly Milestone[],
  reports: readonly Pick<MilestoneReport, 'milestoneId' | 'status'>[],
): Deadline[] {
  return milestones.flatMap((milestone) => {
    const path = `/v1/concepts/${concept.id}/milestones/${milestone.id}`;
    const subject = {
      type: 'concept' as const,
      id: concept.id,
      title: `${concept.title}: ${milestone.title}`,
    };
    const deadlines: Deadline[] = [
      {
        id: deadlineId(concept.id, 'milestone_due', milestone.id),
        kind: 'milestone_due',
        dueOn: milestone.dueOn,
        subject: { ...subject, path },
        owner: concept.owner,
        status: milestoneSettled(milestone) ? 'done' : 'open',
      },
    ];
    if (milestone.reportDueOn) {
      const delivered = reports.some(
        (report) => report.milestoneId === milestone.id && reportDelivered(report),
      );
      deadlines.push({
        id: deadlineId(concept.id, 'milestone_report_due', milestone.id),
        kind: 'milestone_report_due',
        dueOn: milestone.reportDueOn,
        subject: { ...subject, path: `${path}/reports` },
        owner: concept.owner,
        status: delivered ? 'done' : 'open',
      });
    }
    return deadlines;
  });
}
