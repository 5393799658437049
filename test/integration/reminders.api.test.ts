import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Query } from '../../client/index.ts';
import { reminderJobOf } from '../../functions/api/routes/reminders.routes.ts';
import { runReminders } from '../../shared/reminders/run-reminders.ts';
import { sampleDeadline, seedDeadlines } from '../support/deadlines.ts';
import { fundingSteps } from '../support/funding.ts';
import { outboxes, readOutbox } from '../support/outbox.ts';
import { createTestApi, dataOf, expectAnswer, type TestApi } from '../support/test-api.ts';

const ANNA = 'anna.finanz@erfurt.example';
const outboxDirs = outboxes();
afterAll(outboxDirs.removeAll);

/** Runs the reminders as an admin for a day (today without one); asserts nothing. */
const runReminderJob = (api: TestApi, date?: string) =>
  api.client('admin').POST('/v1/reminders/run', date === undefined ? {} : { body: { date } });

/** The reminder log, as the role given. */
const reminderLog = async (api: TestApi, query: Query<'/v1/reminders', 'get'>, role: 'viewer' | 'admin') =>
  dataOf(await api.client(role).GET('/v1/reminders', { params: { query } })).items;

describe('the reminder run on the Erfurt case', () => {
  let api: TestApi;
  let applicationId: string;

  beforeAll(async () => {
    api = outboxDirs.track(await createTestApi());
    const steps = fundingSteps(api);
    applicationId = (await steps.approved(await steps.program())).id;
  });

  it('writes one German digest to the owner naming the final statement of use due 30.06.2026', async () => {
    const summary = expectAnswer(await runReminderJob(api, '2026-06-01'), 200);

    // The funding period ended on 31.12.2025: an event, closed by this run, never overdue. Both
    // interim statements are duties still open: reminded of, however long ago they were due.
    expect(summary).toMatchObject({
      date: '2026-06-01',
      recipients: 1,
      sent: 3,
      failed: 0,
      skipped: 0,
      eventsPassed: 1,
    });
    const outbox = await readOutbox(api.outboxDir);
    expect(outbox).toHaveLength(1);
    const [{ mail, to, reminders }] = outbox as [(typeof outbox)[number]];
    expect(to).toBe(ANNA);
    expect(mail.from?.value[0]?.address).toBe('fristen@foerdertracker.example');
    expect(mail.subject).toBe('Fördertracker: Fristen am 01.06.2026 – 2 überfällig, 1 demnächst');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(reminders).toEqual([
      '- Zwischennachweis: Quartiersplanungskoordination Erfurt',
      '- Zwischennachweis: Quartiersplanungskoordination Erfurt',
      '- Verwendungsnachweis: Quartiersplanungskoordination Erfurt',
    ]);
    expect(mail.text).toContain('fällig am 30.04.2024 (seit 762 Tagen überfällig)');
    expect(mail.text).toContain('fällig am 30.06.2026 (in 29 Tagen)');
    expect(mail.text).toContain(
      `http://localhost:3000/antraege/${applicationId}#frist-${applicationId}.final_report`,
    );
    expect(mail.html).toContain('<h2 style="font-size: 16px; margin: 20px 0 8px;">Demnächst (1)</h2>');
  });

  it('sends nothing when the same day runs again', async () => {
    const { data } = await runReminderJob(api, '2026-06-01');

    expect(data).toMatchObject({
      remindersDue: 3,
      alreadyHandled: 3,
      sent: 0,
      recipients: 0,
      eventsPassed: 0,
    });
    expect(await readOutbox(api.outboxDir)).toHaveLength(1);
  });

  it('sends the next day only what a new stage brings: the weekly reminder of the 2023 statement', async () => {
    const { data } = await runReminderJob(api, '2026-06-02');

    // 30.04.2024 + 763 days: its weekly stage; the others' stages have not changed.
    expect(data).toMatchObject({ remindersDue: 3, alreadyHandled: 2, sent: 1 });
    const latest = (await readOutbox(api.outboxDir)).at(-1);
    expect(latest?.reminders).toEqual(['- Zwischennachweis: Quartiersplanungskoordination Erfurt']);
    expect(latest?.mail.text).toContain('fällig am 30.04.2024 (seit 763 Tagen überfällig)');
  });

  it('logs each delivery: deadline, offset, recipient, sent time, status', async () => {
    const { data, response } = await api.client('viewer').GET('/v1/reminders', {
      params: { query: { status: 'sent' } },
    });

    expect(response.status).toBe(200);
    expect(data?.items).toHaveLength(4);
    expect(data?.items).toContainEqual(
      expect.objectContaining({
        deadlineId: `${applicationId}.final_report`,
        offsetDays: 30,
        recipient: ANNA,
        status: 'sent',
        sentAt: expect.any(String),
        messageId: expect.stringMatching(/^<.+@foerdertracker\.example>$/),
        error: null,
        attempts: 1,
        kind: 'final_report',
        dueOn: '2026-06-30',
      }),
    );
  });

  it('never reminds of a deadline that is done', async () => {
    const finance = api.client('finance');
    const path = { id: applicationId, reportId: 'final' };
    const report = await finance.GET('/v1/applications/{id}/reports/{reportId}', { params: { path } });
    const submitted = await finance.PATCH('/v1/applications/{id}/reports/{reportId}', {
      params: { path, header: { 'if-match': `"${report.data?.version}"` } },
      body: { status: 'submitted', submittedOn: '2026-06-10' },
    });
    expectAnswer(submitted, 200);

    // Two weeks on, the overdue ones are due again (weekly), the final report's stage 14 would be.
    const { data } = await runReminderJob(api, '2026-06-16');

    expect(data).toMatchObject({ remindersDue: 2, sent: 2 });
    const latest = (await readOutbox(api.outboxDir)).at(-1);
    expect(latest?.reminders).toEqual([
      '- Zwischennachweis: Quartiersplanungskoordination Erfurt',
      '- Zwischennachweis: Quartiersplanungskoordination Erfurt',
    ]);
  });
});

