import {
  MessageRejected,
  SESv2Client,
  SendEmailCommand,
  type SendEmailCommandInput,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { reminderJobOf } from '../../functions/api/routes/reminders.routes.ts';
import { SesTransport } from '../../shared/mail/ses-transport.ts';
import { type ReminderJobDependencies, runReminders } from '../../shared/reminders/run-reminders.ts';
import {
  CLAIM_LEASE_MS,
  type DueDeadline,
  ReminderRepository,
} from '../../shared/store/reminder.repository.ts';
import { sampleDeadline, seedDeadlines } from '../support/deadlines.ts';
import { outboxes, readOutbox } from '../support/outbox.ts';
import { createTestApi, type TestApi } from '../support/test-api.ts';

const DATE = '2026-06-01';
const ses = mockClient(SESv2Client);
afterEach(() => ses.reset());
const outboxDirs = outboxes();
afterAll(outboxDirs.removeAll);

const recipientOf = (input: SendEmailCommandInput) => input.Destination?.ToAddresses?.[0] ?? '';

async function apiWith(deadlines: Parameters<typeof seedDeadlines>[2]) {
  const api = outboxDirs.track(await createTestApi());
  await seedDeadlines(api.database.doc, api.database.tableName, deadlines);
  return api;
}

function sesJob(api: TestApi): ReminderJobDependencies {
  const client = new SESv2Client({
    region: 'eu-central-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  return { ...reminderJobOf(api.deps), transport: new SesTransport(client) };
}

const logOf = async (api: TestApi) =>
  (await api.as('admin').get('/v1/reminders?limit=100')).json.items as {
    recipient: string;
    status: string;
    error: string | null;
    attempts: number;
  }[];

describe('SES failures', () => {
  const three = [0, 1, 2].map((index) => sampleDeadline(index));

  it('sends to two of three recipients when SES throttles the third, and retries it on the next run', async () => {
    const api = await apiWith(three);
    const job = sesJob(api);
    ses.on(SendEmailCommand).callsFake((input: SendEmailCommandInput) => {
      if (recipientOf(input) === 'person1@erfurt.example') {
        throw new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: {} });
      }
      return { MessageId: `ses-${recipientOf(input)}` };
    });

    const first = await runReminders(job, { date: DATE });

    expect(first).toMatchObject({ recipients: 3, sent: 2, failed: 1 });
    expect(first.digests.find((digest) => digest.status === 'failed')).toEqual({
      recipient: 'person1@erfurt.example',
      reminders: 1,
      status: 'failed',
      error: 'TooManyRequestsException: Maximum sending rate exceeded.',
    });
    expect(await logOf(api)).toContainEqual(
      expect.objectContaining({
        recipient: 'person1@erfurt.example',
        status: 'failed',
        error: 'TooManyRequestsException: Maximum sending rate exceeded.',
        attempts: 1,
      }),
    );

    ses.reset();
    ses
      .on(SendEmailCommand)
      .callsFake((input: SendEmailCommandInput) => ({ MessageId: `ses-${recipientOf(input)}` }));
    const second = await runReminders(job, { date: DATE });

    expect(second).toMatchObject({ recipients: 1, sent: 1, failed: 0, alreadyHandled: 2 });
    expect(ses.commandCalls(SendEmailCommand).map((call) => recipientOf(call.args[0].input))).toEqual([
      'person1@erfurt.example',
    ]);
    expect((await logOf(api)).find((entry) => entry.recipient === 'person1@erfurt.example')).toMatchObject({
      status: 'sent',
      error: null,
      attempts: 2,
    });
  });

  it('records a rejection and carries on with the others', async () => {
    const api = await apiWith(three);
    ses.on(SendEmailCommand).callsFake((input: SendEmailCommandInput) => {
      if (recipientOf(input) === 'person0@erfurt.example') {
        throw new MessageRejected({ message: 'Email address is not verified.', $metadata: {} });
      }
      return { MessageId: 'ok' };
    });

    const summary = await runReminders(sesJob(api), { date: DATE });

    expect(summary).toMatchObject({ sent: 2, failed: 1 });
    expect((await logOf(api)).find((entry) => entry.recipient === 'person0@erfurt.example')?.error).toBe(
      'MessageRejected: Email address is not verified.',
    );
  });

  it('sends the raw MIME message from the configured sender', async () => {
    const api = await apiWith([three[0]!]);
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });

    await runReminders(sesJob(api), { date: DATE });

    const [call] = ses.commandCalls(SendEmailCommand);
    const input = call?.args[0].input;
    expect(input?.FromEmailAddress).toBe('fristen@foerdertracker.example');
    expect(input?.Destination).toEqual({ ToAddresses: ['person0@erfurt.example'] });
    expect(Buffer.from(input?.Content?.Raw?.Data ?? []).toString()).toMatch(
      /^Content-Type: multipart\/alternative/m,
    );
  });
});

