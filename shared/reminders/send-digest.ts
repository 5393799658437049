import type { CalendarDate } from '../domain/calendar-date.ts';
import type { Deadline } from '../domain/deadline.ts';
import { renderDigest } from '../domain/digest.ts';
import { interestAtRisk } from '../domain/interest.ts';
import { natureOf, type ReminderKey } from '../domain/reminder-schedule.ts';
import { deadlineLink, deadlinesPageLink } from '../links.ts';
import type { Logger } from '../logger.ts';
import { composeMail } from '../mail/message.ts';
import { reminderPk } from '../store/reminder.keys.ts';
import type { Key } from '../store/table.ts';
import type { ReminderJobDependencies } from './run-reminders.ts';

/**
 * One recipient's digest of a run: rendered, sent, and each claim's outcome recorded. Kept apart
 * from the run's steps (`run-reminders.ts`) so each file holds one thing.
 */

export interface DigestOutcome {
  recipient: string;
  reminders: number;
  status: 'sent' | 'failed';
  messageId?: string | undefined;
  location?: string | undefined;
  error?: string | undefined;
}

/** A reminder whose stage has come, with what its digest line needs. */
export interface DueReminder extends ReminderKey {
  deadline: Deadline;
  deadlineKey: Key;
  recipientName: string | undefined;
}

const MAX_ERROR_LENGTH = 500;

export function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : `Unknown error: ${String(error)}`;
  return text.slice(0, MAX_ERROR_LENGTH);
}

export async function sendDigest(
  deps: ReminderJobDependencies,
  run: { runId: string; date: CalendarDate; now: Date; log: Logger },
  recipient: string,
  items: DueReminder[],
): Promise<DigestOutcome> {
  const name = items.find((item) => item.recipientName)?.recipientName;
  try {
    const digest = renderDigest({
      recipient: { email: recipient, name },
      today: run.date,
      items: items.map((item) => ({ deadline: item.deadline, stage: item.offsetDays })),
      link: deadlineLink(deps.publicBaseUrl),
      overviewLink: deadlinesPageLink(deps.publicBaseUrl),
      nature: (kind) => natureOf(kind, deps.settings.policy),
      interestAtRisk: (deadline) => interestAtRisk(deadline, run.date, deps.baseRates),
    });
    const mail = await composeMail({
      from: { address: deps.mail.from, name: deps.mail.fromName },
      to: { address: recipient, name },
      ...digest,
      date: run.now,
    });
    const sent = await deps.transport.send(mail);
    run.log.info('Reminder digest sent', {
      recipient,
      reminders: items.length,
      messageId: sent.messageId,
      ...(sent.location ? { location: sent.location } : {}),
    });
    const unmarked = await deps.reminders.markSent(items, run.runId, deps.clock(), sent.messageId);
    for (const { key, error } of unmarked) couldNotRecord(run, key, error);
    return {
      recipient,
      reminders: items.length,
      status: 'sent',
      messageId: sent.messageId,
      location: sent.location,
    };
  } catch (error) {
    const reason = describe(error);
    run.log.error('Reminder digest not sent; its reminders are released for the next run', {
      recipient,
      reminders: items.length,
      error: reason,
    });
    await settle(run, items, (item) => deps.reminders.markFailed(item, run.runId, reason));
    return { recipient, reminders: items.length, status: 'failed', error: reason };
  }
}

/**
 * Records each claim's outcome. If recording fails after a successful send, the claim stays
 * `claimed` until its lease runs out, and is then sent again (the duplicate window above).
 */
export async function settle(
  run: { log: Logger },
  items: DueReminder[],
  record: (item: DueReminder) => Promise<void>,
): Promise<void> {
  await Promise.all(
    items.map(async (item) => {
      try {
        await record(item);
      } catch (error) {
        couldNotRecord(run, item, error);
      }
    }),
  );
}

function couldNotRecord(run: { log: Logger }, key: ReminderKey, error: unknown): void {
  run.log.error('Could not record the outcome of a reminder', {
    reminder: reminderPk(key),
    error: describe(error),
  });
}
