import type { Actor } from '../domain/actor.ts';
import type { CalendarDate } from '../domain/calendar-date.ts';
import type { Deadline } from '../domain/deadline.ts';
import { AppError } from '../domain/errors.ts';
import type { Reminder, ReminderKey, ReminderStatus } from '../domain/reminder-schedule.ts';
import { mustNotExist } from './conditions.ts';
import { deadlineEntity, subjectPartition } from './deadline.keys.ts';
import { passedEventWrite, toDeadline } from './deadline-sync.ts';
import { historyWrite, type WriteContext } from './records.ts';
import { reminderEntity, reminderKey, reminderPk } from './reminder.keys.ts';
import {
  type Condition,
  type Item,
  type Key,
  MAX_TRANSACTION_ITEMS,
  type Table,
  type Write,
  withoutKeys,
} from './table.ts';

/** How a claim's outcome is written: the update and its values. */
interface Outcome {
  expression: string;
  values: Record<string, unknown>;
}

/** Who closes an event on its day, in the record's history. */
export const REMINDER_JOB_ACTOR: Actor = { sub: 'reminder-job', email: undefined, roles: [] };

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
   * Closes an event whose day has come, if it is still as read: done, with the day that passed,
   * and an entry in its record's history. False when it changed meanwhile (the record moved it,
   * another run closed it): the next run decides again.
   */
  async closePassedEvent(deadline: Deadline, context: Omit<WriteContext, 'actor'>): Promise<boolean> {
    const partition = subjectPartition(deadline.subject);
    try {
      await this.table.transact([
        passedEventWrite(partition, deadline, context.now),
        historyWrite(
          partition,
          { ...context, actor: REMINDER_JOB_ACTOR },
          {
            action: 'deadline_passed',
            from: 'open',
            to: 'done',
            deadline: { id: deadline.id, kind: deadline.kind, dueOn: deadline.dueOn },
          },
        ),
      ]);
      return true;
    } catch (error) {
      if (error instanceof AppError && error.kind === 'conflict') return false;
      throw error;
    }
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

  /**
   * Marks a digest's claims sent: one transaction per hundred (DynamoDB's limit) instead of one
   * request per claim. A transaction is all or nothing, so when one of its claims was taken over
   * by another run each claim of that chunk is marked on its own, and only the taken one fails.
   * Resolves with the keys that could not be marked.
   */
  async markSent(
    keys: readonly ReminderKey[],
    runId: string,
    sentAt: Date,
    messageId: string,
  ): Promise<{ key: ReminderKey; error: unknown }[]> {
    const update = {
      expression: 'SET #status = :status, sentAt = :sentAt, messageId = :messageId REMOVE #error',
      values: { ':sentAt': sentAt.toISOString(), ':messageId': messageId },
    };
    const unmarked: { key: ReminderKey; error: unknown }[] = [];
    const eachOnItsOwn = (chunk: readonly ReminderKey[]) =>
      Promise.all(
        chunk.map((key) =>
          this.#finish(key, runId, 'sent', update).catch((error: unknown) => {
            unmarked.push({ key, error });
          }),
        ),
      );
    for (let start = 0; start < keys.length; start += MAX_TRANSACTION_ITEMS) {
      const chunk = keys.slice(start, start + MAX_TRANSACTION_ITEMS);
      if (chunk.length === 1) {
        await eachOnItsOwn(chunk);
        continue;
      }
      try {
        await this.table.transact(chunk.map((key) => this.#finishWrite(key, runId, 'sent', update)));
      } catch {
        await eachOnItsOwn(chunk);
      }
    }
    return unmarked;
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
  async #finish(key: ReminderKey, runId: string, status: ReminderStatus, update: Outcome): Promise<void> {
    const write = this.#finishWrite(key, runId, status, update);
    const moved = await this.table.updateIf(write.update, write.set, write.condition);
    if (!moved)
      throw new AppError('conflict', `Reminder ${reminderPk(key)} is no longer claimed by run ${runId}`);
  }

  /** The conditional update that moves this run's claim to its outcome. */
  #finishWrite(key: ReminderKey, runId: string, status: ReminderStatus, update: Outcome) {
    return {
      update: reminderKey(key),
      set: {
        expression: update.expression,
        names: { '#error': 'error' },
        values: { ...update.values, ':status': status },
      },
      condition: {
        expression: '#status = :claimed AND runId = :runId',
        names: { '#status': 'status' },
        values: { ':claimed': 'claimed', ':runId': runId },
      },
    } satisfies Write;
  }
}
