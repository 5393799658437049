import { beforeAll, describe, expect, it } from 'vitest';
import { erfurtApplicationBody, erfurtNotice } from '../fixtures/applications.ts';
import { fundingSteps } from '../support/funding.ts';
import { createTestApi, type TestApi } from '../support/test-api.ts';

let api: TestApi;
let steps: ReturnType<typeof fundingSteps>;
let programId: string;

beforeAll(async () => {
  api = await createTestApi();
  steps = fundingSteps(api);
  programId = await steps.program();
});

async function applicationCount() {
  return (await api.as('viewer').get('/v1/applications?limit=100')).json.items.length as number;
}

describe('recording an application', () => {
  it('creates a draft with no money approved or called yet', async () => {
    const created = await steps.draft(programId);
    expect(created).toMatchObject({
      status: 'draft',
      version: 1,
      approvedCents: 0,
      calledCents: 0,
      notice: null,
      owner: { email: 'anna.finanz@erfurt.example' },
    });
  });

  it('makes the submission deadline a deadline record owned by the owner', async () => {
    const created = await steps.draft(programId);
    const deadlines = await api
      .as('viewer')
      .get('/v1/deadlines?from=2022-10-01&to=2022-11-30&kind=submission');
    expect(deadlines.json.items).toContainEqual(
      expect.objectContaining({
        id: `${created.id}.submission`,
        dueOn: '2022-10-31',
        status: 'open',
        owner: { name: 'Anna Finanz', email: 'anna.finanz@erfurt.example' },
        subject: expect.objectContaining({ type: 'application', id: created.id }),
      }),
    );
  });

  it.each([
    ['negative cents', { requestedCents: -1 }, 'requestedCents'],
    ['fractional cents', { eligibleCostsCents: 100.5 }, 'eligibleCostsCents'],
    ['an amount above 10^12 cents', { eligibleCostsCents: 1_000_000_000_001 }, 'eligibleCostsCents'],
    ['requested + own ≠ eligible', { ownContributionCents: 4_000_000 }, 'ownContributionCents'],
    [
      'an end before the start',
      { fundingPeriod: { start: '2025-01-01', end: '2024-12-31' } },
      'fundingPeriod.end',
    ],
    ['a date that does not exist', { submissionDeadline: '2025-02-30' }, 'submissionDeadline'],
    ['an unknown programme', { programId: '01JC0Z6XKX2P4T3C8Y5W7QF9AB' }, 'programId'],
    ['an unknown field', { colour: 'red' }, ''],
    ['a server-owned field', { status: 'approved' }, ''],
  ])('refuses %s with 400 and stores nothing', async (_case, overrides, path) => {
    const before = await applicationCount();
    const response = await steps.finance.post(
      '/v1/applications',
      erfurtApplicationBody(programId, overrides),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    if (path) expect(response.json.errors.map((error: { path: string }) => error.path)).toContain(path);
    expect(await applicationCount()).toBe(before);
  });

  it('refuses a coordinator or viewer with 403 and stores nothing', async () => {
    const before = await applicationCount();
    for (const role of ['coordinator', 'viewer'] as const) {
      expect((await api.as(role).post('/v1/applications', erfurtApplicationBody(programId))).status).toBe(
        403,
      );
    }
    expect(await applicationCount()).toBe(before);
  });

  it('edits a draft with If-Match and moves its submission deadline', async () => {
    const created = await steps.draft(programId);
    const changed = await steps.finance.patch(
      `/v1/applications/${created.id}`,
      { submissionDeadline: '2022-11-15', title: 'QPK Erfurt' },
      { 'if-match': '"1"' },
    );
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ version: 2, title: 'QPK Erfurt', submissionDeadline: '2022-11-15' });
    const deadlines = await api
      .as('viewer')
      .get('/v1/deadlines?from=2022-10-01&to=2022-11-30&kind=submission');
    const mine = deadlines.json.items.filter(
      (deadline: { subject: { id: string } }) => deadline.subject.id === created.id,
    );
    expect(mine.map((deadline: { dueOn: string }) => deadline.dueOn)).toEqual(['2022-11-15']);
  });

  it('refuses to edit an application that is no longer a draft', async () => {
    const created = await steps.draft(programId);
    const submitted = await steps.move(created.id, 1, { to: 'submitted' });
    const response = await steps.finance.patch(
      `/v1/applications/${created.id}`,
      { title: 'X' },
      { 'if-match': `"${submitted.version}"` },
    );
    expect(response.status).toBe(409);
    expect((await api.as('viewer').get(`/v1/applications/${created.id}`)).json.title).toBe(created.title);
  });

  it('filters by status and by programme, each from an index', async () => {
    const otherProgram = await steps.program();
    const mine = await steps.draft(otherProgram);
    await steps.move(mine.id, 1, { to: 'submitted' });
    const byProgram = await api.as('viewer').get(`/v1/applications?programId=${otherProgram}`);
    expect(byProgram.json.items.map((item: { id: string }) => item.id)).toEqual([mine.id]);
    const submittedOfProgram = await api
      .as('viewer')
      .get(`/v1/applications?programId=${otherProgram}&status=draft`);
    expect(submittedOfProgram.json.items).toEqual([]);
    const submitted = await api.as('viewer').get('/v1/applications?status=submitted&limit=100');
    expect(submitted.json.items.every((item: { status: string }) => item.status === 'submitted')).toBe(true);
    expect(submitted.json.items.map((item: { id: string }) => item.id)).toContain(mine.id);
  });
});

