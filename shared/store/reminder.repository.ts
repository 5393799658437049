import type { CalendarDate } from '../domain/calendar-date.ts';
import type { Deadline } from '../domain/deadline.ts';
import { AppError } from '../domain/errors.ts';
import type { Reminder, ReminderKey, ReminderStatus } from '../domain/reminder-schedule.ts';
import { mustNotExist } from './conditions.ts';
import { deadlineEntity } from './deadline.keys.ts';
import { toDeadline } from './deadline-sync.ts';
import { reminderEntity, reminderKey, reminderPk } from './reminder.keys.ts';
import { type Condition, type Item, type Key, type Table, withoutKeys } from './table.ts';

/** An open deadline as the due-month index returned it, with the key of its item for re-reads. */
export interface DueDeadline {
  deadline: Deadline;
  key: Key;
}

/** What a claim records besides its key: a snapshot of the deadline for the delivery log. */
export interface ClaimInput extends ReminderKey {
  deadline: Deadline;
  /** Where the deadline's record is, as the edge links it (for the delivery log). */
  subjectPath: string;
  runId: string;
  now: Date;
  /** Attempts before this one (a failed claim is claimed again). */
  previousAttempts: number;
  /** The claim must outlive every run that could still pick this stage (TTL). */
  keepUntil: Date;
}

/**
 * How long a claim belongs to the run that made it. No run lives this long (the reminder
 * Lambda times out after 5 minutes, the API after 10 seconds), so a claim older than this that
 * is still `claimed` belongs to a run that died between claiming and recording the outcome,
 * and the next run takes it over. If that run died after the message was accepted, the
 * reminder goes out twice: the one duplicate window, chosen over a reminder never sent.
 */
export const CLAIM_LEASE_MS = 15 * 60_000;

/** Whether a run may claim a reminder in this state: never claimed, failed, or abandoned. */
export function isClaimable(
  existing: Pick<Reminder, 'status' | 'claimedAt'> | undefined,
  now: Date,
): boolean {
  if (existing === undefined || existing.status === 'failed') return true;
  return (
    existing.status === 'claimed' &&
    existing.claimedAt < new Date(now.getTime() - CLAIM_LEASE_MS).toISOString()
  );
}

/** The same rule as `isClaimable`, as the condition of the claim's Put. */
const claimableAt = (now: Date): Condition => ({
  expression:
    'attribute_not_exists(pk) OR #status = :failed OR (#status = :claimed AND claimedAt < :abandonedBefore)',
  names: { '#status': 'status' },
  values: {
    ':failed': 'failed',
    ':claimed': 'claimed',
    ':abandonedBefore': new Date(now.getTime() - CLAIM_LEASE_MS).toISOString(),
  },
});
export function toReminder(item: Item): Reminder {
  const stored = withoutKeys<Partial<Reminder> & Reminder>(item);
  return {
    ...stored,
    sentAt: stored.sentAt ?? null,
    messageId: stored.messageId ?? null,
    error: stored.error ?? null,
  };
}

/**
 * The reminder job's reads and writes. Open deadlines come from the sparse open-deadline index
 * (gsi3, `OPEN#DEADLINES` · `dueOn#id`), one key range, so a run reads what is due, not the
 * table. Each reminder is claimed by a conditional Put on `REMINDER#<deadlineId>#<dueOn>#<offset>#<recipient>`
 * before it is sent, which is what makes repeated, overlapping and retried runs send it once.
 */
export class ReminderRepository {
  constructor(private readonly table: Table) {}

  /** Open deadlines due in [from, to], by due date: one key range of the open-deadline partition, page by page. */
  async openDeadlinesDue(from: CalendarDate, to: CalendarDate): Promise<DueDeadline[]> {
    const items = await this.table.queryAll(deadlineEntity.query('open', {}, { between: [from, to] }));
    return items.map((item) => ({
      deadline: toDeadline(item),
      key: { pk: String(item.pk), sk: String(item.sk) },
    }));
  }

