import { beforeAll, describe, expect, it } from 'vitest';
import type { RequestBody } from '../../client/index.ts';
import { fundingRulesApi, ifMatch } from '../support/funding-rules.ts';

// Sozialstrategierichtlinie 2.1: a Bagatellgrenze of 7.500 € eligible costs, projects of up to
// 36 months, an own share of at least 20 %, up to 4 VbE of personnel. A draft may break them;
// a submission may not (422 naming each rule with its limit and the actual number).

let ctx: Awaited<ReturnType<typeof fundingRulesApi>>;
let programId: string;

beforeAll(async () => {
  ctx = await fundingRulesApi('2022-10-15T08:00:00Z');
  programId = ctx.programId;
});

type Draft = Partial<RequestBody<'/v1/applications', 'post'>>;

/** Submits as Anna through the raw client: the 422 carries `violations`, which the Problem schema does not declare. */
const submit = (id: string, version: number) =>
  ctx.steps.finance.post(`/v1/applications/${id}/status`, { to: 'submitted' }, ifMatch(version));

// Each draft breaks one limit by the least amount; requested + own = eligible, as the programme asks.
const BREAKS: [string, Draft, number, number][] = [
  [
    'min_eligible_costs',
    { eligibleCostsCents: 749_999, requestedCents: 599_999, ownContributionCents: 150_000 },
    750_000,
    749_999,
  ],
  // 1 Jan 2023 – 1 Jan 2026 runs into a 37th month.
  ['max_funding_period', { fundingPeriod: { start: '2023-01-01', end: '2026-01-01' } }, 36, 37],
  // 20 % of 250 000 € is 50 000 €; one cent less.
  [
    'min_own_share',
    { eligibleCostsCents: 25_000_000, requestedCents: 20_000_001, ownContributionCents: 4_999_999 },
    5_000_000,
    4_999_999,
  ],
];

// Each draft sits exactly on one limit (the Erfurt draft, 250 000 € for 2023–2025 with 20 %, on two).
const AT_THE_LIMITS: [string, Draft][] = [
  [
    '7.500 € eligible costs',
    { eligibleCostsCents: 750_000, requestedCents: 600_000, ownContributionCents: 150_000 },
  ],
  ['36 months, 2023-01-01 to 2025-12-31', { fundingPeriod: { start: '2023-01-01', end: '2025-12-31' } }],
  [
    'an own share of exactly 20 %',
    { eligibleCostsCents: 25_000_000, requestedCents: 20_000_000, ownContributionCents: 5_000_000 },
  ],
];

describe('programme limits are checked at submission, not before', () => {
  it.each(BREAKS)(
    'lets a draft breaking %s be created and edited, but refuses its submission with 422',
    async (rule, draft, limit, actual) => {
      const created = await ctx.steps.draft(programId, draft);
      const edited = await ctx.steps.anna.PATCH('/v1/applications/{id}', {
        params: { path: { id: created.id }, header: ifMatch(1) },
        body: { title: 'Quartiersplanungskoordination Erfurt (überarbeitet)' },
      });
      expect(edited.response.status).toBe(200);
      const historyBefore = await ctx.read.history(created.id);

      const refused = await submit(created.id, 2);

      expect(refused.status).toBe(422);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.json.violations).toEqual([
        { rule, path: expect.any(String), message: expect.any(String), limit, actual },
      ]);
      expect(await ctx.read.application(created.id)).toMatchObject({ status: 'draft', version: 2 });
      expect(await ctx.read.history(created.id)).toEqual(historyBefore);
    },
  );

  it('names every limit a submission breaks at once', async () => {
    const created = await ctx.steps.draft(programId, {
      eligibleCostsCents: 700_000,
      requestedCents: 600_000,
      ownContributionCents: 100_000,
      fundingPeriod: { start: '2023-01-01', end: '2026-06-30' },
    });

    const refused = await submit(created.id, 1);

    expect(refused.status).toBe(422);
    expect(refused.json.violations).toEqual([
      expect.objectContaining({ rule: 'min_eligible_costs', limit: 750_000, actual: 700_000 }),
      expect.objectContaining({ rule: 'max_funding_period', limit: 36, actual: 42 }),
      expect.objectContaining({ rule: 'min_own_share', limit: 140_000, actual: 100_000 }),
    ]);
    expect(await ctx.read.application(created.id)).toMatchObject({ status: 'draft', version: 1 });
  });

  it.each(AT_THE_LIMITS)('accepts the submission of a draft with %s', async (_case, draft) => {
    const created = await ctx.steps.draft(programId, draft);

    const submitted = await submit(created.id, 1);

    expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
    expect(submitted.json).toMatchObject({ status: 'submitted', version: 2 });
  });
});

describe('the personnel cap (4 VbE) is checked at submission, counting what is submitted or approved', () => {
  /** A draft with `posts` full-time positions linked to it as planned funding; at its current version. */
  async function draftWithPosts(capped: string, posts: number) {
    const draft = await ctx.steps.draft(capped);
    for (let post = 0; post < posts; post++) await ctx.act.position(draft.id, { planned: true });
    return ctx.read.application(draft.id);
  }
  const fundedFte = (capped: string) => ctx.api.deps.store.positions.fundedFteHundredths(capped);

  it('refuses the submission that would push the programme over 4 VbE, and accepts one that stays within', async () => {
    const capped = await ctx.steps.program();
    const first = await draftWithPosts(capped, 3);
    const second = await draftWithPosts(capped, 2);
    const third = await draftWithPosts(capped, 1);
    // Six VbE are linked to drafts, and a draft counts nothing yet.
    expect(await fundedFte(capped)).toBe(0);

    const firstAnswer = await submit(first.id, first.version);
    const secondAnswer = await submit(second.id, second.version);
    const thirdAnswer = await submit(third.id, third.version);

    expect(firstAnswer.status).toBe(200);
    // 3 VbE counted + 2 = 5 > 4.
    expect(secondAnswer.status).toBe(422);
    expect(secondAnswer.json.violations).toEqual([
      expect.objectContaining({ rule: 'personnel_cap', limit: 4, actual: 5 }),
    ]);
    expect(await ctx.read.application(second.id)).toMatchObject({ status: 'draft', version: second.version });
    // 3 VbE counted + 1 = 4, exactly the cap.
    expect(thirdAnswer.status).toBe(200);
    expect(await fundedFte(capped)).toBe(400);
  });
});
