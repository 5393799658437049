import * as z from '../zod.ts';
import { addDays, addMonths, type CalendarDate, daysBetween } from './calendar-date.ts';
import { DEADLINE_KINDS, type Deadline, type DeadlineKind } from './deadline.ts';

/**
 * When reminders are due. A *stage* is an offset in days before the due date: 30, 14, 7, 1
 * and 0 by default, then −7, −14, … (every `overdueEveryDays`) while the deadline is overdue.
 * A stage's trigger day is `dueOn − offset`.
 */
export interface ReminderPolicy {
  /** Offsets for every kind without its own list, e.g. [30, 14, 7, 1, 0]. */
  defaultOffsets: readonly number[];
  /** Offsets per kind (configuration), overriding the default list. */
  offsetsByKind: Partial<Record<DeadlineKind, readonly number[]>>;
  /** Days between reminders once a deadline is overdue (7: weekly). */
  overdueEveryDays: number;
  /** Kinds that are events, not duties (see `DEFAULT_EVENT_KINDS`): announced, never overdue. */
  eventKinds: readonly DeadlineKind[];
}

export type DeadlineNature = 'duty' | 'event';

export const natureOf = (kind: DeadlineKind, policy: Pick<ReminderPolicy, 'eventKinds'>): DeadlineNature =>
  policy.eventKinds.includes(kind) ? 'event' : 'duty';

/** Only a duty is ever overdue: open and due before today. An event that has come has passed. */
export const isOverdue = (
  deadline: Pick<Deadline, 'kind' | 'dueOn' | 'status'>,
  today: CalendarDate,
  policy: Pick<ReminderPolicy, 'eventKinds'>,
): boolean =>
  deadline.status === 'open' && deadline.dueOn < today && natureOf(deadline.kind, policy) === 'duty';

/** Open events whose day has come (today included): the run closes them after announcing today's. */
export const eventsPassed = <D extends Pick<Deadline, 'kind' | 'dueOn' | 'status'>>(
  deadlines: readonly D[],
  today: CalendarDate,
  policy: Pick<ReminderPolicy, 'eventKinds'>,
): D[] =>
  deadlines.filter(
    (deadline) =>
      deadline.status === 'open' && deadline.dueOn <= today && natureOf(deadline.kind, policy) === 'event',
  );

export const DEFAULT_OFFSETS = [30, 14, 7, 1, 0] as const;

/** At most this many reminders before a deadline's day. */
export const MAX_OFFSETS = 10;

/** The furthest ahead of its day a deadline's own offsets may remind of it. */
export const MAX_OFFSET_DAYS = 366;

/**
 * A deadline's own reminder days: whole days before its day (0: on the day), each once; kept
 * largest first. Reminders after the day follow `overdueEveryDays`, whatever these say.
 */
export const reminderOffsetsSchema = z
  .array(
    z
      .number()
      .int('must be whole days')
      .min(0, 'must be 0 (on the day) or more days before it')
      .max(MAX_OFFSET_DAYS, `must be at most ${MAX_OFFSET_DAYS} days before`),
  )
  .min(1, 'name at least one day')
  .max(MAX_OFFSETS, `name at most ${MAX_OFFSETS} days`)
  .refine((offsets) => new Set(offsets).size === offsets.length, 'must name each day once')
  .transform((offsets) => [...offsets].sort((a, b) => b - a));
export const DEFAULT_OVERDUE_EVERY_DAYS = 7;

/** A deadline's own offsets win over its kind's, which win over the defaults. */
export function offsetsFor(deadline: Pick<Deadline, 'kind' | 'offsets'>, policy: ReminderPolicy): number[] {
  return [...(deadline.offsets ?? policy.offsetsByKind[deadline.kind] ?? policy.defaultOffsets)];
}

/**
 * The stage a run on `today` should send: the most recent stage whose trigger day has come
 * (the smallest offset ≥ days left), or null while the earliest stage is still ahead.
 * Only the most recent one: a run after a missed day (job down, deadline created late)
 * catches up with one reminder, never a burst of stale ones. Whether that stage was sent
 * already is the claim's business, not this function's.
 *
 * Calendar arithmetic on dates, not instants, so a daylight-saving change cannot shift a day.
 */
export function dueStage(
  dueOn: CalendarDate,
  today: CalendarDate,
  offsets: readonly number[],
  overdueEveryDays: number = DEFAULT_OVERDUE_EVERY_DAYS,
): number | null {
  const daysLeft = daysBetween(today, dueOn);
  const candidates = offsets.filter((offset) => offset >= daysLeft);
  // Whole periods past the day: 0 (or less) until the first period is over.
  const periodsOverdue = Math.floor(-daysLeft / overdueEveryDays);
  if (periodsOverdue >= 1) candidates.push(-periodsOverdue * overdueEveryDays);
  return candidates.length === 0 ? null : Math.min(...candidates);
}

/**
 * The stage due for a deadline under a policy (see `dueStage`). An event is announced up to its
 * day and not after: once its day has passed there is nothing to remind anyone of.
 */
export function stageFor(
  deadline: Pick<Deadline, 'kind' | 'offsets' | 'dueOn'>,
  today: CalendarDate,
  policy: ReminderPolicy,
): number | null {
  if (natureOf(deadline.kind, policy) === 'event' && deadline.dueOn < today) return null;
  return dueStage(deadline.dueOn, today, offsetsFor(deadline, policy), policy.overdueEveryDays);
}

/**
 * The due dates a run on `today` must read: overdue ones back to `lookbackMonths`, and ahead as
 * far as any reminder may reach, `MAX_OFFSET_DAYS` (configured offsets and a deadline's own are
 * both held to it), so a deadline whose owner asked for 60 days is read 60 days before.
 */
export function reminderWindow(
  today: CalendarDate,
  lookbackMonths: number,
): { from: CalendarDate; to: CalendarDate } {
  return { from: addMonths(today, -lookbackMonths), to: addDays(today, MAX_OFFSET_DAYS) };
}

export const REMINDER_STATUSES = ['claimed', 'sent', 'failed', 'skipped'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/**
 * One line of the delivery log: the claim for (deadline, due date, offset, recipient) and what became
 * of it. `claimed` for longer than a run can last means the run died mid-send; the next run
 * takes the claim over (see `CLAIM_LEASE_MS` in the store).
 */
export const reminderSchema = z
  .object({
    deadlineId: z.string(),
    offsetDays: z.number().int(),
    recipient: z.string(),
    status: z.enum(REMINDER_STATUSES),
    claimedAt: z.string(),
    sentAt: z.string().nullable(),
    messageId: z.string().nullable(),
    error: z.string().nullable(),
    attempts: z.number().int(),
    runId: z.string(),
    kind: z.enum(DEADLINE_KINDS),
    dueOn: z.string(),
    subjectTitle: z.string(),
    subjectPath: z.string(),
  })
  .meta({ id: 'Reminder' });
export type Reminder = z.infer<typeof reminderSchema>;
/**
 * What a reminder is claimed by. The due date is part of it: a deadline that moves (an
 * amendment extends the funding period, a report is rescheduled) is a new date to be
 * reminded of, and the stages already sent for the old date must not silence it.
 */
export type ReminderKey = Pick<Reminder, 'deadlineId' | 'dueOn' | 'offsetDays' | 'recipient'>;
