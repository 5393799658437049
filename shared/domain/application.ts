import * as z from '../zod.ts';
import { calendarDateSchema, type Period, periodSchema } from './calendar-date.ts';
import { recordIdSchema, storedRecordFields, textSchema, updateOf } from './common-schemas.ts';
import { AppError, type FieldError } from './errors.ts';
import { budgetYearsOf } from './funding-rules.ts';
import { centsSchema } from './money.ts';
import { personSchema } from './person.ts';
import type { ProgramFields } from './program.ts';
import { checkTransition } from './state-machine.ts';

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'rejected',
  'withdrawn',
  'closed',
  'revoked',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The only moves an application can make; everything else is refused naming these. */
export const APPLICATION_TRANSITIONS: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['approved', 'rejected', 'withdrawn'],
  approved: ['closed', 'revoked'],
  rejected: [],
  withdrawn: [],
  closed: [],
  revoked: [],
};

const applicationFields = {
  programId: recordIdSchema,
  title: textSchema(300),
  purpose: textSchema(5000),
  orgUnit: textSchema(200),
  fundingPeriod: periodSchema,
  eligibleCostsCents: centsSchema,
  requestedCents: centsSchema,
  ownContributionCents: centsSchema,
  submissionDeadline: calendarDateSchema.nullable().optional(),
  /** Who is reminded of this application's deadlines; defaults to the person creating it. */
  owner: personSchema.optional(),
};

export const createApplicationSchema = z.strictObject(applicationFields);
export type CreateApplication = z.infer<typeof createApplicationSchema>;

export const updateApplicationSchema = updateOf(z.strictObject(applicationFields).omit({ programId: true }));
export type UpdateApplication = z.infer<typeof updateApplicationSchema>;

export const noticeInputSchema = z.strictObject({
  date: calendarDateSchema,
  /** The funder's reference (Aktenzeichen). */
  reference: textSchema(200),
  approvedCents: centsSchema.min(1, 'must be more than 0'),
  fundingPeriod: periodSchema,
  conditions: z.string().max(10_000).optional(),
  /** Explicit approved amounts per budget year; without them the amount is split pro rata by days. */
  budgetYears: z
    .array(z.strictObject({ year: z.number().int().min(2000).max(2100), approvedCents: centsSchema }))
    .max(20)
    .optional(),
});
export type NoticeInput = z.infer<typeof noticeInputSchema>;

export const noticeSchema = noticeInputSchema.extend({
  version: z.number().int(),
  kind: z.enum(['grant', 'amendment']),
  recordedAt: z.string(),
});
export type Notice = z.infer<typeof noticeSchema>;

export const statusChangeSchema = z.strictObject({
  to: z.enum(APPLICATION_STATUSES),
  note: z.string().max(2000).optional(),
  notice: noticeInputSchema.optional(),
  repaymentClaimCents: centsSchema.optional(),
});
export type StatusChange = z.infer<typeof statusChangeSchema>;

export const applicationSchema = z
  .object({
    ...storedRecordFields,
    programId: z.string(),
    title: z.string(),
    purpose: z.string(),
    orgUnit: z.string(),
    fundingPeriod: periodSchema,
    eligibleCostsCents: z.number(),
    requestedCents: z.number(),
    ownContributionCents: z.number(),
    submissionDeadline: z.string().nullable(),
    owner: personSchema,
    status: z.enum(APPLICATION_STATUSES),
    notice: noticeSchema.nullable(),
    approvedCents: z.number(),
    calledCents: z.number(),
    availableCents: z.number(),
    repaymentClaimCents: z.number().nullable(),
  })
  .meta({ id: 'Application' });
export type Application = z.infer<typeof applicationSchema>;

/** A new application: a draft, nothing approved or called yet. */
export function newApplication(
  input: CreateApplication & { owner: Application['owner'] },
  context: { id: string; now: Date },
): Application {
  const at = context.now.toISOString();
  return {
    ...input,
    submissionDeadline: input.submissionDeadline ?? null,
    id: context.id,
    version: 1,
    createdAt: at,
    updatedAt: at,
    status: 'draft',
    notice: null,
    approvedCents: 0,
    calledCents: 0,
    availableCents: 0,
    repaymentClaimCents: null,
  };
}

/** Edits a draft; an application past draft changes only through its status, notices and owner. */
export function applyApplicationUpdate(application: Application, patch: UpdateApplication): Application {
  if (application.status !== 'draft') {
    throw new AppError('conflict', `Only a draft can be edited; this application is ${application.status}`);
  }
  return {
    ...application,
    ...patch,
    submissionDeadline:
      patch.submissionDeadline === undefined ? application.submissionDeadline : patch.submissionDeadline,
    owner: patch.owner ?? application.owner,
  };
}

const fail = (errors: FieldError[]) => new AppError('validation', 'The application is not valid', { errors });

