import { beforeAll, describe, expect, it } from 'vitest';
import { fundingRulesApi } from '../support/funding-rules.ts';
import { dataOf } from '../support/test-api.ts';

// A position's cost items (the plan of a budget year, the actual costs of a month) are created
// without If-Match, but every replace names the version it read: none → 428, a stale one → 412,
// and a refused replace changes nothing.

let ctx: Awaited<ReturnType<typeof fundingRulesApi>>;
let grantId: string;

beforeAll(async () => {
  ctx = await fundingRulesApi('2024-06-01T08:00:00Z');
  grantId = (await ctx.steps.approved(ctx.programId)).id;
});

const header = (etag: string | undefined) => (etag === undefined ? {} : { 'if-match': etag });

interface CostItemKind {
  /** Puts the item with an If-Match (if given); asserts nothing. */
  put: (positionId: string, etag: string | undefined, grossCents: number) => Promise<{ response: Response }>;
  /** The gross amount the costs view shows for the item. */
  shown: (positionId: string) => Promise<number | undefined>;
  action: string;
  field: string;
}

const KINDS: [string, CostItemKind][] = [
  [
    'plan of a budget year (PUT …/cost-plan/2024)',
    {
      put: (id, etag, grossCents) =>
        ctx.steps.anna.PUT('/v1/positions/{id}/cost-plan/{year}', {
          params: { path: { id, year: 2024 }, header: header(etag) },
          body: { plannedGrossSalaryCents: grossCents },
        }),
      shown: async (id) =>
        (await ctx.read.costs(id)).years.find((year) => year.year === 2024)?.planned?.grossCents,
      action: 'cost_plan',
      field: 'plannedGrossSalaryCents',
    },
  ],
  [
    'actual costs of a month (PUT …/costs/2024-03)',
    {
      put: (id, etag, grossCents) =>
        ctx.steps.anna.PUT('/v1/positions/{id}/costs/{month}', {
          params: { path: { id, month: '2024-03' }, header: header(etag) },
          body: { grossSalaryCents: grossCents },
        }),
      shown: async (id) =>
        (await ctx.read.costs(id)).years.find((year) => year.year === 2024)?.actual.grossCents,
      action: 'actual_cost',
      field: 'grossSalaryCents',
    },
  ],
];

const historyOf = async (positionId: string, action: string) =>
  dataOf(
    await ctx.viewer.GET('/v1/positions/{id}/history', { params: { path: { id: positionId } } }),
  ).items.filter((entry) => entry.action === action);

describe('every replace of a cost item takes If-Match', () => {
  it.each(KINDS)(
    'creates the %s without If-Match, and replaces it only at its current version',
    async (_kind, kind) => {
      const position = await ctx.act.position(grantId);

      const created = await kind.put(position.id, undefined, 480_000);
      const missing = await kind.put(position.id, undefined, 500_000);
      const stale = await kind.put(position.id, '"2"', 500_000);
      const afterRefusals = {
        shown: await kind.shown(position.id),
        history: await historyOf(position.id, kind.action),
      };
      const replaced = await kind.put(position.id, '"1"', 500_000);

      expect(created.response.status).toBe(200);
      expect(created.response.headers.get('etag')).toBe('"1"');
      expect(missing.response.status).toBe(428);
      expect(missing.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(stale.response.status).toBe(412);
      expect(afterRefusals.shown).toBe(480_000);
      expect(afterRefusals.history).toHaveLength(1);

      expect(replaced.response.status).toBe(200);
      expect(replaced.response.headers.get('etag')).toBe('"2"');
      expect(await kind.shown(position.id)).toBe(500_000);
      const history = await historyOf(position.id, kind.action);
      expect(history).toHaveLength(2);
      expect(history[1]?.changes).toContainEqual({ field: kind.field, from: 480_000, to: 500_000 });
    },
  );

  it.each(KINDS)('refuses a stale If-Match on the %s after it was replaced once', async (_kind, kind) => {
    const position = await ctx.act.position(grantId);
    await kind.put(position.id, undefined, 480_000);
    expect((await kind.put(position.id, '"1"', 500_000)).response.status).toBe(200);

    const stale = await kind.put(position.id, '"1"', 520_000);

    expect(stale.response.status).toBe(412);
    expect(await kind.shown(position.id)).toBe(500_000);
    expect(await historyOf(position.id, kind.action)).toHaveLength(2);
  });
});

describe('the costs view tells the version a replace of a year’s plan names', () => {
  it('gives each year its plan’s version (null without a plan), which If-Match then takes', async () => {
    const position = await ctx.act.position(grantId);
    const plan = KINDS[0]![1];
    const actual = KINDS[1]![1];
    const planVersion = async () =>
      (await ctx.read.costs(position.id)).years.find((year) => year.year === 2024)?.planVersion;
    await actual.put(position.id, undefined, 300_000);
    expect(await planVersion()).toBeNull();

    await plan.put(position.id, undefined, 480_000);
    expect(await planVersion()).toBe(1);
    const replaced = await plan.put(position.id, `"${await planVersion()}"`, 500_000);

    expect(replaced.response.status).toBe(200);
    expect(await planVersion()).toBe(2);
  });
});
