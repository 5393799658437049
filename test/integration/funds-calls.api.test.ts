import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, Query, RequestBody } from '../../client/index.ts';
import { type FundingSteps, fundingApi } from '../support/funding.ts';
import { dataOf, expectAnswer, type TestApi } from '../support/test-api.ts';

let api: TestApi;
let steps: FundingSteps;
let viewer: ApiClient;
let programId: string;

beforeAll(async () => {
  // A fixed clock, so that days left and interest are exact.
  ({ api, steps, viewer, programId } = await fundingApi({ clock: () => new Date('2023-06-15T08:00:00Z') }));
});

type FundsCallBody = RequestBody<'/v1/applications/{id}/funds-calls', 'post'>;

const applicationPath = (id: string) => ({ path: { id } });
const callsOf = async (id: string) =>
  dataOf(await viewer.GET('/v1/applications/{id}/funds-calls', { params: applicationPath(id) })).items;
const readApplication = async (id: string) =>
  dataOf(await viewer.GET('/v1/applications/{id}', { params: applicationPath(id) }));
const deadlines = async (query: Query<'/v1/deadlines', 'get'>) =>
  dataOf(await viewer.GET('/v1/deadlines', { params: { query } })).items;

/** Calls funds on an application (as Anna unless told); asserts nothing. */
const callFunds = (applicationId: string, body: FundsCallBody, client: ApiClient = steps.anna) =>
  client.POST('/v1/applications/{id}/funds-calls', { params: applicationPath(applicationId), body });

/** Changes a funds call at version 1 as Anna; asserts nothing. */
const changeCall = (
  applicationId: string,
  callId: string,
  body: RequestBody<'/v1/applications/{id}/funds-calls/{callId}', 'patch'>,
) =>
  steps.anna.PATCH('/v1/applications/{id}/funds-calls/{callId}', {
    params: { path: { id: applicationId, callId }, header: { 'if-match': '"1"' } },
    body,
  });

