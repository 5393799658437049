import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../client/index.ts';
import { appPk } from '../../shared/store/application.keys.ts';
import { deadlineKey } from '../../shared/store/deadline.keys.ts';
import { holdTransactionsUntil } from '../fixtures/coordinator.ts';
import { fundingSteps } from '../support/funding.ts';
import { outboxes, readOutbox } from '../support/outbox.ts';
import { createTestApi, dataOf, expectAnswer, NO_IF_MATCH, type TestApi } from '../support/test-api.ts';

// The final statement of use of the Erfurt application is due on 30.06.2026; Anna (finance) owns it.
const ANNA = 'anna.finanz@erfurt.example';
const FINAL_LINE = '- Verwendungsnachweis: Quartiersplanungskoordination Erfurt';
const DEFAULTS = [30, 14, 7, 1, 0];
const outboxDirs = outboxes();
afterAll(outboxDirs.removeAll);

/** The approved Erfurt application on a test API whose clock reads `day.today`. */
async function erfurtFinalReport() {
  const day = { today: '2026-01-15' };
  const api = outboxDirs.track(await createTestApi({ clock: () => new Date(`${day.today}T06:00:00Z`) }));
  const steps = fundingSteps(api);
  const applicationId = (await steps.approved(await steps.program())).id;
  return { api, day, applicationId, id: `${applicationId}.final_report` };
}

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

async function readDeadline(client: ApiClient, id: string) {
  const answer = await client.GET('/v1/deadlines/{id}', { params: { path: { id } } });
  return { deadline: dataOf(answer), etag: answer.response.headers.get('etag') };
}

const setOffsets = (client: ApiClient, id: string, version: number, offsets: number[] | null) =>
  client.PUT('/v1/deadlines/{id}/reminders', {
    params: { path: { id }, header: ifMatch(version) },
    body: { offsets },
  });

/** The history entries of the application about the deadline. */
const historyOf = async (api: TestApi, applicationId: string, id: string) =>
  dataOf(
    await api
      .client('viewer')
      .GET('/v1/applications/{id}/history', { params: { path: { id: applicationId } } }),
  ).items.filter((entry) => entry.deadline?.id === id);

