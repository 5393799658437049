import { BatchGetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mapWithConcurrency } from '../concurrency.ts';
import { type CalendarDate, monthsBetween } from '../domain/calendar-date.ts';
import type { Deadline } from '../domain/deadline.ts';
import { AppError } from '../domain/errors.ts';
import type { Reminder, ReminderKey, ReminderStatus } from '../domain/reminder-schedule.ts';
import type { CursorCodec } from './cursor.ts';
import { type Page, type PageRequest, queryPage } from './records.ts';
import {
  type Condition,
  type Item,
  type Key,
  mapStoreError,
  mustNotExist,
  type Table,
  withoutKeys,
} from './table.ts';

/** An open deadline as the due-month index returned it, with the key of its item for re-reads. */
export interface DueDeadline {
  deadline: Deadline;
  key: Key;
}

/** What a claim records besides its key: a snapshot of the deadline for the delivery log. */
export interface ClaimInput extends ReminderKey {
  deadline: Deadline;
  runId: string;
  now: Date;
  /** Attempts before this one (a failed claim is claimed again). */
  previousAttempts: number;
  /** The claim must outlive every run that could still pick this stage (TTL). */
  keepUntil: Date;
}

const REMINDER_SK = 'REMINDER';

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
const LOG_PARTITION = 'REMINDERS';
/** BatchGetItem takes at most 100 keys. */
const BATCH_SIZE = 100;
const QUERY_CONCURRENCY = 6;
const UNPROCESSED_RETRIES = 8;

export const reminderPk = (key: ReminderKey) =>
  `REMINDER#${key.deadlineId}#${key.dueOn}#${key.offsetDays}#${key.recipient}`;

/** `YYYY-MM` of every month from `from` to `to`, inclusive. */
const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) =>
    items.slice(index * size, (index + 1) * size),
  );

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const isConditionFailure = (error: unknown) =>
  (error as { name?: string } | undefined)?.name === 'ConditionalCheckFailedException';

function toReminder(item: Item): Reminder {
  const stored = withoutKeys<Partial<Reminder> & Reminder>(item);
  return {
    ...stored,
    sentAt: stored.sentAt ?? null,
    messageId: stored.messageId ?? null,
    error: stored.error ?? null,
  };
}

/**
 * The reminder job's reads and writes. Open deadlines come from the sparse due-month index
 * (gsi3, `DUE#YYYY-MM` · `dueOn#id`), one Query per month, so a run reads what is due, not the
 * table. Each reminder is claimed by a conditional Put on `REMINDER#<deadlineId>#<dueOn>#<offset>#<recipient>`
 * before it is sent, which is what makes repeated, overlapping and retried runs send it once.
 */
export class ReminderRepository {
  constructor(private readonly table: Table) {}

  /** Open deadlines due in [from, to], by due date; the months are read in parallel. */
  async openDeadlinesDue(from: CalendarDate, to: CalendarDate): Promise<DueDeadline[]> {
    const perMonth = await mapWithConcurrency(monthsBetween(from, to), QUERY_CONCURRENCY, async (month) => {
      const found: DueDeadline[] = [];
      let startKey: Record<string, string> | undefined;
      do {
        const page = await this.table.query({
          index: 'gsi3',
          partition: `DUE#${month}`,
          sortKeyBetween: [`${from}#`, `${to}#~`],
          startKey,
        });
        for (const item of page.items) {
          found.push({
            deadline: withoutKeys<Deadline>(item),
            key: { pk: String(item.pk), sk: String(item.sk) },
          });
        }
        startKey = page.lastKey;
      } while (startKey);
      return found;
    });
    return perMonth.flat();
  }

