import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../client/index.ts';
import { overdueMoney } from '../../scripts/examples/overdue-money.ts';
import { PUBLISHED_BASE_RATES } from '../../shared/domain/base-rates.ts';
import { interestCents } from '../../shared/domain/interest.ts';
import { fundingSteps } from '../support/funding.ts';
import { parseCalendar } from '../support/ical.ts';
import { createTestApi, dataOf, expectAnswer, type TestApi } from '../support/test-api.ts';

// The README's case seen on 1 December 2026: a funds call of 2023 was never marked spent, so its
// spend-by date (6 May 2023, more than 36 months ago) is overdue with interest running.
const TODAY = '2026-12-01';
let api: TestApi;
let viewer: ApiClient;
let applicationId: string;
let callId: string;

beforeAll(async () => {
  api = await createTestApi({ clock: () => new Date(`${TODAY}T08:00:00Z`) });
  viewer = api.client('viewer');
  const steps = fundingSteps(api);
  const approved = await steps.approved(await steps.program());
  applicationId = approved.id;
  const body = { amountCents: 5_000_000, calledOn: '2023-03-01', receivedOn: '2023-03-06' };
  const call = await steps.anna.POST('/v1/applications/{id}/funds-calls', {
    params: { path: { id: applicationId } },
    body,
  });
  callId = expectAnswer(call, 201).id;
});

const overdue = async (query: { owner?: string; limit?: number; cursor?: string } = {}) =>
  dataOf(await viewer.GET('/v1/deadlines', { params: { query: { status: 'overdue', ...query } } }));

describe('everything overdue, however old (GET /v1/deadlines?status=overdue)', () => {
  it('lists every open deadline past its due date, oldest first, beyond any window', async () => {
    const { items } = await overdue();
    expect(items.map((deadline) => `${deadline.dueOn} ${deadline.kind}`)).toEqual([
      '2023-05-06 spend_by',
      '2024-04-30 interim_report',
      '2025-04-30 interim_report',
      '2025-12-31 funding_period_end',
      '2026-06-30 final_report',
    ]);
    expect(items.every((deadline) => deadline.status === 'open' && deadline.dueOn < TODAY)).toBe(true);
  });

  it('says what is at stake: the amount of the spend-by date and the interest running on it since payout', async () => {
    const [spendBy] = (await overdue()).items;
    expect(spendBy).toMatchObject({
      kind: 'spend_by',
      amountCents: 5_000_000,
      interestFrom: '2023-03-06',
      subject: { path: `/v1/applications/${applicationId}/funds-calls/${callId}` },
    });
    // Per day at the Basiszinssatz in force + 5 points, 6 March 2023 – 30 November 2026.
    expect(spendBy?.interestAtRiskCents).toBe(
      interestCents(5_000_000, '2023-03-06', TODAY, PUBLISHED_BASE_RATES),
    );
    expect(spendBy?.interestAtRiskCents).toBe(1_361_818); // 13 618,18 €
  });

  it('leaves out what is closed and what is not due yet', async () => {
    await api
      .client('finance', 'anna.finanz@erfurt.example')
      .PATCH('/v1/applications/{id}/reports/{reportId}', {
        params: { path: { id: applicationId, reportId: 'interim-2023' }, header: { 'if-match': '"1"' } },
        body: { status: 'submitted', submittedOn: '2024-04-20' },
      });
    const kinds = (await overdue()).items.map((deadline) => `${deadline.dueOn} ${deadline.kind}`);
    expect(kinds).not.toContain('2024-04-30 interim_report');
    expect(kinds.every((entry) => entry < TODAY)).toBe(true);
  });

  it('pages through them, and narrows to one owner', async () => {
    const first = await overdue({ limit: 2 });
    expect(first.items).toHaveLength(2);
    const rest = await overdue({ limit: 10, cursor: first.nextCursor ?? '' });
    expect([...first.items, ...rest.items].map((deadline) => deadline.dueOn)).toEqual(
      (await overdue()).items.map((deadline) => deadline.dueOn),
    );
    expect((await overdue({ owner: 'someone.else@erfurt.example' })).items).toEqual([]);
    expect((await overdue({ owner: 'anna.finanz@erfurt.example' })).items.length).toBeGreaterThan(0);
  });
});

describe('the finance script of the README (scripts/examples/overdue-money.ts)', () => {
  it('lists the overdue spend-by money with its interest, German style', async () => {
    const lines = await overdueMoney(api.client('finance', 'anna.finanz@erfurt.example'));
    // Intl puts a no-break space before the euro sign.
    expect(lines.map((line) => line.replaceAll('\u00a0', ' '))).toEqual([
      '2023-05-06 Quartiersplanungskoordination Erfurt: 50.000,00 €, Zinsen 13.618,18 €',
    ]);
  });
});

describe('the calendar feed keeps overdue deadlines until they are closed', () => {
  it('includes the spend-by date of 2023', async () => {
    const { data } = await viewer.GET('/v1/deadlines.ics', { params: { query: {} }, parseAs: 'text' });
    const starts = parseCalendar(data ?? '').events.map((event) => event.start);
    expect(starts).toContain('2023-05-06');
    expect(starts).toContain('2026-06-30');
  });
});
