import { beforeAll, describe, expect, it } from 'vitest';
import { erfurtNotice } from '../fixtures/applications.ts';
import { fundingRulesApi } from '../support/funding-rules.ts';

// A Bescheid approves amounts per Haushaltsjahr (ANBest-P 1.4): calls draw on the year they are
// made in and never exceed what that year still has, also when they race; moving money between
// years takes an amendment, which may not approve less for a year than was called there already.

let ctx: Awaited<ReturnType<typeof fundingRulesApi>>;

beforeAll(async () => {
  ctx = await fundingRulesApi('2024-03-01T08:00:00Z');
});

const years = (y2023: number, y2024: number, y2025: number) => [
  { year: 2023, approvedCents: y2023 },
  { year: 2024, approvedCents: y2024 },
  { year: 2025, approvedCents: y2025 },
];

/** A grant of 190 000 € for 2023–2025, split by its notice as given (else pro rata). */
const grant = (budgetYears?: ReturnType<typeof years>) =>
  ctx.steps.approved(ctx.programId, budgetYears ? { budgetYears } : {});

/** Calls funds through the raw client: a refusal's `budgetYear` and `remainingCents` are not in the Problem schema. */
const callRaw = (applicationId: string, amountCents: number, calledOn: string) =>
  ctx.steps.finance.post(`/v1/applications/${applicationId}/funds-calls`, { amountCents, calledOn });

describe('approvals per budget year', () => {
  it('splits an approval without budget years pro rata by days, to the cent', async () => {
    const approved = await grant();

    // 19 000 000 cents over 365 + 366 + 365 = 1096 days: 6 327 554.74 | 6 344 890.51 | 6 327 554.74;
    // rounded down that is 2 cents short, which go to the largest remainders (2023, then 2025).
    const expected = years(6_327_555, 6_344_890, 6_327_555);
    expect(approved.notice?.budgetYears).toEqual(expected);
    expect(approved.remainingByYear).toEqual({ 2023: 6_327_555, 2024: 6_344_890, 2025: 6_327_555 });
    const budget = await ctx.read.budget(approved.id);
    expect(budget.map(({ year, approvedCents }) => ({ year, approvedCents }))).toEqual(expected);
    expect(budget.reduce((sum, year) => sum + year.approvedCents, 0)).toBe(19_000_000);
  });

  it('keeps the budget years the notice states', async () => {
    const stated = years(2_000_000, 9_000_000, 8_000_000);
    const approved = await grant(stated);

    expect(approved.notice?.budgetYears).toEqual(stated);
    expect(
      (await ctx.read.budget(approved.id)).map(({ year, approvedCents }) => ({ year, approvedCents })),
    ).toEqual(stated);
  });
});

describe('a funds call draws on its budget year and never beyond what that year has left', () => {
  it('refuses (409, naming the year and what remains) a call above the year, and accepts exactly the rest', async () => {
    const approved = await grant(years(1_000_000, 9_000_000, 9_000_000));
    await ctx.act.called(approved.id, { amountCents: 600_000, calledOn: '2023-03-01' });

    const over = await callRaw(approved.id, 400_001, '2023-09-01');
    const exact = await callRaw(approved.id, 400_000, '2023-09-01');

    expect(over.status).toBe(409);
    expect(over.json).toMatchObject({ budgetYear: 2023, remainingCents: 400_000 });
    expect(over.json.detail).toContain('2023');
    expect(exact.status).toBe(201);
    expect(exact.json.budgetYear).toBe(2023);
    expect(await ctx.read.application(approved.id)).toMatchObject({
      calledCents: 1_000_000,
      availableCents: 18_000_000,
      remainingByYear: { 2023: 0, 2024: 9_000_000, 2025: 9_000_000 },
    });
  });

  it('never lets twenty concurrent calls in one year exceed its approval; refused ones get 409', async () => {
    // 20 × 70 000 cents = 1 400 000 against 1 000 000 for 2023 (the whole approval would cover them): 14 fit.
    const approved = await grant(years(1_000_000, 9_000_000, 9_000_000));

    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        ctx.act.callFunds(approved.id, { amountCents: 70_000, calledOn: '2023-04-01' }),
      ),
    );

    const statuses = answers.map((answer) => answer.response.status);
    expect(statuses.filter((status) => status !== 201 && status !== 409)).toEqual([]);
    const accepted = statuses.filter((status) => status === 201).length;
    const calls = await ctx.read.calls(approved.id);
    const calledIn2023 = calls.reduce((sum, call) => sum + call.amountCents, 0);
    expect(calledIn2023).toBeLessThanOrEqual(1_000_000);
    expect(calls).toHaveLength(accepted);
    expect(accepted).toBe(14);
    expect(await ctx.read.application(approved.id)).toMatchObject({
      calledByYear: { 2023: calledIn2023 },
      remainingByYear: { 2023: 1_000_000 - calledIn2023 },
    });
  });
});