describe('recipients and stale reads', () => {
  it('skips and reports an invalid recipient address once, and still sends to the others', async () => {
    const api = await apiWith([
      sampleDeadline(0),
      sampleDeadline(1, { owner: { name: 'Altdaten', email: 'kein-postfach' } }),
    ]);
    const job = reminderJobOf(api.deps);

    const first = await runReminders(job, { date: DATE });
    const second = await runReminders(job, { date: DATE });

    expect(first).toMatchObject({ sent: 1, skipped: 1 });
    expect(second).toMatchObject({ sent: 0, skipped: 0, alreadyHandled: 2 });
    expect(await logOf(api)).toContainEqual(
      expect.objectContaining({
        recipient: 'kein-postfach',
        status: 'skipped',
        error: 'invalid e-mail address',
      }),
    );
  });

  it('does not send for a deadline closed after the index was read', async () => {
    const open = sampleDeadline(0);
    const api = await apiWith([open]);
    const stale = await api.deps.store.reminders.openDeadlinesDue('2026-06-01', '2026-07-31');
    await seedDeadlines(api.database.doc, api.database.tableName, [{ ...open, status: 'done' }]);
    class StaleIndex extends ReminderRepository {
      override openDeadlinesDue = async (): Promise<DueDeadline[]> => stale;
    }
    const job = { ...reminderJobOf(api.deps), reminders: new StaleIndex(api.deps.store.table) };

    const summary = await runReminders(job, { date: DATE });

    expect(summary).toMatchObject({ remindersDue: 1, sent: 0, skipped: 1 });
    expect(await readOutbox(api.outboxDir)).toEqual([]);
    expect((await logOf(api))[0]).toMatchObject({
      status: 'skipped',
      error: 'deadline closed before sending',
    });
  });

  it('takes over a claim whose run died, once its lease is over, and not before', async () => {
    const [abandoned, held] = [sampleDeadline(0), sampleDeadline(1)];
    const api = await apiWith([abandoned, held]);
    const claimAgo = (deadline: typeof abandoned, minutes: number) =>
      api.deps.store.reminders.claim({
        deadlineId: deadline.id,
        dueOn: deadline.dueOn,
        offsetDays: 30,
        recipient: deadline.owner.email,
        deadline,
        subjectPath: '/v1/applications/x',
        runId: 'a-run-that-died',
        now: new Date(Date.now() - minutes * 60_000),
        previousAttempts: 0,
        keepUntil: new Date('2030-01-01'),
      });
    expect(await claimAgo(abandoned, CLAIM_LEASE_MS / 60_000 + 5)).toBe(true);
    expect(await claimAgo(held, 1)).toBe(true);

    const summary = await runReminders(reminderJobOf(api.deps), { date: DATE });

    expect(summary).toMatchObject({ remindersDue: 2, sent: 1, alreadyHandled: 1 });
    const log = await logOf(api);
    expect(log.find((entry) => entry.recipient === abandoned.owner.email)).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
    expect(log.find((entry) => entry.recipient === held.owner.email)?.status).toBe('claimed');
  });

  it('copies funding deadlines, and only those, to the configured finance mailbox', async () => {
    const api = await apiWith([
      sampleDeadline(0),
      sampleDeadline(1, {
        kind: 'task_due',
        id: 'TASK1.task_due',
        owner: { name: 'P0', email: 'person0@erfurt.example' },
      }),
    ]);
    const job = reminderJobOf(api.deps);
    const settings = { ...job.settings, financeMailbox: 'foerdermittel@erfurt.example' };

    const summary = await runReminders({ ...job, settings }, { date: DATE });

    expect(summary).toMatchObject({ recipients: 2, sent: 3 });
    const finance = (await readOutbox(api.outboxDir)).find(
      (mail) => mail.to === 'foerdermittel@erfurt.example',
    );
    expect(finance?.reminders).toEqual(['- Verwendungsnachweis: Förderantrag 0']);
    expect(finance?.mail.text).toContain('Guten Tag,\n');
    expect(finance?.mail.text).toContain('Verantwortlich: Person 0 <person0@erfurt.example>');
  });
});