describe('a deadline that moves', () => {
  it('is reminded of again at the stages the old date already had (an amendment extends the period)', async () => {
    const api = outboxDirs.track(await createTestApi());
    const steps = fundingSteps(api);
    const approved = await steps.approved(await steps.program());
    const fundingEndReminders = async () =>
      (await reminderLog(api, { status: 'sent', limit: 100 }, 'viewer'))
        .filter((reminder) => reminder.kind === 'funding_period_end')
        .map((reminder) => `${reminder.dueOn}@${reminder.offsetDays}`);

    await runReminderJob(api, '2025-12-01');
    expect(await fundingEndReminders()).toEqual(['2025-12-31@30']);

    await steps.amend(approved.id, approved.version, '2026-12-31');
    await runReminderJob(api, '2026-12-01');

    expect((await fundingEndReminders()).sort()).toEqual(['2025-12-31@30', '2026-12-31@30']);
  });
});

describe('POST /v1/reminders/run refuses bad input', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = outboxDirs.track(await createTestApi());
  });

  it.each([
    ['not a date', { date: 'morgen' }],
    ['not a real day', { date: '2026-02-30' }],
    ['an unknown field', { date: '2026-06-01', dryRun: true }],
  ])('answers 400 for %s', async (_case, body) => {
    // Raw: the bodies are wrong on purpose (an unknown field among them).
    const response = await api.raw('admin').post('/v1/reminders/run', body);

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('is for admins only', async () => {
    const { response } = await api.client('finance').POST('/v1/reminders/run', { body: {} });
    expect(response.status).toBe(403);
  });

  it('runs for today without a body, and on a day with nothing due sends nothing and succeeds', async () => {
    const summary = expectAnswer(await runReminderJob(api), 200);

    expect(summary).toMatchObject({ deadlinesConsidered: 0, sent: 0, failed: 0, recipients: 0 });
    expect(await readOutbox(api.outboxDir)).toEqual([]);
  });
});

describe('exactly once under concurrency', () => {
  it('sends each (deadline, offset, recipient) once across five concurrent runs', async () => {
    const api = outboxDirs.track(await createTestApi());
    const owners = 6;
    const deadlines = Array.from({ length: 30 }, (_, index) =>
      sampleDeadline(index, {
        dueOn: `2026-06-${String(2 + (index % 25)).padStart(2, '0')}`,
        owner: { name: `Person ${index % owners}`, email: `person${index % owners}@erfurt.example` },
      }),
    );
    await seedDeadlines(api.database.doc, api.database.tableName, deadlines);

    const runs = await Promise.all(Array.from({ length: 5 }, () => runReminderJob(api, '2026-06-01')));

    expect(runs.map((run) => run.response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(runs.reduce((sum, run) => sum + dataOf(run).sent, 0)).toBe(30);
    const mailed = (await readOutbox(api.outboxDir)).flatMap((mail) =>
      mail.reminders.map((line) => `${mail.to} ${line}`),
    );
    expect(mailed).toHaveLength(30);
    expect(new Set(mailed).size).toBe(30);
    const log = await reminderLog(api, { limit: 100 }, 'admin');
    expect(log).toHaveLength(30);
    expect(log.every((item) => item.status === 'sent')).toBe(true);
  });

  it('never sends twice when runs repeat one after another either', async () => {
    const api = outboxDirs.track(await createTestApi());
    await seedDeadlines(api.database.doc, api.database.tableName, [sampleDeadline(1)]);
    const job = reminderJobOf(api.deps);

    const first = await runReminders(job, { date: '2026-06-01' });
    const second = await runReminders(job, { date: '2026-06-01' });

    expect([first.sent, second.sent]).toEqual([1, 0]);
    expect(await readOutbox(api.outboxDir)).toHaveLength(1);
  });
});