describe('reading and setting a deadline’s reminders (GET /v1/deadlines/{id}, PUT /v1/deadlines/{id}/reminders)', () => {
  let api: TestApi;
  let applicationId: string;
  let id: string;
  let anna: ApiClient;

  beforeAll(async () => {
    ({ api, applicationId, id } = await erfurtFinalReport());
    anna = api.client('finance', ANNA);
  });

  it('reads the deadline with the configured days and its version as ETag', async () => {
    const { deadline, etag } = await readDeadline(api.client('viewer'), id);

    expect(deadline).toMatchObject({
      id,
      kind: 'final_report',
      dueOn: '2026-06-30',
      status: 'open',
      nature: 'duty',
      reminderOffsets: DEFAULTS,
      owner: { email: ANNA },
      subject: {
        type: 'application',
        id: applicationId,
        partId: 'final',
        path: `/v1/applications/${applicationId}/reports/final`,
        page: `/antraege/${applicationId}#frist-${id}`,
      },
    });
    expect(deadline.offsets).toBeUndefined();
    expect(etag).toBe(`"${deadline.version}"`);
  });

  it('answers 404 for a deadline id of nothing and 400 for something that is no deadline id', async () => {
    const viewer = api.client('viewer');
    const unknown = await viewer.GET('/v1/deadlines/{id}', {
      params: { path: { id: `${applicationId}.interim_report.2031` } },
    });
    expect(unknown.response.status).toBe(404);
    const junk = await viewer.GET('/v1/deadlines/{id}', { params: { path: { id: 'kein-fristenname' } } });
    expect(junk.response.status).toBe(400);
  });

  it('sets the owner’s days (largest first), counts the version up and records it in the history', async () => {
    const before = (await readDeadline(anna, id)).deadline;

    const answer = await setOffsets(anna, id, before.version, [10, 45]);

    const set = expectAnswer(answer, 200);
    expect(set).toMatchObject({
      id,
      offsets: [45, 10],
      reminderOffsets: [45, 10],
      version: before.version + 1,
    });
    expect(answer.response.headers.get('etag')).toBe(`"${before.version + 1}"`);
    expect((await readDeadline(api.client('viewer'), id)).deadline).toEqual(set);
    expect(await historyOf(api, applicationId, id)).toEqual([
      expect.objectContaining({
        action: 'deadline_offsets_set',
        actor: expect.objectContaining({ email: ANNA }),
        changes: [{ field: 'offsets', from: null, to: [45, 10] }],
        deadline: { id, kind: 'final_report', dueOn: '2026-06-30' },
      }),
    ]);
  });

  it('lets an admin set them too', async () => {
    const { deadline } = await readDeadline(anna, id);
    const set = expectAnswer(await setOffsets(api.client('admin'), id, deadline.version, [21, 7]), 200);
    expect(set.reminderOffsets).toEqual([21, 7]);
  });

  it('answers 428 without If-Match and 412 with a stale one, and changes nothing', async () => {
    const { deadline: before } = await readDeadline(anna, id);

    const missing = await anna.PUT('/v1/deadlines/{id}/reminders', {
      params: { path: { id }, header: NO_IF_MATCH },
      body: { offsets: [3] },
    });
    const stale = await setOffsets(anna, id, before.version - 1, [3]);

    expect(missing.response.status).toBe(428);
    expect(stale.response.status).toBe(412);
    expect(stale.response.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await readDeadline(anna, id)).deadline).toEqual(before);
  });

  it.each([
    ['a negative day', { offsets: [7, -1] }],
    ['more than 366 days', { offsets: [367] }],
    ['a day twice', { offsets: [7, 7] }],
    ['no day at all', { offsets: [] }],
    ['more than ten days', { offsets: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }],
    ['a part of a day', { offsets: [7.5] }],
    ['a day as text', { offsets: ['7'] }],
    ['no offsets', {}],
    ['an unknown field', { offsets: [7], weekly: true }],
  ])('answers 400 for %s and changes nothing', async (_case, body) => {
    const { deadline: before } = await readDeadline(anna, id);

    // Raw: the bodies are wrong on purpose.
    const refused = await api
      .raw('finance', ANNA)
      .call('PUT', `/v1/deadlines/${id}/reminders`, body, ifMatch(before.version));

    expect(refused.status, refused.text).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await readDeadline(anna, id)).deadline).toEqual(before);
  });

  it.each([
    ['a viewer', 'viewer', ANNA],
    ['a coordinator', 'coordinator', 'kim.koordination@erfurt.example'],
    ['someone else in finance', 'finance', 'bernd.kasse@erfurt.example'],
    ['the owner’s e-mail without a role that writes applications', 'coordinator', ANNA],
  ] as const)('answers 403 to %s and changes nothing', async (_case, role, email) => {
    const { deadline: before } = await readDeadline(anna, id);

    const refused = await setOffsets(api.client(role, email), id, before.version, [2]);

    expect(refused.response.status).toBe(403);
    expect((await readDeadline(anna, id)).deadline).toEqual(before);
  });

  it('goes back to the configured days with null, recorded in the history', async () => {
    const { deadline: before } = await readDeadline(anna, id);

    const reset = expectAnswer(await setOffsets(anna, id, before.version, null), 200);

    expect(reset.reminderOffsets).toEqual(DEFAULTS);
    expect(reset.offsets).toBeUndefined();
    expect((await readDeadline(anna, id)).deadline).toEqual(reset);
    const entries = await historyOf(api, applicationId, id);
    expect(entries.map((entry) => entry.changes)).toEqual([
      [{ field: 'offsets', from: null, to: [45, 10] }],
      [{ field: 'offsets', from: [45, 10], to: [21, 7] }],
      [{ field: 'offsets', from: [21, 7], to: null }],
    ]);
  });
});

describe('a deadline’s own days and its record', () => {
  it('keep when the record moves the deadline, and a version read before the move is stale (412)', async () => {
    const { api, applicationId, id } = await erfurtFinalReport();
    const anna = api.client('finance', ANNA);
    const set = expectAnswer(
      await setOffsets(anna, id, (await readDeadline(anna, id)).deadline.version, [10]),
      200,
    );

    // An amendment extends the funding period by a year: the final statement of use moves with it.
    const application = dataOf(
      await anna.GET('/v1/applications/{id}', { params: { path: { id: applicationId } } }),
    );
    await fundingSteps(api).amend(applicationId, application.version, '2026-12-31');

    const { deadline: moved } = await readDeadline(anna, id);
    expect(moved).toMatchObject({ dueOn: '2027-06-30', offsets: [10], reminderOffsets: [10] });
    expect(moved.version).toBeGreaterThan(set.version);
    const stale = await setOffsets(anna, id, set.version, [20]);
    expect(stale.response.status).toBe(412);
    expect((await readDeadline(anna, id)).deadline).toEqual(moved);
  });

  it('takes one of two changes made at the same version; the other is stale (412)', async () => {
    const { api, applicationId, id } = await erfurtFinalReport();
    const anna = api.client('finance', ANNA);
    const { deadline: before } = await readDeadline(anna, id);
    // Both have read the deadline before either writes.
    const release = holdTransactionsUntil(api, 2);
    const answers = await Promise.all([
      setOffsets(anna, id, before.version, [20]),
      setOffsets(api.client('admin'), id, before.version, [5]),
    ]).finally(release);

    expect(answers.map((answer) => answer.response.status).sort()).toEqual([200, 412]);
    const winner = answers.find((answer) => answer.response.status === 200)?.data;
    expect((await readDeadline(anna, id)).deadline).toEqual(winner);
    expect(await historyOf(api, applicationId, id)).toHaveLength(1);
  });
});

