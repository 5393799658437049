import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, Query, RequestBody } from '../../client/index.ts';
import { erfurtApplicationBody, erfurtNotice } from '../fixtures/applications.ts';
import { type FundingSteps, fundingApi } from '../support/funding.ts';
import { dataOf, expectAnswer, type TestApi } from '../support/test-api.ts';

let api: TestApi;
let steps: FundingSteps;
let viewer: ApiClient;
let programId: string;

beforeAll(async () => {
  ({ api, steps, viewer, programId } = await fundingApi());
});

const applicationPath = (id: string) => ({ path: { id } });
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

const applications = async (query: Query<'/v1/applications', 'get'>) =>
  dataOf(await viewer.GET('/v1/applications', { params: { query } })).items;
const deadlines = async (query: Query<'/v1/deadlines', 'get'>) =>
  dataOf(await viewer.GET('/v1/deadlines', { params: { query } })).items;
const readApplication = async (id: string) =>
  dataOf(await viewer.GET('/v1/applications/{id}', { params: applicationPath(id) }));
const historyOf = async (id: string) =>
  dataOf(await viewer.GET('/v1/applications/{id}/history', { params: applicationPath(id) })).items;
const reportsOf = async (id: string) =>
  dataOf(await viewer.GET('/v1/applications/{id}/reports', { params: applicationPath(id) })).items;

/** Moves an application as Anna, with an If-Match if given; asserts nothing. */
const changeStatus = (
  id: string,
  body: RequestBody<'/v1/applications/{id}/status', 'post'>,
  header?: { 'if-match': string },
) => steps.anna.POST('/v1/applications/{id}/status', { params: { ...applicationPath(id), header }, body });

async function applicationCount() {
  return (await applications({ limit: 100 })).length;
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
    expect(await deadlines({ from: '2022-10-01', to: '2022-11-30', kind: 'submission' })).toContainEqual(
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
    // Raw: the bodies are wrong on purpose (an unknown and a server-owned field among them).
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
      const { response } = await api
        .client(role)
        .POST('/v1/applications', { body: erfurtApplicationBody(programId) });
      expect(response.status).toBe(403);
    }
    expect(await applicationCount()).toBe(before);
  });

  it('edits a draft with If-Match and moves its submission deadline', async () => {
    const created = await steps.draft(programId);
    const changed = await steps.anna.PATCH('/v1/applications/{id}', {
      params: { ...applicationPath(created.id), header: ifMatch(1) },
      body: { submissionDeadline: '2022-11-15', title: 'QPK Erfurt' },
    });
    expect(changed.response.status).toBe(200);
    expect(changed.data).toMatchObject({ version: 2, title: 'QPK Erfurt', submissionDeadline: '2022-11-15' });
    const submissionDeadlines = await deadlines({ from: '2022-10-01', to: '2022-11-30', kind: 'submission' });
    const mine = submissionDeadlines.filter((deadline) => deadline.subject.id === created.id);
    expect(mine.map((deadline) => deadline.dueOn)).toEqual(['2022-11-15']);
  });

  it('refuses to edit an application that is no longer a draft', async () => {
    const created = await steps.draft(programId);
    const submitted = await steps.move(created.id, 1, { to: 'submitted' });
    const { response } = await steps.anna.PATCH('/v1/applications/{id}', {
      params: { ...applicationPath(created.id), header: ifMatch(submitted.version) },
      body: { title: 'X' },
    });
    expect(response.status).toBe(409);
    expect((await readApplication(created.id)).title).toBe(created.title);
  });

  it('filters by status and by programme, each from an index', async () => {
    const otherProgram = await steps.program();
    const mine = await steps.draft(otherProgram);
    await steps.move(mine.id, 1, { to: 'submitted' });
    const byProgram = await applications({ programId: otherProgram });
    expect(byProgram.map((item) => item.id)).toEqual([mine.id]);
    const submittedOfProgram = await applications({ programId: otherProgram, status: 'draft' });
    expect(submittedOfProgram).toEqual([]);
    const submitted = await applications({ status: 'submitted', limit: 100 });
    expect(submitted.every((item) => item.status === 'submitted')).toBe(true);
    expect(submitted.map((item) => item.id)).toContain(mine.id);
  });
});

