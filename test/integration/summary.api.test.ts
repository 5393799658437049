import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, JsonResponse } from '../../client/index.ts';
import { positionBody } from '../fixtures/positions.ts';
import { type FundingSteps, fundingApi } from '../support/funding.ts';
import { dataOf, expectAnswer, type TestApi } from '../support/test-api.ts';
import { recordWrites } from '../support/write-recorder.ts';

// The README's Erfurt case seen on 1 June 2024: two calls (the first spent, the second half of
// it by 30 April, the rest overdue since 5 May), the position vacant since 2 May.
const TODAY = '2024-06-01';
type Summary = JsonResponse<'/v1/summary'>;

let api: TestApi;
let steps: FundingSteps;
let viewer: ApiClient;
let grantId: string;
let draftId: string;
let positionId: string;
let summary: Summary;
let firstCallId: string;

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

beforeAll(async () => {
  let programId: string;
  ({ api, steps, viewer, programId } = await fundingApi({ clock: () => new Date(`${TODAY}T08:00:00Z`) }));
  const approved = await steps.approved(programId);
  grantId = approved.id;
  draftId = (
    await steps.draft(programId, {
      title: 'Zweiter Antrag (Entwurf)',
      submissionDeadline: '2024-06-20',
    })
  ).id;
  const call = (body: { amountCents: number; calledOn: string; receivedOn: string }) =>
    steps.anna.POST('/v1/applications/{id}/funds-calls', { params: { path: { id: grantId } }, body });
  const first = expectAnswer(
    await call({ amountCents: 5_000_000, calledOn: '2023-03-01', receivedOn: '2023-03-06' }),
    201,
  );
  const second = expectAnswer(
    await call({ amountCents: 6_000_000, calledOn: '2024-03-01', receivedOn: '2024-03-05' }),
    201,
  );
  const spend = (callId: string, spent: { on: string; amountCents: number }[]) =>
    steps.anna.PATCH('/v1/applications/{id}/funds-calls/{callId}', {
      params: { path: { id: grantId, callId }, header: ifMatch(1) },
      body: { spent },
    });
  firstCallId = first.id;
  expectAnswer(await spend(first.id, [{ on: '2023-04-20', amountCents: 5_000_000 }]), 200);
  expectAnswer(await spend(second.id, [{ on: '2024-04-30', amountCents: 3_000_000 }]), 200);

  const position = expectAnswer(await steps.anna.POST('/v1/positions', { body: positionBody(grantId) }), 201);
  positionId = position.id;
  for (const [year, gross] of [
    [2023, 5_400_000],
    [2024, 5_600_000],
  ] as const) {
    await steps.anna.PUT('/v1/positions/{id}/cost-plan/{year}', {
      params: { path: { id: positionId, year } },
      body: { plannedGrossSalaryCents: gross },
    });
  }
  const staffing = async (
    version: number,
    body: { to: 'advertised' | 'filled' | 'vacant'; on: string; holder?: { name: string; email: string } },
  ) =>
    expectAnswer(
      await steps.anna.POST('/v1/positions/{id}/staffing', {
        params: { path: { id: positionId }, header: ifMatch(version) },
        body,
      }),
      200,
    );
  await staffing(1, { to: 'advertised', on: '2023-01-16' });
  await staffing(2, {
    to: 'filled',
    on: '2023-04-01',
    holder: { name: 'Kim Koordination', email: 'kim.koordination@erfurt.example' },
  });
  await staffing(3, { to: 'vacant', on: '2024-05-02' });
  summary = dataOf(await viewer.GET('/v1/summary'));
});

