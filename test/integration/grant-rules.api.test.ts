import { beforeAll, describe, expect, it } from 'vitest';
import { ERFURT_RULES, erfurtNotice } from '../fixtures/applications.ts';
import { fundingRulesApi, type ProgramPatch } from '../support/funding-rules.ts';

// The notice is the law of the grant: the programme's rules in force when the notice is issued
// govern it, a later change of the programme does not reach back, and an amendment changes only
// what it states.

let ctx: Awaited<ReturnType<typeof fundingRulesApi>>;

beforeAll(async () => {
  ctx = await fundingRulesApi('2023-06-15T08:00:00Z');
});

/** What the admin makes of the programme after the first grant: every rule a notice copies, changed. */
const NEW_RULES = {
  sources: [
    { source: 'esf_plus', shareBasisPoints: 5000 },
    { source: 'land', shareBasisPoints: 3000 },
  ],
  ownShareBasisPoints: 2000,
  fundsUseWithin: { amount: 6, unit: 'weeks' },
  interimReportDue: { month: 6, day: 30 },
  finalReportWithin: { amount: 3, unit: 'months', counting: 'same_day' },
  socialContributionFlatRate: '21.5',
} satisfies ProgramPatch;

/** A call of 10 000 € on 1 March 2023: the funder's money split by the sources, the city matching by its share. */
const CALL = { amountCents: 1_000_000, calledOn: '2023-03-01' };
// ESF+ 60 : Land 20 = 3 : 1 of the call; the city adds 20/80 of it. Spend by 1 March + 2 months.
const OLD_CALL = {
  spendBy: '2023-05-01',
  split: {
    sources: [
      { source: 'esf_plus', cents: 750_000 },
      { source: 'land', cents: 250_000 },
    ],
    ownShareCents: 250_000,
  },
};
// ESF+ 50 : Land 30 = 5 : 3 of the call; the city still adds 20/80. Spend by 1 March + 42 days.
const NEW_CALL = {
  spendBy: '2023-04-12',
  split: {
    sources: [
      { source: 'esf_plus', cents: 625_000 },
      { source: 'land', cents: 375_000 },
    ],
    ownShareCents: 250_000,
  },
};

// Period 2023–2025: interim reports for 2023 and 2024, the final one after 31 Dec 2025.
const OLD_REPORT_DATES = { 'interim-2023': '2024-04-30', 'interim-2024': '2025-04-30', final: '2026-06-30' };
const NEW_REPORT_DATES = { 'interim-2023': '2024-06-30', 'interim-2024': '2025-06-30', final: '2026-03-31' };

// A post planned at 54 000 € gross in 2023, funded wholly by the grant.
const GROSS_2023 = 5_400_000;
// + 19.975 % = 64 786,50 €: ESF+ 60 %, Land 20 %, city 20 %.
const OLD_COSTS = {
  flatRate: '19.975',
  year: {
    planned: { grossCents: GROSS_2023, contributionCents: 1_078_650, totalCents: 6_478_650 },
    funded: [
      { source: 'esf_plus', cents: 3_887_190 },
      { source: 'land', cents: 1_295_730 },
    ],
    ownShareCents: 1_295_730,
  },
};
// + 21.5 % = 65 610 €: ESF+ 50 %, Land 30 %, city 20 %.
const NEW_COSTS = {
  flatRate: '21.5',
  year: {
    planned: { grossCents: GROSS_2023, contributionCents: 1_161_000, totalCents: 6_561_000 },
    funded: [
      { source: 'esf_plus', cents: 3_280_500 },
      { source: 'land', cents: 1_968_300 },
    ],
    ownShareCents: 1_312_200,
  },
};

const reportDates = async (applicationId: string) =>
  Object.fromEntries((await ctx.read.reports(applicationId)).map((report) => [report.id, report.dueOn]));

/** A post funded by the application, planned for 2023. */
async function fundedPost(applicationId: string) {
  const position = await ctx.act.position(applicationId);
  await ctx.act.planned(position.id, 2023, GROSS_2023);
  return position;
}