describe('status changes', () => {
  it('refuses a move the rules do not allow with 409 naming the allowed ones', async () => {
    const created = await steps.draft(programId);
    const response = await steps.finance.post(
      `/v1/applications/${created.id}/status`,
      { to: 'approved', notice: erfurtNotice() },
      { 'if-match': '"1"' },
    );
    expect(response.status).toBe(409);
    expect(response.json.allowed).toEqual(['submitted', 'withdrawn']);
  });

  it('requires If-Match (428) and refuses a stale one (412)', async () => {
    const created = await steps.draft(programId);
    const path = `/v1/applications/${created.id}/status`;
    expect((await steps.finance.post(path, { to: 'submitted' })).status).toBe(428);
    expect((await steps.finance.post(path, { to: 'submitted' }, { 'if-match': '"2"' })).status).toBe(412);
  });

  it('refuses approval without a notice or above the request, and changes nothing', async () => {
    const created = await steps.draft(programId);
    const submitted = await steps.move(created.id, 1, { to: 'submitted' });
    const path = `/v1/applications/${created.id}/status`;
    const ifMatch = { 'if-match': `"${submitted.version}"` };
    expect((await steps.finance.post(path, { to: 'approved' }, ifMatch)).status).toBe(400);
    const tooMuch = await steps.finance.post(
      path,
      { to: 'approved', notice: erfurtNotice({ approvedCents: 20_000_001 }) },
      ifMatch,
    );
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.json.errors[0].path).toBe('notice.approvedCents');
    expect((await api.as('viewer').get(`/v1/applications/${created.id}`)).json).toMatchObject({
      status: 'submitted',
      version: 2,
    });
  });

  it('approves with a notice and creates the reports and their deadlines from the programme', async () => {
    const approved = await steps.approved(programId);
    expect(approved).toMatchObject({
      status: 'approved',
      approvedCents: 19_000_000,
      availableCents: 19_000_000,
    });
    const reports = await api.as('viewer').get(`/v1/applications/${approved.id}/reports`);
    expect(
      reports.json.items.map((report: { id: string; dueOn: string; status: string }) => [
        report.id,
        report.dueOn,
        report.status,
      ]),
    ).toEqual([
      ['final', '2026-06-30', 'due'],
      ['interim-2023', '2024-04-30', 'due'],
      ['interim-2024', '2025-04-30', 'due'],
    ]);
    const deadlines = await api
      .as('viewer')
      .get('/v1/deadlines?from=2024-01-01&to=2026-12-31&status=open&limit=100');
    const kinds = deadlines.json.items
      .filter((deadline: { subject: { id: string } }) => deadline.subject.id === approved.id)
      .map((deadline: { kind: string; dueOn: string }) => `${deadline.kind}@${deadline.dueOn}`);
    expect(kinds).toEqual([
      'interim_report@2024-04-30',
      'interim_report@2025-04-30',
      'funding_period_end@2025-12-31',
      'final_report@2026-06-30',
    ]);
  });

  it("lists one owner's deadlines from the owner index, with status and kind filters", async () => {
    const other = await steps.draft(programId, {
      owner: { name: 'Ole Other', email: 'ole.other@erfurt.example' },
    });
    const mine = await api
      .as('viewer')
      .get('/v1/deadlines?owner=Ole.Other@erfurt.example&from=2022-01-01&to=2022-12-31');
    expect(mine.json.items.map((deadline: { id: string }) => deadline.id)).toEqual([
      `${other.id}.submission`,
    ]);
    const done = await api
      .as('viewer')
      .get('/v1/deadlines?owner=ole.other@erfurt.example&from=2022-01-01&to=2022-12-31&status=done');
    expect(done.json.items).toEqual([]);
  });

  it('closes the submission deadline when the application is submitted', async () => {
    const created = await steps.draft(programId);
    await steps.move(created.id, 1, { to: 'submitted' });
    const done = await api
      .as('viewer')
      .get('/v1/deadlines?from=2022-10-01&to=2022-11-30&status=done&kind=submission&limit=100');
    expect(done.json.items.map((deadline: { id: string }) => deadline.id)).toContain(
      `${created.id}.submission`,
    );
    const open = await api
      .as('viewer')
      .get('/v1/deadlines?from=2022-10-01&to=2022-11-30&status=open&kind=submission&limit=100');
    expect(open.json.items.map((deadline: { id: string }) => deadline.id)).not.toContain(
      `${created.id}.submission`,
    );
  });

  it('records every change in the history, with actor, from, to and note', async () => {
    const approved = await steps.approved(programId);
    const history = await api.as('viewer').get(`/v1/applications/${approved.id}/history`);
    expect(
      history.json.items.map((entry: { action: string; from: string | null; to: string | null }) => [
        entry.action,
        entry.from,
        entry.to,
      ]),
    ).toEqual([
      ['create', null, 'draft'],
      ['status', 'draft', 'submitted'],
      ['status', 'submitted', 'approved'],
    ]);
    expect(history.json.items[1]).toMatchObject({
      note: 'eingereicht',
      actor: { email: 'anna.finanz@erfurt.example' },
    });
  });

  it('writes history only with a change that happened: of two racing moves one wins and one entry is written', async () => {
    const created = await steps.draft(programId);
    const path = `/v1/applications/${created.id}/status`;
    const results = await Promise.all([
      steps.finance.post(path, { to: 'submitted' }, { 'if-match': '"1"' }),
      steps.finance.post(path, { to: 'withdrawn' }, { 'if-match': '"1"' }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 412]);
    const history = await api.as('viewer').get(`/v1/applications/${created.id}/history`);
    expect(history.json.items.filter((entry: { action: string }) => entry.action === 'status')).toHaveLength(
      1,
    );
  });

  it('revokes an approval with a repayment claim and closes its open deadlines', async () => {
    const approved = await steps.approved(programId);
    const revoked = await steps.move(approved.id, approved.version, {
      to: 'revoked',
      repaymentClaimCents: 1_000_000,
      note: 'Widerruf',
    });
    expect(revoked).toMatchObject({ status: 'revoked', repaymentClaimCents: 1_000_000 });
    const open = await api
      .as('viewer')
      .get('/v1/deadlines?from=2024-01-01&to=2026-12-31&status=open&limit=100');
    expect(
      open.json.items.filter((deadline: { subject: { id: string } }) => deadline.subject.id === approved.id),
    ).toEqual([]);
  });
});