describe('funds calls (Mittelabruf)', () => {
  it('shows the co-financing split, the own share and the spend-by date from the programme', async () => {
    const approved = await steps.approved(programId);
    const answer = await callFunds(approved.id, {
      amountCents: 5_000_000,
      calledOn: '2023-03-01',
      receivedOn: '2023-03-06',
    });
    const call = expectAnswer(answer, 201);
    expect(answer.response.headers.get('location')).toBe(
      `/v1/applications/${approved.id}/funds-calls/${call.id}`,
    );
    expect(call).toMatchObject({
      amountCents: 5_000_000,
      spendBy: '2023-05-06',
      split: {
        sources: [
          { source: 'esf_plus', cents: 3_750_000 },
          { source: 'land', cents: 1_250_000 },
        ],
        ownShareCents: 1_250_000,
      },
      // Unspent since 6 May: 50 000 € × 6.62 % (Basiszinssatz 1.62 % + 5) × 101/365 days (6 Mar → 15 Jun) = 915,92 €
      clock: { overdue: true, daysLeft: -40, interestAtRiskCents: 91_592, asOf: '2023-06-15' },
    });
    expect(await readApplication(approved.id)).toMatchObject({
      calledCents: 5_000_000,
      availableCents: 14_000_000,
    });
  });

  it('makes the spend-by date a deadline, closed when the money is spent', async () => {
    const approved = await steps.approved(programId);
    const { data: call } = await callFunds(approved.id, { amountCents: 100_000, calledOn: '2023-06-01' });
    const deadlineId = `${approved.id}.spend_by.${call?.id}`;
    const open = await deadlines({ from: '2023-08-01', to: '2023-08-01', status: 'open', kind: 'spend_by' });
    expect(open.map((deadline) => deadline.id)).toContain(deadlineId);

    const spent = expectAnswer(await changeCall(approved.id, call!.id, { spentOn: '2023-06-10' }), 200);
    expect(spent).toMatchObject({
      spentOn: '2023-06-10',
      version: 2,
      clock: { overdue: false, interestAtRiskCents: 0 },
    });
    const after = await deadlines({ from: '2023-08-01', to: '2023-08-01', kind: 'spend_by', limit: 100 });
    expect(after.find((deadline) => deadline.id === deadlineId)).toMatchObject({
      status: 'done',
    });
  });

  it('moves a derived spend-by date when the payout date is recorded', async () => {
    const approved = await steps.approved(programId);
    const { data: call } = await callFunds(approved.id, { amountCents: 100_000, calledOn: '2023-06-01' });
    expect(call?.spendBy).toBe('2023-08-01');
    const received = await changeCall(approved.id, call!.id, { receivedOn: '2023-06-12' });
    expect(received.data?.spendBy).toBe('2023-08-12');
  });

  it('refuses a call on an application that is not approved', async () => {
    const draft = await steps.draft(programId);
    const { response } = await callFunds(draft.id, { amountCents: 100, calledOn: '2023-03-01' });
    expect(response.status).toBe(409);
  });

  it('refuses a call dated after the funding period, and a call over the approval', async () => {
    const approved = await steps.approved(programId);
    const late = await callFunds(approved.id, { amountCents: 100, calledOn: '2026-01-01' });
    expect(late.response.status).toBe(400);
    const tooMuch = await callFunds(approved.id, { amountCents: 19_000_001, calledOn: '2023-03-01' });
    expect(tooMuch.response.status).toBe(409);
    expect(await callsOf(approved.id)).toEqual([]);
  });

  it.each([
    [{ amountCents: 0, calledOn: '2023-03-01' }],
    [{ amountCents: -5, calledOn: '2023-03-01' }],
    [{ amountCents: 1.5, calledOn: '2023-03-01' }],
    [{ amountCents: 100, calledOn: '2023-02-30' }],
    [{ amountCents: 100, calledOn: '2023-03-01', receivedOn: '2023-02-01' }],
    [{ amountCents: 100, calledOn: '2023-03-01', calledCents: 1 }],
  ])('refuses the bad call %j with 400', async (body) => {
    const approved = await steps.approved(programId);
    // Raw: the bodies are wrong on purpose (an unknown field among them).
    const response = await steps.finance.post(`/v1/applications/${approved.id}/funds-calls`, body);
    expect(response.status).toBe(400);
    expect(await callsOf(approved.id)).toEqual([]);
  });

  it('never lets fifty concurrent calls exceed the approval; every refused one gets 409', async () => {
    // The notice puts all of the approval into 2023, so only the whole approval limits the calls.
    const budgetYears = [
      { year: 2023, approvedCents: 19_000_000 },
      { year: 2024, approvedCents: 0 },
      { year: 2025, approvedCents: 0 },
    ];
    const approved = await steps.approved(programId, { budgetYears });
    // 50 calls of 500 000 € would be 25 M€ against an approval of 19 M€ → 38 fit.
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        callFunds(approved.id, { amountCents: 500_000, calledOn: '2023-04-01' }),
      ),
    );
    const statuses = results.map((result) => result.response.status);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    const accepted = statuses.filter((status) => status === 201).length;
    expect(accepted).toBe(38);
    expect(await readApplication(approved.id)).toMatchObject({
      calledCents: accepted * 500_000,
      availableCents: 19_000_000 - accepted * 500_000,
    });
    expect(await callsOf(approved.id)).toHaveLength(accepted);
  });

  it('refuses a coordinator calling funds with 403', async () => {
    const approved = await steps.approved(programId);
    const { response } = await callFunds(
      approved.id,
      { amountCents: 100, calledOn: '2023-03-01' },
      api.client('coordinator'),
    );
    expect(response.status).toBe(403);
  });

  it('shows the budget by year: approved pro rata, called and remaining', async () => {
    const approved = await steps.approved(programId);
    await callFunds(approved.id, { amountCents: 3_000_000, calledOn: '2023-03-01' });
    await callFunds(approved.id, { amountCents: 2_000_000, calledOn: '2024-02-01' });
    const budget = dataOf(
      await viewer.GET('/v1/applications/{id}/budget', { params: applicationPath(approved.id) }),
    );
    expect(budget.items.map((year) => [year.year, year.calledCents])).toEqual([
      [2023, 3_000_000],
      [2024, 2_000_000],
      [2025, 0],
    ]);
    const total = budget.items.reduce((sum, year) => sum + year.approvedCents, 0);
    expect(total).toBe(19_000_000);
    for (const year of budget.items) expect(year.remainingCents).toBe(year.approvedCents - year.calledCents);
  });
});