describe('an amendment moves money between years, never below what a year has called', () => {
  it('re-splits the years (remainingByYear follows) and refuses (400, naming the year) a split below the calls', async () => {
    const approved = await grant(years(6_000_000, 7_000_000, 6_000_000));
    await ctx.act.called(approved.id, { amountCents: 2_000_000, calledOn: '2023-03-01' });
    const amendment = (budgetYears: ReturnType<typeof years>, suffix: string) =>
      erfurtNotice({ date: '2023-05-02', reference: `TLVwA-SSR-2022-0815-Ä${suffix}`, budgetYears });

    const calledVersion = (await ctx.read.application(approved.id)).version;

    const moved = await ctx.act.amended(
      approved.id,
      calledVersion,
      amendment(years(3_000_000, 10_000_000, 6_000_000), '1'),
    );
    const overCall = await callRaw(approved.id, 1_000_001, '2023-06-01');
    const below = await ctx.act.amend(
      approved.id,
      moved.version,
      amendment(years(1_999_999, 11_000_001, 6_000_000), '2'),
    );

    expect(moved.remainingByYear).toEqual({ 2023: 1_000_000, 2024: 10_000_000, 2025: 6_000_000 });
    expect(overCall.status).toBe(409);
    expect(overCall.json).toMatchObject({ budgetYear: 2023, remainingCents: 1_000_000 });
    expect(below.response.status).toBe(400);
    expect(below.error?.errors).toEqual([{ path: 'budgetYears', message: expect.stringContaining('2023') }]);
    expect(await ctx.read.application(approved.id)).toMatchObject({
      version: moved.version,
      notice: { version: 2 },
      remainingByYear: { 2023: 1_000_000, 2024: 10_000_000, 2025: 6_000_000 },
    });
  });
});

describe('the budget view', () => {
  it('shows per year what was approved, called, spent (calls used in parts too) and what remains', async () => {
    const approved = await grant(years(6_000_000, 7_000_000, 6_000_000));
    const inParts = await ctx.act.called(approved.id, { amountCents: 1_000_000, calledOn: '2023-03-01' });
    const atOnce = await ctx.act.called(approved.id, { amountCents: 500_000, calledOn: '2023-06-01' });
    await ctx.act.called(approved.id, { amountCents: 400_000, calledOn: '2024-02-01' });
    const parts = [
      { on: '2023-03-10', amountCents: 300_000 },
      { on: '2023-04-01', amountCents: 200_000 },
    ];
    expect((await ctx.act.useParts(approved.id, inParts.id, 1, parts)).response.status).toBe(200);
    const whole = [{ on: '2023-06-05', amountCents: 500_000 }];
    expect((await ctx.act.useParts(approved.id, atOnce.id, 1, whole)).response.status).toBe(200);

    expect(await ctx.read.budget(approved.id)).toEqual([
      {
        year: 2023,
        approvedCents: 6_000_000,
        calledCents: 1_500_000,
        spentCents: 1_000_000,
        remainingCents: 4_500_000,
      },
      {
        year: 2024,
        approvedCents: 7_000_000,
        calledCents: 400_000,
        spentCents: 0,
        remainingCents: 6_600_000,
      },
      { year: 2025, approvedCents: 6_000_000, calledCents: 0, spentCents: 0, remainingCents: 6_000_000 },
    ]);
  });

  it('documents spentCents in the OpenAPI document, so the typed client sees it', async () => {
    const document = await ctx.api.call('GET', '/openapi.json');
    const ok = document.json.paths['/v1/applications/{id}/budget'].get.responses['200'];

    expect(JSON.stringify(ok)).toContain('"spentCents"');
  });
});
