import { beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHED_BASE_RATES } from '../../shared/domain/base-rates.ts';
import { fundingRulesApi } from '../support/funding-rules.ts';

// ANBest-P 1.4: called money is spent within the notice's window after payout (two months under
// the Sozialstrategierichtlinie); § 49a (4) VwVfG: what is not used in time draws interest of
// 5 points above the Basiszinssatz in force on each day, on the part not used.

const TODAY = '2024-09-15';
let ctx: Awaited<ReturnType<typeof fundingRulesApi>>;

beforeAll(async () => {
  ctx = await fundingRulesApi(`${TODAY}T08:00:00Z`);
});

/** Through the raw client: the 422's `rule`, `earliest` and `latest` are not in the Problem schema. */
const callRaw = (applicationId: string, body: Record<string, unknown>) =>
  ctx.steps.finance.post(`/v1/applications/${applicationId}/funds-calls`, body);

const spendByDeadline = async (applicationId: string, callId: string, dueOn: string) => {
  const deadlines = await ctx.read.deadlines({ kind: 'spend_by', from: dueOn, to: dueOn });
  return deadlines.find((deadline) => deadline.id === `${applicationId}.spend_by.${callId}`);
};

describe('a stated spend-by date lies between the call and payout + the notice’s window', () => {
  it('refuses (422) a spend-by date after the latest day or before the call, and accepts both boundary days', async () => {
    const grant = await ctx.steps.approved(ctx.programId);
    // Called on 1 March, paid out on 5 March: spent by 5 May at the latest.
    const call = { amountCents: 100_000, calledOn: '2024-03-01', receivedOn: '2024-03-05' };

    const late = await callRaw(grant.id, { ...call, spendBy: '2024-05-06' });
    const early = await callRaw(grant.id, { ...call, spendBy: '2024-02-29' });
    const lastDay = await callRaw(grant.id, { ...call, spendBy: '2024-05-05' });
    const firstDay = await callRaw(grant.id, { ...call, spendBy: '2024-03-01' });

    for (const refused of [late, early]) {
      expect(refused.status).toBe(422);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.json).toMatchObject({
        rule: 'spend_by_window',
        earliest: '2024-03-01',
        latest: '2024-05-05',
      });
    }
    expect(lastDay.status).toBe(201);
    expect(lastDay.json).toMatchObject({ spendBy: '2024-05-05', spendByExplicit: true });
    expect(firstDay.status).toBe(201);
    expect(firstDay.json).toMatchObject({ spendBy: '2024-03-01', spendByExplicit: true });
    expect((await ctx.read.calls(grant.id)).map((stored) => stored.spendBy).sort()).toEqual([
      '2024-03-01',
      '2024-05-05',
    ]);
  });
});

describe('a call used in parts', () => {
  it('keeps its spend-by deadline open for the unspent amount, refuses bad parts (400), and closes once all is used', async () => {
    const grant = await ctx.steps.approved(ctx.programId);
    // Paid out on 5 August: to be spent by 5 October.
    const call = await ctx.act.called(grant.id, {
      amountCents: 1_000_000,
      calledOn: '2024-08-01',
      receivedOn: '2024-08-05',
    });
    const parts = [
      { on: '2024-08-10', amountCents: 300_000 },
      { on: '2024-08-20', amountCents: 200_000 },
    ];

    const partly = await ctx.act.useParts(grant.id, call.id, 1, parts);
    const tooMuch = await ctx.act.useParts(grant.id, call.id, 2, [
      ...parts,
      { on: '2024-08-30', amountCents: 500_001 },
    ]);
    const beforePayout = await ctx.act.useParts(grant.id, call.id, 2, [
      { on: '2024-08-04', amountCents: 100_000 },
    ]);
    const afterRefusals = await ctx.read.call(grant.id, call.id);
    const openDeadline = await spendByDeadline(grant.id, call.id, '2024-10-05');
    const fully = await ctx.act.useParts(grant.id, call.id, 2, [
      ...parts,
      { on: '2024-09-01', amountCents: 500_000 },
    ]);

    expect(partly.response.status).toBe(200);
    expect(partly.data).toMatchObject({
      spentOn: null,
      clock: { unspentCents: 500_000, spendBy: '2024-10-05' },
    });
    expect(openDeadline).toMatchObject({ status: 'open', dueOn: '2024-10-05', amountCents: 500_000 });

    expect(tooMuch.response.status).toBe(400);
    expect(tooMuch.error?.errors?.map((error) => error.path)).toEqual(['spent']);
    expect(beforePayout.response.status).toBe(400);
    expect(beforePayout.error?.errors?.map((error) => error.path)).toEqual(['spent.0.on']);
    expect(afterRefusals).toMatchObject({ version: 2, spent: parts, clock: { unspentCents: 500_000 } });

    expect(fully.response.status).toBe(200);
    expect(fully.data).toMatchObject({ spentOn: '2024-09-01', clock: { unspentCents: 0, overdue: false } });
    expect(await spendByDeadline(grant.id, call.id, '2024-10-05')).toMatchObject({ status: 'done' });
  });
});

