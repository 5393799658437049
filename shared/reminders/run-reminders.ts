import { mapWithConcurrency } from '../concurrency.ts';
import type { MailSettings, ReminderSettings } from '../config/config.ts';
import type { BaseRate } from '../domain/base-rates.ts';
import { addMonths, berlinDate, type CalendarDate } from '../domain/calendar-date.ts';
import type { Deadline } from '../domain/deadline.ts';
import { eventsPassed, reminderWindow, stageFor } from '../domain/reminder-schedule.ts';
import { deadlinePath } from '../links.ts';
import type { Logger } from '../logger.ts';
import type { Mailbox } from '../mail/message.ts';
import type { MailTransport } from '../mail/transport.ts';
import { reminderPk } from '../store/reminder.keys.ts';
import { type ClaimInput, isClaimable, type ReminderRepository } from '../store/reminder.repository.ts';
import * as z from '../zod.ts';
import { type DigestOutcome, type DueReminder, sendDigest, settle } from './send-digest.ts';

export type { DigestOutcome } from './send-digest.ts';

/** Everything a run needs, passed in: the Lambda, the API and the local cron build it their way. */
export interface ReminderJobDependencies {
  reminders: ReminderRepository;
  transport: MailTransport;
  clock: () => Date;
  /** Id of a run; claims carry it, so a run only ever finishes its own claims. */
  newId: () => string;
  settings: ReminderSettings;
  mail: Pick<MailSettings, 'from' | 'fromName'>;
  /** The web app's public address: links in the digest open its pages. */
  publicBaseUrl: string;
  /** For the interest at stake on money not spent in time. */
  baseRates: readonly BaseRate[];
  logger: Logger;
}

export interface ReminderRunSummary {
  runId: string;
  date: CalendarDate;
  /** Open deadlines read from the due-month index for the run's window. */
  deadlinesConsidered: number;
  /** (deadline, stage, recipient) whose stage has come today. */
  remindersDue: number;
  /** Of those, already sent, skipped or held by another run. */
  alreadyHandled: number;
  sent: number;
  failed: number;
  skipped: number;
  /** Digests attempted: one per recipient. */
  recipients: number;
  digests: DigestOutcome[];
  /** Events whose day had come, closed by this run (after today's announcements). */
  eventsPassed: number;
}

const CLAIM_CONCURRENCY = 16;
const SEND_CONCURRENCY = 4;
/** A claim is kept at least this long, even for a run dated far back. */
const MIN_KEEP_DAYS = 400;

const isEmail = (address: string) => z.email().safeParse(address).success;

/** The owner, and for funding deadlines the finance mailbox (configuration, not code). */
export function recipientsOf(deadline: Deadline, settings: ReminderSettings): Mailbox[] {
  const owner = { address: deadline.owner.email.toLowerCase(), name: deadline.owner.name };
  const finance = settings.financeMailbox;
  if (finance && settings.financeKinds.includes(deadline.kind) && finance !== owner.address) {
    return [owner, { address: finance }];
  }
  return [owner];
}

/**
 * The claim must outlive every run that could pick the same stage again: a deadline is read
 * until `lookbackMonths` after it was due. Expired claims are removed by DynamoDB's TTL.
 */
function keepUntil(deadline: Deadline, settings: ReminderSettings, now: Date): Date {
  const afterLastRead = new Date(`${addMonths(deadline.dueOn, settings.lookbackMonths + 1)}T00:00:00Z`);
  const minimum = new Date(now.getTime() + MIN_KEEP_DAYS * 86_400_000);
  return afterLastRead > minimum ? afterLastRead : minimum;
}

function dueReminders(
  open: Awaited<ReturnType<ReminderRepository['openDeadlinesDue']>>,
  date: CalendarDate,
  settings: ReminderSettings,
): DueReminder[] {
  const due: DueReminder[] = [];
  for (const { deadline, key } of open) {
    if (deadline.status !== 'open') continue;
    const stage = stageFor(deadline, date, settings.policy);
    if (stage === null) continue;
    for (const recipient of recipientsOf(deadline, settings)) {
      due.push({
        deadlineId: deadline.id,
        dueOn: deadline.dueOn,
        offsetDays: stage,
        recipient: recipient.address,
        recipientName: recipient.name,
        deadline,
        deadlineKey: key,
      });
    }
  }
  return due;
}

/**
 * One reminder run for a calendar day (default: today in Europe/Berlin).
 *
 * 1. Reads the open deadlines due from `lookbackMonths` back up to the horizon (sparse index).
 * 2. Picks each one's most recent due stage and its recipients.
 * 3. Skips what an earlier run sent or skipped (one BatchGet per 100 reminders).
 * 4. Claims each remaining reminder with a conditional Put; only the winner goes on.
 * 5. Re-reads the claimed deadlines (consistent): one closed meanwhile is not sent.
 * 6. Sends one digest per recipient (`send-digest.ts`); marks its claims sent, or failed
 *    (released for the next run). A recipient's failure never stops the others.
 * 7. Closes the events whose day has come, each with an entry in its record's history.
 *
 * Exactly once per (deadline, due date, offset, recipient), except in one window: between the message
 * being accepted and its claim being marked `sent`. A send that fails ambiguously (SES took
 * the message, the call still timed out) is marked failed and sent again by the next run; a
 * run that dies in that window leaves its claim `claimed`, which the first run after
 * `CLAIM_LEASE_MS` takes over and sends again. Both choose a duplicate over a reminder lost.
 */
