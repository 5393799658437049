import * as z from '../zod.ts';
import { calendarDateSchema } from './calendar-date.ts';
import { newRecordFields, noteSchema, storedRecordFields, textSchema, updateOf } from './common-schemas.ts';
import { AppError, type FieldError } from './errors.ts';
import type { Milestone } from './milestone.ts';
import { checkTransition } from './state-machine.ts';

/** Markdown bodies are long but bounded, well below the 400 KB DynamoDB item limit. */
export const MARKDOWN_MAX = 100_000;

const refuse = (errors: FieldError[]) =>
  new AppError('validation', 'The milestone report is not valid', { errors });

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

export const updateMilestoneReportSchema = updateOf(
  z.strictObject({
    ...reportContent,
    status: z.enum(MILESTONE_REPORT_STATUSES),
    /** The day it went to the steering body; defaults to today. */
    submittedOn: calendarDateSchema,
    /** The day the steering body accepted it or asked for a revision; defaults to today. */
    decidedOn: calendarDateSchema,
    note: noteSchema,
  }),
);
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
  return {
    ...newRecordFields(context),
    conceptId: milestone.conceptId,
    milestoneId: milestone.id,
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
  if (errors.length) throw refuse(errors);
  return next;
}

/** A report on the milestone has reached its steering body (and was not sent back). */
export const reportDelivered = (report: Pick<MilestoneReport, 'status'>) =>
  report.status === 'submitted' || report.status === 'accepted';