/** Rules across fields and against the programme; returns every broken rule at once. */
export function checkApplication(
  fields: Pick<Application, 'eligibleCostsCents' | 'requestedCents' | 'ownContributionCents'>,
  program: Pick<ProgramFields, 'requireBalancedCosts'>,
): void {
  const errors: FieldError[] = [];
  if (fields.requestedCents > fields.eligibleCostsCents) {
    errors.push({ path: 'requestedCents', message: 'must not exceed the eligible costs' });
  }
  if (
    program.requireBalancedCosts &&
    fields.requestedCents + fields.ownContributionCents !== fields.eligibleCostsCents
  ) {
    errors.push({
      path: 'ownContributionCents',
      message: 'requested + own contribution must equal the eligible costs under this programme',
    });
  }
  if (errors.length) throw fail(errors);
}

const within = (inner: Period, outer: Period) => inner.start >= outer.start && inner.end <= outer.end;

function checkBudgetYears(notice: NoticeInput, errors: FieldError[]) {
  if (!notice.budgetYears) return;
  const expected = budgetYearsOf(notice.fundingPeriod).map((entry) => entry.year);
  const given = notice.budgetYears.map((entry) => entry.year);
  if (expected.join() !== given.join()) {
    errors.push({
      path: 'notice.budgetYears',
      message: `must list the years ${expected.join(', ')} in order`,
    });
  }
  const sum = notice.budgetYears.reduce((total, entry) => total + entry.approvedCents, 0);
  if (sum !== notice.approvedCents) {
    errors.push({ path: 'notice.budgetYears', message: 'must add up to the approved amount' });
  }
}

/** A grant notice must approve no more than requested, for a period inside the requested one. */
export function checkGrantNotice(application: Application, notice: NoticeInput | undefined): NoticeInput {
  if (!notice) throw fail([{ path: 'notice', message: 'approval needs the grant notice' }]);
  const errors: FieldError[] = [];
  if (notice.approvedCents > application.requestedCents) {
    errors.push({ path: 'notice.approvedCents', message: 'must not exceed the requested amount' });
  }
  if (!within(notice.fundingPeriod, application.fundingPeriod)) {
    errors.push({ path: 'notice.fundingPeriod', message: 'must lie inside the requested funding period' });
  }
  checkBudgetYears(notice, errors);
  if (errors.length) throw fail(errors);
  return notice;
}

/** An amendment (Änderungsbescheid) may change amount and period, but never below what was called. */
export function checkAmendment(application: Application, notice: NoticeInput): NoticeInput {
  if (application.status !== 'approved') {
    throw new AppError(
      'conflict',
      `Only an approved application can be amended; this one is ${application.status}`,
    );
  }
  const errors: FieldError[] = [];
  if (notice.approvedCents < application.calledCents) {
    errors.push({
      path: 'approvedCents',
      message: `must not be below the ${application.calledCents} cents already called`,
    });
  }
  if (application.notice && notice.date < application.notice.date) {
    errors.push({ path: 'date', message: 'must not be before the previous notice' });
  }
  checkBudgetYears(notice, errors);
  if (errors.length) {
    throw new AppError('validation', 'The amendment is not valid', {
      errors: errors.map((error) => ({ ...error, path: error.path.replace(/^notice\./, '') })),
    });
  }
  return notice;
}

export interface StatusDecision {
  next: Application;
  notice?: Notice;
}

/**
 * Decides a status change: checks the transition and what it needs (a notice to approve,
 * an accepted final report to close, a repayment claim to revoke) and returns the new state.
 */
export function decideStatusChange(
  application: Application,
  change: StatusChange,
  facts: { finalReportAccepted: boolean; now: Date },
): StatusDecision {
  checkTransition('An application', APPLICATION_TRANSITIONS, application.status, change.to);
  const allowed = APPLICATION_TRANSITIONS[application.status];
  if (change.to !== 'approved' && change.notice) {
    throw fail([{ path: 'notice', message: 'only an approval takes a notice' }]);
  }
  if (change.to !== 'revoked' && change.repaymentClaimCents !== undefined) {
    throw fail([{ path: 'repaymentClaimCents', message: 'only a revocation takes a repayment claim' }]);
  }
  const base = { ...application, status: change.to };
  if (change.to === 'approved') {
    const input = checkGrantNotice(application, change.notice);
    const notice: Notice = { ...input, version: 1, kind: 'grant', recordedAt: facts.now.toISOString() };
    return {
      next: { ...base, notice, approvedCents: input.approvedCents, availableCents: input.approvedCents },
      notice,
    };
  }
  if (change.to === 'revoked') {
    if (change.repaymentClaimCents === undefined) {
      throw fail([{ path: 'repaymentClaimCents', message: 'a revocation records the repayment claim' }]);
    }
    return { next: { ...base, repaymentClaimCents: change.repaymentClaimCents } };
  }
  if (change.to === 'closed' && !facts.finalReportAccepted) {
    throw new AppError(
      'conflict',
      'An application is closed only after its final statement of use is accepted',
      {
        extensions: { from: application.status, allowed },
      },
    );
  }
  return { next: base };
}

/** Applies an accepted amendment: a new notice version with its amount and period. */
export function applyAmendment(application: Application, input: NoticeInput, now: Date): StatusDecision {
  const notice: Notice = {
    ...input,
    version: (application.notice?.version ?? 0) + 1,
    kind: 'amendment',
    recordedAt: now.toISOString(),
  };
  return {
    next: {
      ...application,
      notice,
      approvedCents: input.approvedCents,
      availableCents: input.approvedCents - application.calledCents,
    },
    notice,
  };
}