  /** Reminders already claimed, by `reminderPk`; eventually consistent (an optimization, the claim decides). */
  async existing(keys: readonly ReminderKey[]): Promise<Map<string, Reminder>> {
    const items = await this.table.getBatch(keys.map(reminderKey), { consistent: false });
    return new Map(items.map((item) => [String(item.pk), toReminder(item)]));
  }

  /** Ids of the deadlines that are still open right now (strongly consistent reads). */
  async stillOpen(keys: readonly Key[]): Promise<Set<string>> {
    const items = await this.table.getBatch(keys, { consistent: true, attributes: ['id', 'status'] });
    return new Set(items.filter((item) => item.status === 'open').map((item) => String(item.id)));
  }

  /**
   * Claims a reminder: succeeds only if nobody has claimed it, its last attempt failed, or
   * its claim was abandoned (`CLAIM_LEASE_MS`). Returns false when another run holds it or sent it.
   */
  async claim(input: ClaimInput): Promise<boolean> {
    return this.#putIfFree(input, 'claimed', undefined, claimableAt(input.now));
  }

  /** Records a reminder that will never be sent (e.g. an invalid address), once. */
  async recordSkipped(input: ClaimInput, reason: string): Promise<boolean> {
    return this.#putIfFree(input, 'skipped', reason, mustNotExist);
  }

  markSent(key: ReminderKey, runId: string, sentAt: Date, messageId: string): Promise<void> {
    return this.#finish(key, runId, 'sent', {
      expression: 'SET #status = :status, sentAt = :sentAt, messageId = :messageId REMOVE #error',
      values: { ':sentAt': sentAt.toISOString(), ':messageId': messageId },
    });
  }

  /** Releases the claim: the next run claims it again and retries. */
  markFailed(key: ReminderKey, runId: string, error: string): Promise<void> {
    return this.#finish(key, runId, 'failed', {
      expression: 'SET #status = :status, #error = :error',
      values: { ':error': error },
    });
  }

  /** The claim is kept but nothing is sent (the deadline was closed while the run went on). */
  markSkipped(key: ReminderKey, runId: string, reason: string): Promise<void> {
    return this.#finish(key, runId, 'skipped', {
      expression: 'SET #status = :status, #error = :error',
      values: { ':error': reason },
    });
  }

  async #putIfFree(
    input: ClaimInput,
    status: ReminderStatus,
    error: string | undefined,
    condition: Condition,
  ): Promise<boolean> {
    const reminder: Reminder = {
      deadlineId: input.deadlineId,
      offsetDays: input.offsetDays,
      recipient: input.recipient,
      status,
      claimedAt: input.now.toISOString(),
      sentAt: null,
      messageId: null,
      error: error ?? null,
      runId: input.runId,
      attempts: input.previousAttempts + 1,
      kind: input.deadline.kind,
      dueOn: input.deadline.dueOn,
      subjectTitle: input.deadline.subject.title,
      subjectPath: input.subjectPath,
    };
    const item = {
      ...reminderEntity.item(reminder, { claimPk: reminderPk(input) }),
      expiresAt: Math.floor(input.keepUntil.getTime() / 1000),
    };
    return this.table.putIf(item, condition);
  }

  /** Moves this run's claim to its outcome; a claim another run took over is left alone. */
  async #finish(
    key: ReminderKey,
    runId: string,
    status: ReminderStatus,
    update: { expression: string; values: Record<string, unknown> },
  ): Promise<void> {
    const moved = await this.table.updateIf(
      reminderKey(key),
      {
        expression: update.expression,
        names: { '#error': 'error' },
        values: { ...update.values, ':status': status },
      },
      {
        expression: '#status = :claimed AND runId = :runId',
        names: { '#status': 'status' },
        values: { ':claimed': 'claimed', ':runId': runId },
      },
    );
    if (!moved)
      throw new AppError('conflict', `Reminder ${reminderPk(key)} is no longer claimed by run ${runId}`);
  }
}
