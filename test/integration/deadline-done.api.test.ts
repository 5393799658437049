import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, RequestBody } from '../../client/index.ts';
import { formatEuro } from '../../shared/domain/german-format.ts';
import { coordinationSteps, KIM, putPosition } from '../fixtures/coordinator.ts';
import { positionBody } from '../fixtures/positions.ts';
import { fundingSteps } from '../support/funding.ts';
import { outboxes, readOutbox } from '../support/outbox.ts';
import { createTestApi, dataOf, expectAnswer, NO_IF_MATCH, type TestApi } from '../support/test-api.ts';

// Today is 12.06.2026. The Erfurt application (Anna, finance) has its statements of use open:
// interim 2023 (due 30.04.2024), interim 2024 (30.04.2025), final (30.06.2026).
const TODAY = '2026-06-12';
const ANNA = 'anna.finanz@erfurt.example';
const FINAL_LINE = '- Verwendungsnachweis: Quartiersplanungskoordination Erfurt';
const outboxDirs = outboxes();
afterAll(outboxDirs.removeAll);

type Done = RequestBody<'/v1/deadlines/{id}/done', 'post'>;
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

let api: TestApi;
let anna: ApiClient;
let admin: ApiClient;
let applicationId: string;
let programId: string;

beforeAll(async () => {
  api = outboxDirs.track(await createTestApi({ clock: () => new Date(`${TODAY}T06:00:00Z`) }));
  anna = api.client('finance', ANNA);
  admin = api.client('admin');
  const steps = fundingSteps(api);
  programId = await steps.program();
  applicationId = (await steps.approved(programId)).id;
});

async function readDeadline(id: string) {
  const answer = await api.client('viewer').GET('/v1/deadlines/{id}', { params: { path: { id } } });
  return { ...dataOf(answer), etag: answer.response.headers.get('etag') };
}

/** Marks a deadline done as `client`, at the version given (default: the current one). */
async function markDone(client: ApiClient, id: string, body: Done = {}, version?: number) {
  const current = version ?? (await readDeadline(id)).version;
  return client.POST('/v1/deadlines/{id}/done', { params: { path: { id }, header: ifMatch(current) }, body });
}

/** The deadline and its record as read now, for comparing before and after a refusal. */
async function snapshot(id: string, recordPath: string) {
  const record = await api.raw('admin').get(recordPath);
  expect(record.status, record.text).toBe(200);
  return { deadline: await readDeadline(id), record: record.json };
}