export async function runReminders(
  deps: ReminderJobDependencies,
  options: { date?: CalendarDate | undefined } = {},
): Promise<ReminderRunSummary> {
  const now = deps.clock();
  const date = options.date ?? berlinDate(now);
  const runId = deps.newId();
  const log = deps.logger.createChild({ persistentKeys: { reminderRun: runId, reminderDate: date } });
  const summary: ReminderRunSummary = {
    runId,
    date,
    deadlinesConsidered: 0,
    remindersDue: 0,
    alreadyHandled: 0,
    sent: 0,
    failed: 0,
    skipped: 0,
    recipients: 0,
    digests: [],
    eventsPassed: 0,
  };

  const window = reminderWindow(date, deps.settings.lookbackMonths);
  const open = await deps.reminders.openDeadlinesDue(window.from, window.to);
  const due = dueReminders(open, date, deps.settings);
  summary.deadlinesConsidered = open.length;
  summary.remindersDue = due.length;

  const earlier = await deps.reminders.existing(due);
  const pending = due.filter((reminder) => isClaimable(earlier.get(reminderPk(reminder)), now));
  summary.alreadyHandled = due.length - pending.length;

  const claimInput = (reminder: DueReminder): ClaimInput => ({
    deadlineId: reminder.deadlineId,
    dueOn: reminder.dueOn,
    offsetDays: reminder.offsetDays,
    recipient: reminder.recipient,
    deadline: reminder.deadline,
    subjectPath: deadlinePath(reminder.deadline),
    runId,
    now,
    previousAttempts: earlier.get(reminderPk(reminder))?.attempts ?? 0,
    keepUntil: keepUntil(reminder.deadline, deps.settings, now),
  });

  const outcomes = await mapWithConcurrency(pending, CLAIM_CONCURRENCY, async (reminder) => {
    if (!isEmail(reminder.recipient)) {
      const recorded = await deps.reminders.recordSkipped(claimInput(reminder), 'invalid e-mail address');
      if (recorded) log.warn('Reminder skipped: invalid e-mail address', { recipient: reminder.recipient });
      return recorded ? 'skipped' : 'taken';
    }
    return (await deps.reminders.claim(claimInput(reminder))) ? 'claimed' : 'taken';
  });
  summary.skipped += outcomes.filter((outcome) => outcome === 'skipped').length;
  summary.alreadyHandled += outcomes.filter((outcome) => outcome === 'taken').length;
  const claimed = pending.filter((_, index) => outcomes[index] === 'claimed');
  if (claimed.length > 0) await sendClaimed(deps, { runId, date, now, log }, claimed, summary);

  // Events close on their day, after today's announcement of them went out.
  const passed = eventsPassed(
    open.map(({ deadline }) => deadline),
    date,
    deps.settings.policy,
  );
  const closed = await mapWithConcurrency(passed, CLAIM_CONCURRENCY, (deadline) =>
    deps.reminders.closePassedEvent(deadline, { now, newId: deps.newId }),
  );
  summary.eventsPassed = closed.filter(Boolean).length;
  log.info('Reminder run finished', { ...summary, digests: undefined });
  return summary;
}

/** Steps 5 and 6 for the reminders this run claimed. */
async function sendClaimed(
  deps: ReminderJobDependencies,
  run: { runId: string; date: CalendarDate; now: Date; log: Logger },
  claimed: DueReminder[],
  summary: ReminderRunSummary,
): Promise<void> {
  const { runId } = run;

  // The index is eventually consistent: a deadline closed a moment ago may still be in it.
  const stillOpen = await deps.reminders.stillOpen(claimed.map((reminder) => reminder.deadlineKey));
  const sendable = claimed.filter((reminder) => stillOpen.has(reminder.deadlineId));
  const closed = claimed.filter((reminder) => !stillOpen.has(reminder.deadlineId));
  // Recorded side by side, each failure logged: a claim another run took over stops nothing.
  await settle(run, closed, (reminder) =>
    deps.reminders.markSkipped(reminder, runId, 'deadline closed before sending'),
  );
  summary.skipped += closed.length;

  const byRecipient = new Map<string, DueReminder[]>();
  for (const reminder of sendable) {
    byRecipient.set(reminder.recipient, [...(byRecipient.get(reminder.recipient) ?? []), reminder]);
  }
  summary.recipients = byRecipient.size;
  summary.digests = await mapWithConcurrency([...byRecipient], SEND_CONCURRENCY, ([recipient, items]) =>
    sendDigest(deps, run, recipient, items),
  );
  for (const digest of summary.digests) {
    if (digest.status === 'sent') summary.sent += digest.reminders;
    else summary.failed += digest.reminders;
  }
}
