import { beforeAll, describe, expect, it } from 'vitest';
import { erfurtNotice } from '../fixtures/applications.ts';
import { fundingRulesApi } from '../support/funding-rules.ts';

// A position's money and the programme's VbE cap follow its applications as they stand now:
// only an approved grant pays (by its notice's rules), and the cap counts links to submitted or
// approved applications only. Nothing about the position itself has to change for that.

let ctx: Awaited<ReturnType<typeof fundingRulesApi>>;

beforeAll(async () => {
  ctx = await fundingRulesApi('2024-06-01T08:00:00Z');
});

const GROSS_2023 = 5_400_000;
/** 54 000 € gross in 2023 with nothing paying: no flat rate, no share, all of it unfunded. */
const UNFUNDED = {
  flatRate: '0',
  year: {
    planned: { grossCents: GROSS_2023, contributionCents: 0, totalCents: GROSS_2023 },
    funded: [],
    ownShareCents: 0,
    unfundedCents: GROSS_2023,
  },
};
/** The same under the approved grant: + 19.975 % = 64 786,50 €, ESF+ 60 %, Land 20 %, city 20 %. */
const FUNDED = {
  flatRate: '19.975',
  year: {
    planned: { grossCents: GROSS_2023, contributionCents: 1_078_650, totalCents: 6_478_650 },
    funded: [
      { source: 'esf_plus', cents: 3_887_190 },
      { source: 'land', cents: 1_295_730 },
    ],
    ownShareCents: 1_295_730,
    unfundedCents: 0,
  },
};

const costsOf = async (positionId: string) => {
  const costs = await ctx.read.costs(positionId);
  return { flatRate: costs.flatRate, year: costs.years.find((year) => year.year === 2023) };
};
const warningCodes = (position: { warnings: { code: string }[] }) => position.warnings.map((w) => w.code);
const fundedFte = (programId: string) => ctx.api.deps.store.positions.fundedFteHundredths(programId);

describe("a funded position's money follows its applications", () => {
  it('pays nothing while submitted, its shares and flat rate once approved, nothing after revocation', async () => {
    const draft = await ctx.steps.draft(ctx.programId);
    await ctx.act.moveNow(draft.id, { to: 'submitted' });
    const position = await ctx.act.position(draft.id, { planned: true });
    await ctx.act.planned(position.id, 2023, GROSS_2023);
    const submittedCosts = await costsOf(position.id);

    await ctx.act.moveNow(draft.id, { to: 'approved', notice: erfurtNotice() });
    const approvedCosts = await costsOf(position.id);
    await ctx.act.moveNow(draft.id, { to: 'revoked', repaymentClaimCents: 0, note: 'Widerruf' });
    const revokedCosts = await costsOf(position.id);

    expect(submittedCosts).toMatchObject(UNFUNDED);
    expect(approvedCosts).toMatchObject(FUNDED);
    expect(revokedCosts).toMatchObject(UNFUNDED);
    // The position itself never changed: its money follows from the application alone.
    expect((await ctx.read.position(position.id)).version).toBe(position.version);
  });
});

describe("the programme's VbE total counts links to submitted or approved applications only", () => {
  it('counts nothing for a draft, counts on submission, and takes it off on rejection, withdrawal or revocation', async () => {
    const capped = await ctx.steps.program();
    const rejected = await ctx.steps.draft(capped);
    const withdrawn = await ctx.steps.draft(capped);
    const revoked = await ctx.steps.draft(capped);
    await ctx.act.position(rejected.id, { planned: true });
    await ctx.act.position(withdrawn.id, { planned: true, fte: 0.5 });
    await ctx.act.position(revoked.id, { planned: true, fte: 0.75 });
    const totals: number[] = [await fundedFte(capped)];
    const moveAndCount = async (id: string, body: Parameters<typeof ctx.act.moveNow>[1]) => {
      await ctx.act.moveNow(id, body);
      totals.push(await fundedFte(capped));
    };

    await moveAndCount(rejected.id, { to: 'submitted' });
    await moveAndCount(withdrawn.id, { to: 'submitted' });
    await moveAndCount(revoked.id, { to: 'submitted' });
    await moveAndCount(revoked.id, { to: 'approved', notice: erfurtNotice() });
    await moveAndCount(rejected.id, { to: 'rejected' });
    await moveAndCount(withdrawn.id, { to: 'withdrawn' });
    await moveAndCount(revoked.id, { to: 'revoked', repaymentClaimCents: 0 });

    // In hundredths of a VbE: drafts 0; + 1.0, + 0.5, + 0.75 on submission; approval keeps it;
    // rejection − 1.0, withdrawal − 0.5, revocation − 0.75.
    expect(totals).toEqual([0, 100, 150, 225, 225, 125, 75, 0]);
  });

  it('shows the cap warning only when counted links exceed 4 VbE, and drops it when the grant is revoked', async () => {
    const capped = await ctx.steps.program();
    const grant = await ctx.steps.approved(capped);
    for (let post = 0; post < 4; post++) await ctx.act.position(grant.id);
    const draft = await ctx.steps.draft(capped);
    const plannedOnDraft = await ctx.act.position(draft.id, { planned: true });

    const second = await ctx.steps.approved(capped);
    const fifth = await ctx.act.position(second.id);
    await ctx.act.moveNow(second.id, { to: 'revoked', repaymentClaimCents: 0 });
    const fifthAfterRevocation = await ctx.read.position(fifth.id);

    // 4 VbE approved, and the draft's post adds nothing: at the cap, not above it.
    expect(warningCodes(plannedOnDraft)).not.toContain('fte_cap_exceeded');
    expect(warningCodes(fifth)).toContain('fte_cap_exceeded');
    expect(warningCodes(fifthAfterRevocation)).not.toContain('fte_cap_exceeded');
    expect(await fundedFte(capped)).toBe(400);
  });
});