  /** Reminders already claimed, by `reminderPk`; eventually consistent (an optimization, the claim decides). */
  async existing(keys: readonly ReminderKey[]): Promise<Map<string, Reminder>> {
    const items = await this.#batchGet(
      keys.map((key) => ({ pk: reminderPk(key), sk: REMINDER_SK })),
      false,
    );
    return new Map(items.map((item) => [String(item.pk), toReminder(item)]));
  }

  /** Ids of the deadlines that are still open right now (strongly consistent reads). */
  async stillOpen(keys: readonly Key[]): Promise<Set<string>> {
    const items = await this.#batchGet(keys, true, {
      ProjectionExpression: '#id, #status',
      ExpressionAttributeNames: { '#id': 'id', '#status': 'status' },
    });
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
    const pk = reminderPk(input);
    const claimedAt = input.now.toISOString();
    const item = {
      pk,
      sk: REMINDER_SK,
      entity: 'reminder',
      gsi1pk: LOG_PARTITION,
      gsi1sk: `${claimedAt}#${pk}`,
      expiresAt: Math.floor(input.keepUntil.getTime() / 1000),
      deadlineId: input.deadlineId,
      offsetDays: input.offsetDays,
      recipient: input.recipient,
      status,
      claimedAt,
      runId: input.runId,
      attempts: input.previousAttempts + 1,
      kind: input.deadline.kind,
      dueOn: input.deadline.dueOn,
      subjectTitle: input.deadline.subject.title,
      subjectPath: input.deadline.subject.path,
      ...(error === undefined ? {} : { error }),
    };
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: item,
          ConditionExpression: condition.expression,
          ExpressionAttributeNames: condition.names,
          ExpressionAttributeValues: condition.values,
        }),
      );
      return true;
    } catch (caught) {
      if (isConditionFailure(caught)) return false;
      throw mapStoreError(caught);
    }
  }

  /** Moves this run's claim to its outcome; a claim another run took over is left alone. */
  async #finish(
    key: ReminderKey,
    runId: string,
    status: ReminderStatus,
    update: { expression: string; values: Record<string, unknown> },
  ): Promise<void> {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: { pk: reminderPk(key), sk: REMINDER_SK },
          UpdateExpression: update.expression,
          ConditionExpression: '#status = :claimed AND runId = :runId',
          ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
          ExpressionAttributeValues: {
            ...update.values,
            ':status': status,
            ':claimed': 'claimed',
            ':runId': runId,
          },
        }),
      );
    } catch (caught) {
      if (isConditionFailure(caught)) {
        throw new AppError('conflict', `Reminder ${reminderPk(key)} is no longer claimed by run ${runId}`);
      }
      throw mapStoreError(caught);
    }
  }

  async #batchGet(
    keys: readonly Key[],
    consistent: boolean,
    projection: { ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> } = {},
  ): Promise<Item[]> {
    const unique = [...new Map(keys.map((key) => [`${key.pk}\u0000${key.sk}`, key])).values()];
    const pages = await mapWithConcurrency(chunks(unique, BATCH_SIZE), QUERY_CONCURRENCY, async (batch) => {
      const found: Item[] = [];
      let pending: Record<string, unknown>[] = batch;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > UNPROCESSED_RETRIES) {
          throw new AppError('unavailable', 'The database is busy; please retry', {
            extensions: { retryAfterSeconds: 1 },
          });
        }
        if (attempt > 0) await delay(2 ** attempt * 10);
        try {
          const result = await this.table.doc.send(
            new BatchGetCommand({
              RequestItems: {
                [this.table.tableName]: { Keys: pending, ConsistentRead: consistent, ...projection },
              },
            }),
          );
          found.push(...(result.Responses?.[this.table.tableName] ?? []));
          pending = result.UnprocessedKeys?.[this.table.tableName]?.Keys ?? [];
        } catch (caught) {
          throw mapStoreError(caught);
        }
      }
      return found;
    });
    return pages.flat();
  }
}

/** The delivery log: what became of each reminder, so that a silent failure is visible. */
export class ReminderLog {
  constructor(
    private readonly table: Table,
    private readonly cursors: CursorCodec,
  ) {}

  /** The delivery log, newest claim first; optionally one status only. */
  list(filter: { status?: ReminderStatus | undefined }, page: PageRequest): Promise<Page<Reminder>> {
    return queryPage(
      this.table,
      this.cursors,
      {
        index: 'gsi1',
        partition: LOG_PARTITION,
        newestFirst: true,
        ...(filter.status
          ? {
              filter: {
                expression: '#status = :status',
                names: { '#status': 'status' },
                values: { ':status': filter.status },
              },
            }
          : {}),
      },
      page,
      toReminder,
    );
  }
}