const costsOf = async (positionId: string) => {
  const costs = await ctx.read.costs(positionId);
  return { flatRate: costs.flatRate, year: costs.years.find((year) => year.year === 2023) };
};

describe('the grant notice fixes the rules: a later change of the programme does not reach back', () => {
  it('keeps a grant approved before the change at its notice: split, spend-by window, reports, flat rate', async () => {
    const programId = await ctx.steps.program();
    const grant = await ctx.steps.approved(programId);
    const position = await fundedPost(grant.id);
    expect(await reportDates(grant.id)).toEqual(OLD_REPORT_DATES);

    await ctx.act.editedProgram(programId, NEW_RULES);
    const call = await ctx.act.called(grant.id, CALL);

    expect(call).toMatchObject(OLD_CALL);
    expect(await ctx.read.calls(grant.id)).toEqual([expect.objectContaining(OLD_CALL)]);
    expect(await reportDates(grant.id)).toEqual(OLD_REPORT_DATES);
    expect((await ctx.read.application(grant.id)).notice?.rules).toEqual(ERFURT_RULES);
    expect(await costsOf(position.id)).toMatchObject(OLD_COSTS);
  });

  it('gives an application approved after the change the new rules, and splits by them', async () => {
    const programId = await ctx.steps.program();
    await ctx.act.editedProgram(programId, NEW_RULES);

    const grant = await ctx.steps.approved(programId);
    const position = await fundedPost(grant.id);
    const call = await ctx.act.called(grant.id, CALL);

    expect(grant.notice?.rules).toEqual({ ...ERFURT_RULES, ...NEW_RULES });
    expect(call).toMatchObject(NEW_CALL);
    expect(await reportDates(grant.id)).toEqual(NEW_REPORT_DATES);
    expect(await costsOf(position.id)).toMatchObject(NEW_COSTS);
  });
});

describe('an amendment keeps the rules of the notice it amends and changes only what it states', () => {
  it('keeps the old rules in an amendment made after the programme changed', async () => {
    const programId = await ctx.steps.program();
    const grant = await ctx.steps.approved(programId);
    await ctx.act.editedProgram(programId, NEW_RULES);

    const amended = await ctx.act.amended(
      grant.id,
      grant.version,
      erfurtNotice({ date: '2023-05-02', reference: 'TLVwA-SSR-2022-0815-Ä1', approvedCents: 19_500_000 }),
    );
    const call = await ctx.act.called(grant.id, CALL);

    expect(amended.notice).toMatchObject({ version: 2, kind: 'amendment', approvedCents: 19_500_000 });
    expect(amended.notice?.rules).toEqual(ERFURT_RULES);
    expect(call).toMatchObject(OLD_CALL);
    // The amendment rescheduled the reports by its rules: still the old dates.
    expect(await reportDates(grant.id)).toEqual(OLD_REPORT_DATES);
  });

  it('changes only the rule an amendment states (the spending window); later calls use it', async () => {
    const programId = await ctx.steps.program();
    const grant = await ctx.steps.approved(programId);
    await ctx.act.editedProgram(programId, NEW_RULES);
    const before = await ctx.act.called(grant.id, CALL);

    const thirtyDays = { amount: 30, unit: 'days' } as const;
    const amended = await ctx.act.amended(
      grant.id,
      (await ctx.read.application(grant.id)).version,
      erfurtNotice({
        date: '2023-05-02',
        reference: 'TLVwA-SSR-2022-0815-Ä1',
        rules: { fundsUseWithin: thirtyDays },
      }),
    );
    const after = await ctx.act.called(grant.id, CALL);

    expect(amended.notice?.rules).toEqual({ ...ERFURT_RULES, fundsUseWithin: thirtyDays });
    expect(before).toMatchObject(OLD_CALL);
    // 1 March + 30 days; still split 60 : 20 : 20 (not the programme's 50 : 30 : 20).
    expect(after).toMatchObject({ ...OLD_CALL, spendBy: '2023-03-31' });
    expect(await reportDates(grant.id)).toEqual(OLD_REPORT_DATES);
  });
});