/** Asserts a refusal: its status as a problem document, and nothing changed of the deadline or its record. */
async function expectRefused(
  answer: { response: Response; error?: unknown },
  status: number,
  before: Awaited<ReturnType<typeof snapshot>>,
) {
  expect(answer.response.status, JSON.stringify(answer.error)).toBe(status);
  expect(answer.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(await snapshot(before.deadline.id, before.deadline.subject.path)).toEqual(before);
}

describe('a statement of use marked done where it is read', () => {
  const finalId = () => `${applicationId}.final_report`;

  it('is refused for a day after today (400), by someone who does not own it (403), at a stale or no version (412, 428), changing nothing', async () => {
    const before = await snapshot(finalId(), `/v1/applications/${applicationId}/reports/final`);
    expect(before.deadline).toMatchObject({ status: 'open', nature: 'duty', dueOn: '2026-06-30' });

    await expectRefused(await markDone(anna, finalId(), { on: '2026-06-13' }), 400, before);
    for (const [role, email] of [
      ['finance', 'bernd.kasse@erfurt.example'],
      ['viewer', ANNA],
      ['coordinator', ANNA],
    ] as const) {
      await expectRefused(
        await markDone(api.client(role, email), finalId(), { on: '2026-06-10' }),
        403,
        before,
      );
    }
    await expectRefused(await markDone(anna, finalId(), {}, before.deadline.version - 1), 412, before);
    await expectRefused(await markDone(anna, finalId(), {}, before.deadline.version + 1), 412, before);
    const noVersion = await anna.POST('/v1/deadlines/{id}/done', {
      params: { path: { id: finalId() }, header: NO_IF_MATCH },
      body: {},
    });
    await expectRefused(noVersion, 428, before);
    // Raw: a body with a field the schema does not know.
    const unknown = await api
      .raw('finance', ANNA)
      .post(
        `/v1/deadlines/${finalId()}/done`,
        { on: '2026-06-10', by: 'Anna' },
        ifMatch(before.deadline.version),
      );
    expect(unknown.status).toBe(400);
    expect(await snapshot(finalId(), before.deadline.subject.path)).toEqual(before);
  });

  it('submits the report on the day given, closes the deadline and answers it with its new ETag', async () => {
    const before = await readDeadline(finalId());

    const answer = await markDone(anna, finalId(), { on: '2026-06-10', note: 'per Post an das TLVwA' });

    const done = expectAnswer(answer, 200);
    expect(done).toMatchObject({ id: finalId(), status: 'done', closedAt: expect.any(String) });
    expect(done.version).toBe(before.version + 1);
    expect(answer.response.headers.get('etag')).toBe(`"${done.version}"`);
    const { etag: _etag, ...stored } = await readDeadline(finalId());
    expect(stored).toEqual(done);
    const report = dataOf(
      await anna.GET('/v1/applications/{id}/reports/{reportId}', {
        params: { path: { id: applicationId, reportId: 'final' } },
      }),
    );
    expect(report).toMatchObject({ status: 'submitted', submittedOn: '2026-06-10' });
    const history = dataOf(
      await anna.GET('/v1/applications/{id}/history', { params: { path: { id: applicationId } } }),
    ).items;
    expect(history.at(-1)).toMatchObject({ actor: { email: ANNA }, note: 'per Post an das TLVwA' });
  });

  it('stops its reminders: the next run sends nothing for it', async () => {
    // 14 days before its day: the stage the defaults would send; the overdue interim reports still go out.
    const run = expectAnswer(await admin.POST('/v1/reminders/run', { body: { date: '2026-06-16' } }), 200);

    // The two overdue interim statements, in one digest to Anna; not the final one.
    expect(run).toMatchObject({ sent: 2, failed: 0 });
    const mails = await readOutbox(api.outboxDir);
    expect(mails).toHaveLength(1);
    for (const mail of mails) {
      expect(mail.reminders).not.toContain(FINAL_LINE);
      expect(mail.mail.text).not.toContain('30.06.2026');
    }
    const log = dataOf(await admin.GET('/v1/reminders', { params: { query: { limit: 100 } } })).items;
    expect(log.filter((reminder) => reminder.deadlineId === finalId())).toEqual([]);
  });

  it('is refused once it is done (409), changing nothing', async () => {
    const before = await snapshot(finalId(), `/v1/applications/${applicationId}/reports/final`);
    await expectRefused(await markDone(anna, finalId(), { on: '2026-06-11' }), 409, before);
  });

  it('may be marked by an admin for an interim report, with today as the day', async () => {
    const id = `${applicationId}.interim_report.2024`;
    expect((await readDeadline(id)).status).toBe('open');

    expectAnswer(await markDone(admin, id), 200);

    expect((await readDeadline(id)).status).toBe('done');
    const report = dataOf(
      await anna.GET('/v1/applications/{id}/reports/{reportId}', {
        params: { path: { id: applicationId, reportId: 'interim-2024' } },
      }),
    );
    expect(report).toMatchObject({ status: 'submitted', submittedOn: TODAY });
  });
});

describe('money to be spent (spend_by) marked done', () => {
  let callId: string;
  const id = () => `${applicationId}.spend_by.${callId}`;

  beforeAll(async () => {
    const call = await anna.POST('/v1/applications/{id}/funds-calls', {
      params: { path: { id: applicationId } },
      body: { amountCents: 500_000, calledOn: '2025-10-01', receivedOn: '2025-10-06' },
    });
    callId = expectAnswer(call, 201).id;
    const spent = await anna.PATCH('/v1/applications/{id}/funds-calls/{callId}', {
      params: { path: { id: applicationId, callId }, header: ifMatch(1) },
      body: { spent: [{ on: '2025-10-20', amountCents: 200_000 }] },
    });
    expectAnswer(spent, 200);
  });

  it('is overdue with interest at risk before', async () => {
    expect(await readDeadline(id())).toMatchObject({
      kind: 'spend_by',
      status: 'open',
      amountCents: 300_000,
      // § 49a (4) VwVfG on 3.000 € from payout (06.10.2025) to the test's day (12.06.2026).
      interestAtRiskCents: 12_832,
    });
  });

  it('says in the digest what is at stake: the money still to be used and the interest so far', async () => {
    const { interestAtRiskCents } = await readDeadline(id());
    const before = (await readOutbox(api.outboxDir)).length;

    expectAnswer(await admin.POST('/v1/reminders/run', { body: { date: TODAY } }), 200);

    const [mail] = (await readOutbox(api.outboxDir)).slice(before);
    const text = (mail?.mail.text ?? '').replaceAll('\u00a0', ' ');
    expect(text).toContain(`- Mittelverwendung: Quartiersplanungskoordination Erfurt
  fällig am 06.12.2025 (seit 188 Tagen überfällig)
  Noch zu verwenden: 3.000,00 €
  Zinsen bis heute (§ 49a Abs. 4 VwVfG): ${formatEuro(interestAtRiskCents).replaceAll('\u00a0', ' ')}
  http://localhost:3000/antraege/${applicationId}#frist-${id()}`);
    // The HTML part carries the same link and amount.
    const html = (mail?.mail.html || '').replaceAll('\u00a0', ' ');
    expect(html).toContain(`<a href="http://localhost:3000/antraege/${applicationId}#frist-${id()}">`);
    expect(html).toContain('<br>Noch zu verwenden: 3.000,00 €');
    expect(html).toContain('<a href="http://localhost:3000/fristen">');
  });

  it('is refused for a day before the payout (400), changing nothing', async () => {
    const before = await snapshot(id(), `/v1/applications/${applicationId}/funds-calls/${callId}`);
    await expectRefused(await markDone(anna, id(), { on: '2025-10-01' }), 400, before);
  });

  it('records the rest of the call as used on the day given, which closes the deadline', async () => {
    const done = expectAnswer(await markDone(anna, id(), { on: '2025-11-20' }), 200);

    expect(done).toMatchObject({ status: 'done', interestAtRiskCents: 0 });
    const call = dataOf(
      await anna.GET('/v1/applications/{id}/funds-calls/{callId}', {
        params: { path: { id: applicationId, callId } },
      }),
    );
    expect(call.spent).toEqual([
      { on: '2025-10-20', amountCents: 200_000 },
      { on: '2025-11-20', amountCents: 300_000 },
    ]);
    expect(call.spentOn).toBe('2025-11-20');
    const overdue = dataOf(
      await anna.GET('/v1/deadlines', { params: { query: { status: 'overdue', limit: 100 } } }),
    ).items;
    expect(overdue.map((deadline) => deadline.id)).not.toContain(id());
  });
});

describe('a task marked done', () => {
  let taskId: string;
  const id = () => `${taskId}.task_due`;
  const kim = () => api.client('coordinator', KIM.email);

  beforeAll(async () => {
    taskId = (await coordinationSteps(api).task(await putPosition(api))).id;
  });

  it('is refused for another day than today (400), for finance and for another coordinator (403), changing nothing', async () => {
    const before = await snapshot(id(), `/v1/tasks/${taskId}`);
    expect(before.deadline).toMatchObject({ kind: 'task_due', status: 'open', owner: { email: KIM.email } });

    await expectRefused(await markDone(kim(), id(), { on: '2026-06-11' }), 400, before);
    await expectRefused(await markDone(anna, id()), 403, before);
    await expectRefused(
      await markDone(api.client('coordinator', 'alex.sozialplanung@erfurt.example'), id()),
      403,
      before,
    );
  });

  it('closes the task and its deadline when its assignee marks it', async () => {
    const done = expectAnswer(await markDone(kim(), id(), { note: 'Bestandsaufnahme abgeschlossen' }), 200);

    expect(done.status).toBe('done');
    const task = dataOf(await kim().GET('/v1/tasks/{id}', { params: { path: { id: taskId } } }));
    expect(task).toMatchObject({ status: 'done', percent: 100 });
  });
});

describe('an application’s submission marked done', () => {
  it('is refused for another day than today (400), changing nothing, and submits the draft as of today', async () => {
    const draft = await fundingSteps(api).draft(programId);
    const id = `${draft.id}.submission`;
    const before = await snapshot(id, `/v1/applications/${draft.id}`);
    expect(before.deadline).toMatchObject({ kind: 'submission', status: 'open', nature: 'duty' });

    await expectRefused(await markDone(anna, id, { on: '2022-10-30' }), 400, before);
    const done = expectAnswer(await markDone(anna, id, { note: 'fristgerecht eingereicht' }), 200);

    expect(done.status).toBe('done');
    const application = dataOf(
      await anna.GET('/v1/applications/{id}', { params: { path: { id: draft.id } } }),
    );
    expect(application.status).toBe('submitted');
  });
});

describe('a concept’s milestone and its report marked done', () => {
  let steps: ReturnType<typeof coordinationSteps>;
  let conceptId: string;
  let milestone: Awaited<ReturnType<ReturnType<typeof coordinationSteps>['milestone']>>;
  const milestoneId = () => `${conceptId}.milestone_due.${milestone.id}`;
  const reportId = () => `${conceptId}.milestone_report_due.${milestone.id}`;

  beforeAll(async () => {
    steps = coordinationSteps(api);
    conceptId = (await steps.concept()).id;
    milestone = await steps.milestone(conceptId, { dueOn: '2023-03-31', reportDueOn: '2023-04-30' });
  });

  it('marks the milestone achieved on the day given', async () => {
    const done = expectAnswer(await markDone(steps.kim, milestoneId(), { on: '2023-03-29' }), 200);

    expect(done.status).toBe('done');
    const read = dataOf(
      await steps.kim.GET('/v1/concepts/{id}/milestones/{milestoneId}', {
        params: { path: { id: conceptId, milestoneId: milestone.id } },
      }),
    );
    expect(read).toMatchObject({ status: 'achieved', achievedOn: '2023-03-29' });
  });

  it('refuses the report while none is written (409), changing nothing', async () => {
    const before = await snapshot(reportId(), `/v1/concepts/${conceptId}/milestones/${milestone.id}/reports`);
    expect(before.record.items).toEqual([]);
    await expectRefused(await markDone(steps.kim, reportId(), { on: '2023-04-28' }), 409, before);
  });

  it('hands in the written report on the day given', async () => {
    const report = await steps.report(milestone);

    const done = expectAnswer(await markDone(steps.kim, reportId(), { on: '2023-04-28' }), 200);

    expect(done.status).toBe('done');
    const reports = dataOf(
      await steps.kim.GET('/v1/concepts/{id}/milestones/{milestoneId}/reports', {
        params: { path: { id: conceptId, milestoneId: milestone.id } },
      }),
    );
    expect(reports.items).toEqual([
      expect.objectContaining({ id: report.id, status: 'submitted', submittedOn: '2023-04-28' }),
    ]);
  });
});

describe('what is not done by anyone', () => {
  it('refuses an event (the end of the funding period) with 409, even to an admin, changing nothing', async () => {
    const id = `${applicationId}.funding_period_end`;
    const before = await snapshot(id, `/v1/applications/${applicationId}`);
    expect(before.deadline.nature).toBe('event');

    await expectRefused(await markDone(admin, id), 409, before);
    await expectRefused(await markDone(anna, id, { on: '2025-12-31' }), 409, before);
  });

  it('refuses a vacancy with 409 (it is done by filling the position), changing nothing', async () => {
    const created = await anna.POST('/v1/positions', { body: positionBody(applicationId) });
    const positionId = expectAnswer(created, 201).id;
    const steps: Array<RequestBody<'/v1/positions/{id}/staffing', 'post'>> = [
      { to: 'advertised', on: '2023-01-15' },
      { to: 'filled', on: '2023-04-01', holder: { name: 'Kim', email: 'kim@erfurt.example' } },
      { to: 'vacant', on: '2024-03-01' },
    ];
    for (const [index, body] of steps.entries()) {
      const moved = await anna.POST('/v1/positions/{id}/staffing', {
        params: { path: { id: positionId }, header: ifMatch(index + 1) },
        body,
      });
      expectAnswer(moved, 200);
    }
    const id = `${positionId}.vacancy`;
    const before = await snapshot(id, `/v1/positions/${positionId}`);
    expect(before.deadline).toMatchObject({ kind: 'vacancy', status: 'open', nature: 'duty' });

    await expectRefused(await markDone(anna, id), 409, before);
    await expectRefused(await markDone(admin, id), 409, before);
  });

  it('answers 404 for a deadline that does not exist', async () => {
    const answer = await markDone(admin, `${applicationId}.interim_report.2031`, {}, 1);
    expect(answer.response.status).toBe(404);
  });
});