describe('GET /v1/summary: the dashboard in one request', () => {
  it('gives every role that may sign in the same answer, and writes nothing', async () => {
    const recorder = recordWrites(api.deps.store.table.doc);
    for (const role of ['finance', 'coordinator', 'viewer', 'admin'] as const) {
      const { data, response } = await api.client(role).GET('/v1/summary');
      expect(response.status, role).toBe(200);
      expect(data).toEqual(summary);
    }
    expect(recorder.lasting()).toEqual([]);
    expect((await api.anonymous().GET('/v1/summary')).response.status).toBe(401);
  });

  it('lists every application, newest first, drafts with nothing approved', () => {
    expect(summary.asOf).toBe(TODAY);
    expect(summary.applications.map((application) => [application.id, application.status])).toEqual([
      [draftId, 'draft'],
      [grantId, 'approved'],
    ]);
    expect(summary.applications[0]).toMatchObject({ approvedCents: 0, calledCents: 0, years: [] });
  });

  it('has the numbers the grant’s own resources give: approved, called, spent and remaining, per budget year', async () => {
    const grant = summary.applications.find((application) => application.id === grantId)!;
    const read = dataOf(await viewer.GET('/v1/applications/{id}', { params: { path: { id: grantId } } }));
    const budget = dataOf(
      await viewer.GET('/v1/applications/{id}/budget', { params: { path: { id: grantId } } }),
    );
    expect(grant).toMatchObject({
      approvedCents: read.approvedCents,
      calledCents: read.calledCents,
      spentCents: 8_000_000,
      remainingCents: read.approvedCents - read.calledCents,
    });
    expect(grant.years).toEqual(budget.items);
    expect(summary.totals).toMatchObject({
      approvedCents: 19_000_000,
      calledCents: 11_000_000,
      spentCents: 8_000_000,
      remainingCents: 8_000_000,
      byYear: budget.items,
    });
  });

  it('splits approved and called money by source as the notice and the calls say', async () => {
    const calls = dataOf(
      await viewer.GET('/v1/applications/{id}/funds-calls', { params: { path: { id: grantId } } }),
    ).items;
    const calledOf = (source: string) =>
      calls.reduce(
        (sum, call) => sum + (call.split.sources.find((part) => part.source === source)?.cents ?? 0),
        0,
      );
    expect(summary.coFinancing).toEqual([
      { source: 'esf_plus', approvedCents: 14_250_000, calledCents: calledOf('esf_plus') },
      { source: 'land', approvedCents: 4_750_000, calledCents: calledOf('land') },
      {
        source: 'own',
        approvedCents: 4_750_000,
        calledCents: calls.reduce((sum, call) => sum + call.split.ownShareCents, 0),
      },
    ]);
  });

  it('lists the overdue deadlines with the interest GET /v1/deadlines?status=overdue gives, and those of the next 30 days', async () => {
    const overdue = dataOf(
      await viewer.GET('/v1/deadlines', { params: { query: { status: 'overdue', limit: 100 } } }),
    ).items;
    expect(summary.deadlines.overdue).toEqual(overdue);
    expect(summary.deadlines.overdue.map((deadline) => `${deadline.dueOn} ${deadline.kind}`)).toEqual([
      '2024-04-30 interim_report',
      '2024-05-05 spend_by',
    ]);
    const interest = overdue.reduce((sum, deadline) => sum + deadline.interestAtRiskCents, 0);
    expect(interest).toBeGreaterThan(0);
    expect(summary.deadlines.interestAtRiskCents).toBe(interest);
    expect(summary.totals.interestAtRiskCents).toBe(interest);
    const upcoming = dataOf(
      await viewer.GET('/v1/deadlines', {
        params: { query: { status: 'open', from: TODAY, to: '2024-07-01', limit: 100 } },
      }),
    ).items;
    expect(summary.deadlines.upcoming).toEqual(upcoming);
    expect(summary.deadlines.upcoming.map((deadline) => `${deadline.dueOn} ${deadline.kind}`)).toEqual([
      '2024-06-20 submission',
      '2024-07-01 vacancy',
    ]);
    expect(summary.deadlines.upcoming[0]?.owner.email).toBe('anna.finanz@erfurt.example');
  });

  it('names each application’s most pressing open deadline', () => {
    const grant = summary.applications.find((application) => application.id === grantId)!;
    expect(grant.nextDeadline).toMatchObject({ kind: 'interim_report', dueOn: '2024-04-30' });
    const draft = summary.applications.find((application) => application.id === draftId)!;
    expect(draft.nextDeadline).toMatchObject({ kind: 'submission', dueOn: '2024-06-20' });
  });

  it('shows the position vacant for 30 days and the funding that left unused', () => {
    expect(summary.positions).toEqual([
      expect.objectContaining({
        id: positionId,
        staffing: 'vacant',
        staffingSince: '2024-05-02',
        vacancyDays: 30,
        vacancyLossCents: expect.any(Number),
      }),
    ]);
    const [position] = summary.positions;
    // 2024: 5 600 000 + 19,975 % = 6 718 600 cents, funded 80 % by ESF+ and Land, for 30 of 366 days.
    expect(position?.vacancyLossCents).toBe(Math.round((6_718_600 * 0.8 * 30) / 366));
  });

  it('counts a call the list of all calls lacks (written before it existed) from its grant’s own partition', async () => {
    // As a call recorded before calls were listed in gsi1 is stored: without that index entry.
    await api.deps.store.table.doc.send(
      new UpdateCommand({
        TableName: api.deps.store.table.tableName,
        Key: { pk: `APP#${grantId}`, sk: `CALL#${firstCallId}` },
        UpdateExpression: 'REMOVE gsi1pk, gsi1sk',
      }),
    );
    const again = dataOf(await viewer.GET('/v1/summary'));
    expect(again.applications).toEqual(summary.applications);
    expect(again.coFinancing).toEqual(summary.coFinancing);
  });
});
