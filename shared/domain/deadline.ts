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

/**
 * Events rather than duties, by default (configuration may say otherwise): a day that comes,
 * is announced before it comes and passes on its day; nothing can be done about it afterwards,
 * so it is never overdue. Every other kind is a duty, overdue and repeated until it is done.
 */
export const DEFAULT_EVENT_KINDS = [
  'funding_period_end',
  'position_funding_end',
  'contract_end',
] as const satisfies readonly DeadlineKind[];

export const SUBJECT_TYPES = ['application', 'position', 'task', 'concept'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** Which record each kind of deadline belongs to; a deadline's id starts with its record's id and its kind. */
export const SUBJECT_TYPE_OF_KIND = {
  submission: 'application',
  spend_by: 'application',
  interim_report: 'application',
  final_report: 'application',
  funding_period_end: 'application',
  position_funding_end: 'position',
  contract_end: 'position',
  vacancy: 'position',
  task_due: 'task',
  milestone_due: 'concept',
  milestone_report_due: 'concept',
} as const satisfies Record<DeadlineKind, SubjectType>;

/**
 * The record a deadline id names (see `deadlineId`), or undefined for an id no deadline can
 * have: so a deadline is read with one GetItem in its record's partition, no index needed.
 */
export function subjectOfDeadlineId(
  id: string,
): { type: SubjectType; id: string; kind: DeadlineKind } | undefined {
  const [subjectId, kind] = id.split('.');
  if (!subjectId || !kind || !Object.hasOwn(SUBJECT_TYPE_OF_KIND, kind)) return undefined;
  const known = kind as DeadlineKind;
  return { type: SUBJECT_TYPE_OF_KIND[known], id: subjectId, kind: known };
}

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
  /** An event that closed itself on its day: the day that passed (kept while its date stays). */
  passedOn: z.string().optional(),
  /** Counts the stored changes, for If-Match on the deadline's own settings; absent: 1. */
  version: z.number().int().min(1).optional(),
  /** The money at stake, where there is one (e.g. the amount of a funds call still to be spent). */
  amountCents: z.number().int().optional(),
  /** For money to be spent: the payout, from which interest runs on what is not used in time. */
  interestFrom: z.string().optional(),
});
export type Deadline = z.infer<typeof deadlineSchema>;

/** A day before any grant the tracker holds: the start of "however old" for open deadlines. */
export const EARLIEST_DEADLINE = '1900-01-01';

/** What a record's rules decide about a deadline; the rest (when it closed, its offsets, its version) the store keeps. */
export type DerivedDeadline = Omit<Deadline, 'closedAt' | 'offsets' | 'passedOn' | 'version'>;

/**
 * Deadline ids are derived from their source (subject, kind, reference), so the deadlines a
 * record can have are known from its identity: a change reads them together with the record.
 */
export function deadlineId(subjectId: string, kind: DeadlineKind, reference?: string): string {
  return [subjectId, kind, reference].filter(Boolean).join('.');
}