describe('handing an application to a new owner', () => {
  it('works in any status, with If-Match, and moves every open deadline to the new owner', async () => {
    const approved = await steps.approved(programId);
    const newOwner = { name: 'Carla Kasse', email: 'carla.kasse@erfurt.example' };
    const openDeadlines = async () =>
      (
        await api.as('viewer').get('/v1/deadlines?from=2024-01-01&to=2026-12-31&status=open&limit=100')
      ).json.items.filter((deadline: { subject: { id: string } }) => deadline.subject.id === approved.id);
    expect((await openDeadlines()).length).toBeGreaterThan(1);
    const path = `/v1/applications/${approved.id}/owner`;

    expect((await steps.finance.call('PUT', path, newOwner)).status).toBe(428);
    expect(
      (await api.as('viewer').call('PUT', path, newOwner, { 'if-match': `"${approved.version}"` })).status,
    ).toBe(403);
    const handedOver = await steps.finance.call('PUT', path, newOwner, {
      'if-match': `"${approved.version}"`,
    });

    expect(handedOver.status, handedOver.text).toBe(200);
    expect(handedOver.json).toMatchObject({
      owner: newOwner,
      status: 'approved',
      version: approved.version + 1,
    });
    for (const deadline of await openDeadlines()) expect(deadline.owner, deadline.kind).toEqual(newOwner);
    const history = await api.as('viewer').get(`/v1/applications/${approved.id}/history`);
    expect(history.json.items.at(-1)).toMatchObject({ action: 'owner', changes: ['owner'] });
  });
});

