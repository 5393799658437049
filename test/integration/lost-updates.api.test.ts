import { beforeAll, describe, expect, it } from 'vitest';
import type { Schemas } from '../../client/index.ts';
import { erfurtNotice } from '../fixtures/applications.ts';
import { fundingRulesApi, ifMatch, type NoticeBody } from '../support/funding-rules.ts';
import { dataOf } from '../support/test-api.ts';

// One change that touches several records (an amendment reschedules or cancels reports and their
// deadlines; a hand-over moves every open deadline) racing the submission of a statement of use,
// as truly concurrent HTTP requests, round after round. Either one wins and the other is refused
// (409 or 412), or both succeed in an order that leaves a consistent state: a submitted report
// never goes back to due, its deadline never back to open, and the deadlines' owners agree.

const ROUNDS = 10;
/** Ten rounds of set-up, race and reads take a few seconds; more on a busy machine. */
const RACE_TIMEOUT = 60_000;
const ANNA = { name: 'Anna Finanz', email: 'anna.finanz@erfurt.example' };
const BEN = { name: 'Ben Nachfolger', email: 'ben.nachfolger@erfurt.example' };
let ctx: Awaited<ReturnType<typeof fundingRulesApi>>;

beforeAll(async () => {
  ctx = await fundingRulesApi('2024-04-20T08:00:00Z');
});

/** Submits the interim report for 2023 (due 30 April 2024) at its first version; asserts nothing. */
const submitInterim = (id: string) =>
  ctx.steps.anna.PATCH('/v1/applications/{id}/reports/{reportId}', {
    params: { path: { id, reportId: 'interim-2023' }, header: ifMatch(1) },
    body: { status: 'submitted', submittedOn: '2024-04-19' },
  });

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs both requests concurrently. Which starts first alternates, and the other starts a few
 * milliseconds later (more each round), so that the rounds sweep across the overlaps.
 */
async function race<A, B>(round: number, first: () => Promise<A>, second: () => Promise<B>): Promise<[A, B]> {
  const lag = Math.floor(round / 2) * 5;
  const later = <T>(request: () => Promise<T>) => pause(lag).then(request);
  return round % 2 === 0 ? Promise.all([first(), later(second)]) : Promise.all([later(first), second()]);
}

/** Every deadline of an application, whatever its status (2022–2027, in windows of at most 36 months), page by page. */
async function deadlinesOf(applicationId: string) {
  const found: Schemas['Deadline'][] = [];
  for (const [from, to] of [
    ['2022-01-01', '2024-12-31'],
    ['2025-01-01', '2027-12-31'],
  ] as const) {
    let cursor: string | undefined;
    do {
      const query = { from, to, limit: 100, ...(cursor ? { cursor } : {}) };
      const page = dataOf(await ctx.viewer.GET('/v1/deadlines', { params: { query } }));
      found.push(...page.items.filter((deadline) => deadline.subject.id === applicationId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return found;
}

/** The interim report for 2023 with its deadline, as they stand now. */
async function interim2023(applicationId: string) {
  const report = dataOf(
    await ctx.viewer.GET('/v1/applications/{id}/reports/{reportId}', {
      params: { path: { id: applicationId, reportId: 'interim-2023' } },
    }),
  );
  const window = { kind: 'interim_report' as const, from: '2024-04-30', to: '2024-05-31' };
  const deadline = (await ctx.read.deadlines(window)).find(
    (d) => d.id === `${applicationId}.interim_report.2023`,
  );
  return { report, deadline };
}

const REFUSED = [409, 412];
/** Each answer is a success or a refusal of a lost update, and at least one succeeded. */
function expectOneWins(round: string, ...statuses: number[]) {
  expect(
    statuses.filter((status) => status !== 200 && !REFUSED.includes(status)),
    round,
  ).toEqual([]);
  expect(statuses, round).toContain(200);
}

describe('an amendment racing the submission of a report it would change', () => {
  const AMENDMENTS: [string, NoticeBody, { status: string; dueOn: string }][] = [
    [
      'cancel (the period ends with 2023)',
      erfurtNotice({
        date: '2024-04-01',
        reference: 'Ä-2023',
        fundingPeriod: { start: '2023-01-01', end: '2023-12-31' },
      }),
      { status: 'cancelled', dueOn: '2024-04-30' },
    ],
    [
      'reschedule (interim reports due 31 May)',
      erfurtNotice({
        date: '2024-04-01',
        reference: 'Ä-31-05',
        rules: { interimReportDue: { month: 5, day: 31 } },
      }),
      { status: 'due', dueOn: '2024-05-31' },
    ],
  ];

  it.each(AMENDMENTS)(
    'never loses either change when an amendment would %s',
    async (_case, notice, amendedReport) => {
      for (let round = 0; round < ROUNDS; round++) {
        const grant = await ctx.steps.approved(ctx.programId);

        const [amendment, submission] = await race(
          round,
          () => ctx.act.amend(grant.id, grant.version, notice),
          () => submitInterim(grant.id),
        );

        const label = `round ${round}: amendment ${amendment.response.status}, submission ${submission.response.status}`;
        expectOneWins(label, amendment.response.status, submission.response.status);
        const { report, deadline } = await interim2023(grant.id);
        const application = await ctx.read.application(grant.id);
        expect(application.notice?.version, label).toBe(amendment.response.ok ? 2 : 1);
        if (submission.response.ok) {
          expect(report, label).toMatchObject({ status: 'submitted', submittedOn: '2024-04-19' });
        } else {
          expect(report, label).toMatchObject(amendment.response.ok ? amendedReport : { status: 'due' });
        }
        // The deadline agrees with its report: open exactly while the report is due, on its due date.
        expect(deadline, label).toMatchObject({
          status: report.status === 'due' ? 'open' : 'done',
          dueOn: report.dueOn,
        });
      }
    },
    RACE_TIMEOUT,
  );
});

describe('a hand-over racing the submission of a report', () => {
  it(
    'leaves every deadline with one of the two owners, the open ones with the application’s',
    async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const grant = await ctx.steps.approved(ctx.programId);

        const [handOver, submission] = await race(
          round,
          () =>
            ctx.steps.anna.PUT('/v1/applications/{id}/owner', {
              params: { path: { id: grant.id }, header: ifMatch(grant.version) },
              body: BEN,
            }),
          () => submitInterim(grant.id),
        );

        const label = `round ${round}: hand-over ${handOver.response.status}, submission ${submission.response.status}`;
        expectOneWins(label, handOver.response.status, submission.response.status);
        const owner = (await ctx.read.application(grant.id)).owner;
        expect(owner, label).toEqual(handOver.response.ok ? BEN : ANNA);
        const deadlines = await deadlinesOf(grant.id);
        // Submission, both interim reports, the end of the funding period and the final report.
        expect(deadlines, label).toHaveLength(5);
        for (const deadline of deadlines) {
          expect([ANNA.email, BEN.email], `${label}: ${deadline.id}`).toContain(deadline.owner.email);
          if (deadline.status === 'open') expect(deadline.owner, `${label}: ${deadline.id}`).toEqual(owner);
          if (!handOver.response.ok) expect(deadline.owner, `${label}: ${deadline.id}`).toEqual(ANNA);
        }
        const { report, deadline } = await interim2023(grant.id);
        expect(report.status, label).toBe(submission.response.ok ? 'submitted' : 'due');
        expect(deadline?.status, label).toBe(submission.response.ok ? 'done' : 'open');
      }
    },
    RACE_TIMEOUT,
  );
});
