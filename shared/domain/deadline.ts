import * as z from '../zod.ts';
import { personSchema } from './person.ts';

/** Deadlines about public money: their reminders also go to the finance mailbox, if one is set. */
export const FUNDING_DEADLINE_KINDS = [
  'submission',
  'spend_by',
  'interim_report',
  'final_report',
  'funding_period_end',
  'position_funding_end',
] as const;

export const DEADLINE_KINDS = [
  ...FUNDING_DEADLINE_KINDS,
  'contract_end',
  'vacancy',
  'task_due',
  'milestone_due',
  'milestone_report_due',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const SUBJECT_TYPES = ['application', 'position', 'task', 'concept'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/**
 * The record a deadline belongs to, and the part of it that set the date (a funds call, a
 * statement of use, a milestone). Links to it are built at the edge, from these ids.
 */
export const deadlineSubjectSchema = z.object({
  type: z.enum(SUBJECT_TYPES),
  id: z.string(),
  title: z.string(),
  partId: z.string().optional(),
});
export type DeadlineSubject = z.infer<typeof deadlineSubjectSchema>;

/** Any due date the tracker watches; kept in step with its subject in the same transaction. */
export const deadlineSchema = z.object({
  id: z.string(),
  kind: z.enum(DEADLINE_KINDS),
  dueOn: z.string(),
  subject: deadlineSubjectSchema,
  owner: personSchema,
  status: z.enum(['open', 'done']),
  /** Days before `dueOn` to remind at; absent: the configured defaults. */
  offsets: z.array(z.number().int()).optional(),
  closedAt: z.string().optional(),
  /** The money at stake, where there is one (e.g. the amount of a funds call still to be spent). */
  amountCents: z.number().int().optional(),
  /** For money to be spent: the payout, from which interest runs on what is not used in time. */
  interestFrom: z.string().optional(),
});
export type Deadline = z.infer<typeof deadlineSchema>;

/** A day before any grant the tracker holds: the start of "however old" for open deadlines. */
export const EARLIEST_DEADLINE = '1900-01-01';

/** What a record's rules decide about a deadline; when it closed and its reminder offsets are kept by the store. */
export type DerivedDeadline = Omit<Deadline, 'closedAt' | 'offsets'>;

/**
 * Deadline ids are derived from their source (subject, kind, reference), so the deadlines a
 * record can have are known from its identity: a change reads them together with the record.
 */
export function deadlineId(subjectId: string, kind: DeadlineKind, reference?: string): string {
  return [subjectId, kind, reference].filter(Boolean).join('.');
}