describe('status changes', () => {
  it('refuses a move the rules do not allow with 409 naming the allowed ones', async () => {
    const created = await steps.draft(programId);
    // Raw: the 409 names the allowed moves in `allowed`, which the Problem schema does not declare.
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
    expect((await changeStatus(created.id, { to: 'submitted' })).response.status).toBe(428);
    expect((await changeStatus(created.id, { to: 'submitted' }, ifMatch(2))).response.status).toBe(412);
  });

  it('refuses approval without a notice or above the request, and changes nothing', async () => {
    const created = await steps.draft(programId);
    const submitted = await steps.move(created.id, 1, { to: 'submitted' });
    const current = ifMatch(submitted.version);
    expect((await changeStatus(created.id, { to: 'approved' }, current)).response.status).toBe(400);
    const tooMuch = await changeStatus(
      created.id,
      { to: 'approved', notice: erfurtNotice({ approvedCents: 20_000_001 }) },
      current,
    );
    expect(tooMuch.response.status).toBe(400);
    expect(tooMuch.error?.errors?.[0]?.path).toBe('notice.approvedCents');
    expect(await readApplication(created.id)).toMatchObject({
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
    const reports = await reportsOf(approved.id);
    expect(reports.map((report) => [report.id, report.dueOn, report.status])).toEqual([
      ['final', '2026-06-30', 'due'],
      ['interim-2023', '2024-04-30', 'due'],
      ['interim-2024', '2025-04-30', 'due'],
    ]);
    const open = await deadlines({ from: '2024-01-01', to: '2026-12-31', status: 'open', limit: 100 });
    const kinds = open
      .filter((deadline) => deadline.subject.id === approved.id)
      .map((deadline) => `${deadline.kind}@${deadline.dueOn}`);
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
    const mine = await deadlines({ owner: 'Ole.Other@erfurt.example', from: '2022-01-01', to: '2022-12-31' });
    expect(mine.map((deadline) => deadline.id)).toEqual([`${other.id}.submission`]);
    const done = await deadlines({
      owner: 'ole.other@erfurt.example',
      from: '2022-01-01',
      to: '2022-12-31',
      status: 'done',
    });
    expect(done).toEqual([]);
  });

  it('closes the submission deadline when the application is submitted', async () => {
    const created = await steps.draft(programId);
    await steps.move(created.id, 1, { to: 'submitted' });
    const submissions = { from: '2022-10-01', to: '2022-11-30', kind: 'submission', limit: 100 } as const;
    const done = await deadlines({ ...submissions, status: 'done' });
    expect(done.map((deadline) => deadline.id)).toContain(`${created.id}.submission`);
    const open = await deadlines({ ...submissions, status: 'open' });
    expect(open.map((deadline) => deadline.id)).not.toContain(`${created.id}.submission`);
  });

  it('records every change in the history, with actor, from, to and note', async () => {
    const approved = await steps.approved(programId);
    const history = await historyOf(approved.id);
    expect(history.map((entry) => [entry.action, entry.from, entry.to])).toEqual([
      ['create', null, 'draft'],
      ['status', 'draft', 'submitted'],
      ['status', 'submitted', 'approved'],
    ]);
    expect(history[1]).toMatchObject({
      note: 'eingereicht',
      actor: { email: 'anna.finanz@erfurt.example' },
    });
  });

  it('writes history only with a change that happened: of two racing moves one wins and one entry is written', async () => {
    const created = await steps.draft(programId);
    const results = await Promise.all([
      changeStatus(created.id, { to: 'submitted' }, ifMatch(1)),
      changeStatus(created.id, { to: 'withdrawn' }, ifMatch(1)),
    ]);
    expect(results.map((result) => result.response.status).sort()).toEqual([200, 412]);
    const history = await historyOf(created.id);
    expect(history.filter((entry) => entry.action === 'status')).toHaveLength(1);
  });

  it('revokes an approval with a repayment claim and closes its open deadlines', async () => {
    const approved = await steps.approved(programId);
    const revoked = await steps.move(approved.id, approved.version, {
      to: 'revoked',
      repaymentClaimCents: 1_000_000,
      note: 'Widerruf',
    });
    expect(revoked).toMatchObject({ status: 'revoked', repaymentClaimCents: 1_000_000 });
    const open = await deadlines({ from: '2024-01-01', to: '2026-12-31', status: 'open', limit: 100 });
    expect(open.filter((deadline) => deadline.subject.id === approved.id)).toEqual([]);
  });
});

describe('handing an application to a new owner', () => {
  it('works in any status, with If-Match, and moves every open deadline to the new owner', async () => {
    const approved = await steps.approved(programId);
    const newOwner = { name: 'Carla Kasse', email: 'carla.kasse@erfurt.example' };
    const openDeadlines = async () =>
      (await deadlines({ from: '2024-01-01', to: '2026-12-31', status: 'open', limit: 100 })).filter(
        (deadline) => deadline.subject.id === approved.id,
      );
    expect((await openDeadlines()).length).toBeGreaterThan(1);
    const handOver = (client: ApiClient, header?: { 'if-match': string }) =>
      client.PUT('/v1/applications/{id}/owner', {
        params: { ...applicationPath(approved.id), header },
        body: newOwner,
      });

    expect((await handOver(steps.anna)).response.status).toBe(428);
    expect((await handOver(viewer, ifMatch(approved.version))).response.status).toBe(403);
    const handedOver = expectAnswer(await handOver(steps.anna, ifMatch(approved.version)), 200);
    expect(handedOver).toMatchObject({
      owner: newOwner,
      status: 'approved',
      version: approved.version + 1,
    });
    for (const deadline of await openDeadlines()) expect(deadline.owner, deadline.kind).toEqual(newOwner);
    expect((await historyOf(approved.id)).at(-1)).toMatchObject({
      action: 'owner',
      changes: [{ field: 'owner', from: approved.owner, to: newOwner }],
    });
  });
});

describe('amendments (Änderungsbescheid)', () => {
  it('records a new notice version, keeps the old one readable and reschedules the reports', async () => {
    const approved = await steps.approved(programId);
    const amended = await steps.anna.POST('/v1/applications/{id}/amendments', {
      params: { ...applicationPath(approved.id), header: ifMatch(approved.version) },
      body: erfurtNotice({
        date: '2024-02-01',
        reference: 'TLVwA-SSR-2022-0815-Ä1',
        approvedCents: 19_500_000,
        fundingPeriod: { start: '2023-01-01', end: '2026-06-30' },
      }),
    });
    expect(expectAnswer(amended, 200)).toMatchObject({
      approvedCents: 19_500_000,
      notice: { version: 2, kind: 'amendment' },
    });
    const notices = dataOf(
      await viewer.GET('/v1/applications/{id}/notices', { params: applicationPath(approved.id) }),
    );
    expect(notices.items.map((item) => [item.version, item.approvedCents])).toEqual([
      [1, 19_000_000],
      [2, 19_500_000],
    ]);
    const reports = await reportsOf(approved.id);
    expect(reports.map((report) => `${report.id}@${report.dueOn}`)).toEqual([
      // ANBest-P 6.1: by the end of the sixth month after June 2026
      'final@2026-12-31',
      'interim-2023@2024-04-30',
      'interim-2024@2025-04-30',
      'interim-2025@2026-04-30',
    ]);
    expect((await historyOf(approved.id)).at(-1)).toMatchObject({
      action: 'amendment',
      note: expect.stringContaining('version 2'),
    });
  });

  it('refuses to amend below the called amount', async () => {
    const approved = await steps.approved(programId);
    const call = await steps.anna.POST('/v1/applications/{id}/funds-calls', {
      params: applicationPath(approved.id),
      body: { amountCents: 5_000_000, calledOn: '2023-03-01' },
    });
    expect(call.response.status).toBe(201);
    const current = await viewer.GET('/v1/applications/{id}', { params: applicationPath(approved.id) });
    const { response } = await steps.anna.POST('/v1/applications/{id}/amendments', {
      params: {
        ...applicationPath(approved.id),
        header: { 'if-match': current.response.headers.get('etag')! },
      },
      body: erfurtNotice({ date: '2024-01-01', approvedCents: 4_000_000 }),
    });
    expect(response.status).toBe(400);
  });
});
