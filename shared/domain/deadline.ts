import * as z from '../zod.ts';
import { personSchema } from './person.ts';

export const DEADLINE_KINDS = [
  'submission',
  'spend_by',
  'interim_report',
  'final_report',
  'funding_period_end',
  'position_funding_end',
  'contract_end',
  'vacancy',
  'task_due',
  'milestone_due',
  'milestone_report_due',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const SUBJECT_TYPES = ['application', 'position', 'task', 'concept'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** Any due date the tracker watches; kept in step with its subject in the same transaction. */
export const deadlineSchema = z.object({
  id: z.string(),
  kind: z.enum(DEADLINE_KINDS),
  dueOn: z.string(),
  subject: z.object({ type: z.enum(SUBJECT_TYPES), id: z.string(), title: z.string(), path: z.string() }),
  owner: personSchema,
  status: z.enum(['open', 'done']),
  /** Days before `dueOn` to remind at; absent: the configured defaults. */
  offsets: z.array(z.number().int()).optional(),
  closedAt: z.string().optional(),
  /** The money at stake, where there is one (e.g. the amount of a funds call to be spent). */
  amountCents: z.number().int().optional(),
});
export type Deadline = z.infer<typeof deadlineSchema>;

/**
 * Deadline ids are derived from their source (subject, kind, reference), so a change can
 * rewrite its deadlines in the same transaction without reading them first.
 */
export function deadlineId(subjectId: string, kind: DeadlineKind, reference?: string): string {
  return [subjectId, kind, reference].filter(Boolean).join('.');
}