describe('a deadline that goes away while its days are set', () => {
  it('is not written back as a fragment: the change is refused and the deadline stays gone', async () => {
    const { api, applicationId, id } = await erfurtFinalReport();
    const anna = api.client('finance', ANNA);
    const { deadline } = await readDeadline(anna, id);
    expect(deadline.version).toBe(1);
    const key = deadlineKey(appPk(applicationId), id);
    // Its record removes it (as a shorter period removes an interim report's) after the PUT read it.
    const { table } = api.deps.store;
    const transact = table.transact;
    table.transact = async (writes) => {
      table.transact = transact;
      await table.doc.send(new DeleteCommand({ TableName: table.tableName, Key: key }));
      return transact.call(table, writes);
    };

    const answer = await setOffsets(anna, id, deadline.version, [10]);

    expect(answer.response.status).toBe(412);
    expect(await table.get(key)).toBeUndefined();
    const gone = await anna.GET('/v1/deadlines/{id}', { params: { path: { id } } });
    expect(gone.response.status).toBe(404);
    expect(await historyOf(api, applicationId, id)).toEqual([]);
  });
});

describe('the reminder run follows a deadline’s own days', () => {
  /** Runs the reminders on `date`; the final statement of use's reminders that went out, as `dueOn@offset`. */
  async function runOn(api: TestApi, day: { today: string }, date: string) {
    day.today = date;
    const before = (await readOutbox(api.outboxDir)).length;
    expectAnswer(await api.client('admin').POST('/v1/reminders/run', { body: { date } }), 200);
    const mails = (await readOutbox(api.outboxDir)).slice(before);
    return mails.filter((mail) => mail.reminders.includes(FINAL_LINE));
  }

  const sentFinal = async (api: TestApi) =>
    dataOf(
      await api.client('admin').GET('/v1/reminders', { params: { query: { status: 'sent', limit: 100 } } }),
    )
      .items.filter((reminder) => reminder.kind === 'final_report')
      .map((reminder) => reminder.offsetDays)
      .sort((a, b) => b - a);

  it('reminds 10 days before where the defaults would have said 14, and not on the old days', async () => {
    const { api, day, id } = await erfurtFinalReport();
    const anna = api.client('finance', ANNA);
    expectAnswer(await setOffsets(anna, id, (await readDeadline(anna, id)).deadline.version, [10]), 200);

    // The defaults' days (30, 14 before) pass without a word about it.
    expect(await runOn(api, day, '2026-05-31')).toEqual([]);
    expect(await runOn(api, day, '2026-06-16')).toEqual([]);
    const [mail] = await runOn(api, day, '2026-06-20');

    expect(mail?.mail.text).toContain('fällig am 30.06.2026 (in 10 Tagen)');
    expect(await sentFinal(api)).toEqual([10]);
    // Overdue, it is reminded of weekly whatever its own days say.
    expect(await runOn(api, day, '2026-07-07')).toHaveLength(1);
    expect(await sentFinal(api)).toEqual([10, -7]);
  });

  it('reminds 60 days before when its owner asks for it, though the configured days reach only 30', async () => {
    const { api, day, id } = await erfurtFinalReport();
    const anna = api.client('finance', ANNA);
    expectAnswer(await setOffsets(anna, id, (await readDeadline(anna, id)).deadline.version, [60, 7]), 200);

    const [mail] = await runOn(api, day, '2026-05-01');

    expect(mail?.mail.text).toContain('fällig am 30.06.2026 (in 60 Tagen)');
    expect(await runOn(api, day, '2026-05-31')).toEqual([]);
    expect(await runOn(api, day, '2026-06-23')).toHaveLength(1);
    expect(await sentFinal(api)).toEqual([60, 7]);
  });

  it('follows the configured days again after a reset to null', async () => {
    const { api, day, id } = await erfurtFinalReport();
    const anna = api.client('finance', ANNA);
    const set = expectAnswer(
      await setOffsets(anna, id, (await readDeadline(anna, id)).deadline.version, [3]),
      200,
    );
    expectAnswer(await setOffsets(anna, id, set.version, null), 200);

    expect(await runOn(api, day, '2026-06-16')).toHaveLength(1);
    expect(await sentFinal(api)).toEqual([14]);
  });
});
