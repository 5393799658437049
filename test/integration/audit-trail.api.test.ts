import { beforeAll, describe, expect, it } from 'vitest';
import { erfurtNotice } from '../fixtures/applications.ts';
import { fundingRulesApi } from '../support/funding-rules.ts';
import { dataOf } from '../support/test-api.ts';

// Every change is an immutable history entry that keeps the values: who, when, and for every
// field the change moved what it was and what it became, so an auditor reads the numbers.

const NOW = '2024-02-01T09:00:00.000Z';
const ANNA = 'anna.finanz@erfurt.example';
let ctx: Awaited<ReturnType<typeof fundingRulesApi>>;

beforeAll(async () => {
  ctx = await fundingRulesApi(NOW);
});

describe('history entries keep old and new values', () => {
  it('records an amendment from 190 000 € to 195 000 € with both amounts, the actor and the time', async () => {
    const grant = await ctx.steps.approved(ctx.programId);

    await ctx.act.amended(
      grant.id,
      grant.version,
      erfurtNotice({ date: '2024-01-15', reference: 'TLVwA-SSR-2022-0815-Ä1', approvedCents: 19_500_000 }),
    );

    const amendment = (await ctx.read.history(grant.id)).filter((entry) => entry.action === 'amendment');
    expect(amendment).toHaveLength(1);
    expect(amendment[0]).toMatchObject({ at: NOW, actor: { email: ANNA } });
    expect(amendment[0]?.changes).toEqual(
      expect.arrayContaining([
        { field: 'approvedCents', from: 19_000_000, to: 19_500_000 },
        { field: 'availableCents', from: 19_000_000, to: 19_500_000 },
        {
          field: 'notice',
          from: expect.objectContaining({ version: 1, approvedCents: 19_000_000 }),
          to: expect.objectContaining({ version: 2, approvedCents: 19_500_000 }),
        },
      ]),
    );
  });

  it('records the old and the new title of an edited draft, and nothing that did not change', async () => {
    const draft = await ctx.steps.draft(ctx.programId);

    const edited = await ctx.steps.anna.PATCH('/v1/applications/{id}', {
      params: { path: { id: draft.id }, header: { 'if-match': '"1"' } },
      body: { title: 'Quartierskoordination Erfurt-Nord' },
    });

    expect(edited.response.status).toBe(200);
    const update = (await ctx.read.history(draft.id)).find((entry) => entry.action === 'update');
    expect(update).toMatchObject({ at: NOW, actor: { email: ANNA } });
    expect(update?.changes).toEqual([
      {
        field: 'title',
        from: 'Quartiersplanungskoordination Erfurt',
        to: 'Quartierskoordination Erfurt-Nord',
      },
    ]);
  });

  it('records a status change with the status it left and the one it reached', async () => {
    const draft = await ctx.steps.draft(ctx.programId);

    await ctx.steps.move(draft.id, 1, { to: 'submitted', note: 'eingereicht' });

    const status = (await ctx.read.history(draft.id)).find((entry) => entry.action === 'status');
    expect(status).toMatchObject({ from: 'draft', to: 'submitted', note: 'eingereicht' });
    expect(status?.changes).toContainEqual({ field: 'status', from: 'draft', to: 'submitted' });
  });

  it('records a programme change with the old and the new value of each rule it moved', async () => {
    const programId = await ctx.steps.program();

    await ctx.act.editedProgram(programId, {
      fundsUseWithin: { amount: 6, unit: 'weeks' },
      socialContributionFlatRate: '21.5',
    });

    const history = await ctx.admin.GET('/v1/programs/{id}/history', { params: { path: { id: programId } } });
    const update = dataOf(history).items.find((entry) => entry.action === 'update');
    expect(update).toMatchObject({ at: NOW, actor: { email: 'chef@erfurt.example' } });
    expect(update?.changes).toHaveLength(2);
    expect(update?.changes).toEqual(
      expect.arrayContaining([
        { field: 'fundsUseWithin', from: { amount: 2, unit: 'months' }, to: { amount: 6, unit: 'weeks' } },
        { field: 'socialContributionFlatRate', from: '19.975', to: '21.5' },
      ]),
    );
  });
});