describe('interest at risk runs at the Basiszinssatz in force on each day plus 5 points', () => {
  // The published table (§ 247 BGB, Deutsche Bundesbank): 3.62 % from 1 January 2024, 3.37 % from 1 July 2024.
  const baseRate = (from: string) =>
    PUBLISHED_BASE_RATES.find((rate) => rate.from === from)?.basisPoints ?? NaN;
  const firstHalf = baseRate('2024-01-01') + 500; // 362 + 500 = 862 bp = 8.62 % a year
  const secondHalf = baseRate('2024-07-01') + 500; // 337 + 500 = 837 bp = 8.37 % a year
  /** Interest in cents on `cents` held for `daysBefore` days before 1 July and `daysAfter` from then, actual/365, half up. */
  const interest = (cents: number, daysBefore: number, daysAfter: number) =>
    Math.round((cents * (firstHalf * daysBefore + secondHalf * daysAfter)) / (10_000 * 365));

  it('charges the unused call from payout until today across the rate change of 1 July 2024', async () => {
    const grant = await ctx.steps.approved(ctx.programId);
    // Called and paid out on 2 April: due to be spent by 2 June, still unused on 15 September.
    const call = await ctx.act.called(grant.id, { amountCents: 1_000_000, calledOn: '2024-04-02' });

    // 2 Apr → 1 Jul: 29 + 31 + 30 = 90 days at 8.62 %; 1 Jul → 15 Sep: 31 + 31 + 14 = 76 days at 8.37 %.
    // 10 000 € × (8.62 % × 90 + 8.37 % × 76) / 365 = 10 000 € × 14.1192 % / 3.65 = 386,827… € → 386,83 €.
    const expected = interest(1_000_000, 90, 76);
    expect(expected).toBe(38_683);
    expect(call.clock).toMatchObject({
      spendBy: '2024-06-02',
      overdue: true,
      interestAtRiskCents: expected,
      interestRateBasisPoints: secondHalf,
    });
    expect((await ctx.read.call(grant.id, call.id)).clock.interestAtRiskCents).toBe(expected);
  });

  it('charges only the parts not used in time: a late part until its use, the rest until today', async () => {
    const grant = await ctx.steps.approved(ctx.programId);
    const call = await ctx.act.called(grant.id, { amountCents: 1_000_000, calledOn: '2024-04-02' });
    const parts = [
      { on: '2024-05-15', amountCents: 400_000 }, // in time: no interest
      { on: '2024-07-15', amountCents: 300_000 }, // late: 90 days at 8.62 % + 14 days at 8.37 %
    ];

    const used = await ctx.act.useParts(grant.id, call.id, 1, parts);

    // 3 000 € × (8.62 % × 90 + 8.37 % × 14) / 365 = 73,3956… € → 73,40 €;
    // the 3 000 € still unused: 3 000 € × (8.62 % × 90 + 8.37 % × 76) / 365 = 116,0482… € → 116,05 €.
    const expected = interest(300_000, 90, 14) + interest(300_000, 90, 76);
    expect(expected).toBe(7_340 + 11_605);
    expect(used.data?.clock).toMatchObject({ unspentCents: 300_000, interestAtRiskCents: expected });
  });
});