describe('amendments (Änderungsbescheid)', () => {
  it('records a new notice version, keeps the old one readable and reschedules the reports', async () => {
    const approved = await steps.approved(programId);
    const amended = await steps.finance.post(
      `/v1/applications/${approved.id}/amendments`,
      erfurtNotice({
        date: '2024-02-01',
        reference: 'TLVwA-SSR-2022-0815-Ä1',
        approvedCents: 19_500_000,
        fundingPeriod: { start: '2023-01-01', end: '2026-06-30' },
      }),
      { 'if-match': `"${approved.version}"` },
    );
    expect(amended.status, amended.text).toBe(200);
    expect(amended.json).toMatchObject({
      approvedCents: 19_500_000,
      notice: { version: 2, kind: 'amendment' },
    });
    const notices = await api.as('viewer').get(`/v1/applications/${approved.id}/notices`);
    expect(
      notices.json.items.map((notice: { version: number; approvedCents: number }) => [
        notice.version,
        notice.approvedCents,
      ]),
    ).toEqual([
      [1, 19_000_000],
      [2, 19_500_000],
    ]);
    const reports = await api.as('viewer').get(`/v1/applications/${approved.id}/reports`);
    expect(
      reports.json.items.map((report: { id: string; dueOn: string }) => `${report.id}@${report.dueOn}`),
    ).toEqual([
      // 30 June + 6 months = 30 December (BGB § 188 (2))
      'final@2026-12-30',
      'interim-2023@2024-04-30',
      'interim-2024@2025-04-30',
      'interim-2025@2026-04-30',
    ]);
    const history = await api.as('viewer').get(`/v1/applications/${approved.id}/history`);
    expect(history.json.items.at(-1)).toMatchObject({
      action: 'amendment',
      note: expect.stringContaining('version 2'),
    });
  });

  it('refuses to amend below the called amount', async () => {
    const approved = await steps.approved(programId);
    const call = await steps.finance.post(`/v1/applications/${approved.id}/funds-calls`, {
      amountCents: 5_000_000,
      calledOn: '2023-03-01',
    });
    expect(call.status).toBe(201);
    const current = await api.as('viewer').get(`/v1/applications/${approved.id}`);
    const response = await steps.finance.post(
      `/v1/applications/${approved.id}/amendments`,
      erfurtNotice({ date: '2024-01-01', approvedCents: 4_000_000 }),
      { 'if-match': current.headers.get('etag')! },
    );
    expect(response.status).toBe(400);
  });
});
