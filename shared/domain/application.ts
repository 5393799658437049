import * as z from '../zod.ts';
import { calendarDateSchema, periodSchema } from './calendar-date.ts';
import {
  newRecordFields,
  recordIdSchema,
  storedRecordFields,
  textSchema,
  updateOf,
} from './common-schemas.ts';
import { AppError, type FieldError } from './errors.ts';
import type { GrantRules } from './grant-rules.ts';
import { centsSchema } from './money.ts';
import {
  checkAmendment,
  checkGrantNotice,
  issueNotice,
  type Notice,
  type NoticeInput,
  noticeInputSchema,
  noticeSchema,
  remainingByYear,
} from './notice.ts';
import { personSchema } from './person.ts';
import { checkTransition } from './state-machine.ts';
import { checkSubmissionLimits } from './submission-limits.ts';

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
    /** Called so far per budget year (`"2024"` → cents). */
    calledByYear: z.record(z.string(), z.number()),
    /** Still to call per budget year: the notice's amount for the year less what was called. */
    remainingByYear: z.record(z.string(), z.number()),
    repaymentClaimCents: z.number().nullable(),
  })
  .meta({ id: 'Application' });
export type Application = z.infer<typeof applicationSchema>;

/** A new application: a draft, nothing approved or called yet. */
export function newApplication(
  input: CreateApplication & { owner: Application['owner'] },
  context: { id: string; now: Date },
): Application {
  return {
    ...input,
    submissionDeadline: input.submissionDeadline ?? null,
    ...newRecordFields(context),
    status: 'draft',
    notice: null,
    approvedCents: 0,
    calledCents: 0,
    availableCents: 0,
    calledByYear: {},
    remainingByYear: {},
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
  program: Pick<GrantRules, 'requireBalancedCosts'>,
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
  facts: {
    finalReportAccepted: boolean;
    now: Date;
    /** The programme's rules as they are now: a new notice starts from them, a submission is checked against them. */
    rules: GrantRules;
    /** The VbE the programme funds already and what this application's positions add (millionths). */
    personnel: { fundedFteMillionths: number; addedFteMillionths: number };
  },
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
  if (change.to === 'submitted') checkSubmissionLimits(application, facts.rules, facts.personnel);
  if (change.to === 'approved') {
    const input = checkGrantNotice(application, change.notice);
    const notice = issueNotice(input, { rules: facts.rules, version: 1, kind: 'grant', now: facts.now });
    return { next: withNotice(base, notice), notice };
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

/** The amounts a notice in force sets: approved in all and per budget year, and what is left to call. */
function withNotice(application: Application, notice: Notice): Application {
  return {
    ...application,
    notice,
    approvedCents: notice.approvedCents,
    availableCents: notice.approvedCents - application.calledCents,
    remainingByYear: remainingByYear(notice.budgetYears, application.calledByYear),
  };
}

/**
 * Applies an amendment (Änderungsbescheid): a new notice version with its amount, period and
 * budget years; it keeps the rules of the notice it amends except those it states differently.
 */
export function applyAmendment(application: Application, input: NoticeInput, now: Date): StatusDecision {
  if (application.status !== 'approved' || !application.notice) {
    throw new AppError(
      'conflict',
      `Only an approved application can be amended; this one is ${application.status}`,
    );
  }
  const budgetYears = checkAmendment(application, input);
  const notice = issueNotice(
    { ...input, budgetYears },
    { rules: application.notice.rules, version: application.notice.version + 1, kind: 'amendment', now },
  );
  return { next: withNotice(application, notice), notice };
}
