import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/domain/errors.ts';
import {
  createPositionSchema,
  decideStaffing,
  fteSchema,
  STAFFING_TRANSITIONS,
} from '../../shared/domain/position.ts';
import { costYears, employerContributionCents } from '../../shared/domain/position-costs.ts';
import {
  fteByProgram,
  fundingEndOf,
  type LinkedFunding,
  positionWarnings,
  unfundedGaps,
} from '../../shared/domain/position-funding.ts';
import { positionRecord } from '../fixtures/positions.ts';

const funding = (overrides: Partial<LinkedFunding> = {}): LinkedFunding => ({
  applicationId: 'A1',
  shareBasisPoints: 10_000,
  planned: false,
  programId: 'PR',
  period: { start: '2023-01-01', end: '2025-12-31' },
  ...overrides,
});

const facts = { today: '2024-06-01', vacancyWarningDays: 60, programFte: [], monthlyFundedCents: 400_000 };
const codes = (warnings: { code: string }[]) => warnings.map((warning) => warning.code);

describe('FTE (VbE)', () => {
  it.each([0.05, 0.5, 0.75, 1])('accepts %s', (fte) => expect(fteSchema.safeParse(fte).success).toBe(true));
  it.each([0, -0.5, 1.05, 0.33, 0.051])('refuses %s', (fte) =>
    expect(fteSchema.safeParse(fte).success).toBe(false),
  );
});

describe('funding links', () => {
  it('refuses shares over 100 % in total', () => {
    const body = {
      title: 'X',
      fte: 1,
      payGrade: 'TVöD E 11',
      orgUnit: 'A',
      start: '2023-01-01',
      fundedBy: [
        { applicationId: '01JC0Z6XKX2P4T3C8Y5W7QF9AB', shareBasisPoints: 6000 },
        { applicationId: '01JC0Z6XKX2P4T3C8Y5W7QF9AC', shareBasisPoints: 5000 },
      ],
    };
    expect(createPositionSchema.safeParse(body).error?.issues[0]?.path).toEqual(['fundedBy']);
  });
});

describe('staffing', () => {
  it('moves planned → advertised → filled → vacant → advertised', () => {
    expect(STAFFING_TRANSITIONS).toEqual({
      planned: ['advertised'],
      advertised: ['filled'],
      filled: ['vacant'],
      vacant: ['advertised'],
    });
  });

  it('fills with a holder and records the date', () => {
    const filled = decideStaffing(positionRecord({ staffing: 'advertised', staffingSince: '2023-02-01' }), {
      to: 'filled',
      on: '2023-04-01',
      holder: { name: 'Kim Koordination', email: 'kim@erfurt.example' },
    });
    expect(filled).toMatchObject({
      staffing: 'filled',
      staffingSince: '2023-04-01',
      holder: { name: 'Kim Koordination' },
    });
  });

  it('refuses filling without a holder, and a step back in time', () => {
    const advertised = positionRecord({ staffing: 'advertised', staffingSince: '2023-02-01' });
    expect(() => decideStaffing(advertised, { to: 'filled', on: '2023-04-01' })).toThrow(AppError);
    const holder = { name: 'K', email: 'k@erfurt.example' };
    try {
      decideStaffing(advertised, { to: 'filled', on: '2023-01-01', holder });
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).errors).toEqual([
        { path: 'on', message: expect.stringContaining('last staffing step') },
      ]);
    }
  });

  it('refuses a step the rules do not allow, naming the allowed ones', () => {
    try {
      decideStaffing(positionRecord(), {
        to: 'filled',
        on: '2023-01-01',
        holder: { name: 'K', email: 'k@erfurt.example' },
      });
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).extensions).toEqual({ from: 'planned', allowed: ['advertised'] });
    }
  });
});

describe('position warnings', () => {
  it('warns when the contract runs past the end of funding', () => {
    const warnings = positionWarnings(positionRecord({ end: '2026-06-30' }), [funding()], facts);
    expect(warnings).toContainEqual(
      expect.objectContaining({
        code: 'contract_past_funding',
        fundingEnd: '2025-12-31',
        contractEnd: '2026-06-30',
      }),
    );
  });

  it('warns for an open-ended contract on fixed-term funding', () => {
    expect(codes(positionWarnings(positionRecord({ end: null }), [funding()], facts))).toContain(
      'contract_past_funding',
    );
  });

  it('gives no warning for a contract inside its funding', () => {
    expect(positionWarnings(positionRecord(), [funding()], facts)).toEqual([]);
  });

  it('finds the stretches of the term no confirmed funding covers', () => {
    const links = [funding({ period: { start: '2023-04-01', end: '2024-12-31' } })];
    expect(unfundedGaps(positionRecord(), links)).toEqual([
      { start: '2023-01-01', end: '2023-03-31' },
      { start: '2025-01-01', end: '2025-12-31' },
    ]);
    expect(codes(positionWarnings(positionRecord(), links, facts))).toContain('unfunded_gap');
  });

  it('counts planned funding as no funding and flags it', () => {
    const warnings = positionWarnings(positionRecord(), [funding({ planned: true })], facts);
    expect(codes(warnings)).toEqual(['unfunded_gap', 'planned_funding']);
  });

  it('warns when the FTE funded under a programme exceeds its cap', () => {
    const programFte = [{ programId: 'PR', programName: 'SSR', capFte: 4, fundedFteHundredths: 405 }];
    expect(codes(positionWarnings(positionRecord(), [funding()], { ...facts, programFte }))).toEqual([
      'fte_cap_exceeded',
    ]);
    const atCap = [{ ...programFte[0]!, fundedFteHundredths: 400 }];
    expect(positionWarnings(positionRecord(), [funding()], { ...facts, programFte: atCap })).toEqual([]);
  });

  it('warns about a vacancy longer than the setting, with the funding forfeited per month', () => {
    const vacant = positionRecord({ staffing: 'vacant', staffingSince: '2024-03-01' });
    expect(positionWarnings(vacant, [funding()], facts)).toContainEqual(
      expect.objectContaining({ code: 'long_vacancy', vacantDays: 92, forfeitedPerMonthCents: 400_000 }),
    );
    expect(positionWarnings(vacant, [funding()], { ...facts, today: '2024-04-30' })).toEqual([]);
  });
});

describe('FTE per programme', () => {
  it('counts each link’s share of the FTE in exact millionths', () => {
    const totals = fteByProgram(
      positionRecord({
        fte: 0.75,
        fundedBy: [
          { applicationId: 'A1', shareBasisPoints: 6000, planned: false, programId: 'SSR' },
          { applicationId: 'A2', shareBasisPoints: 4000, planned: true, programId: 'OTHER' },
        ],
      }),
      () => true,
    );
    expect(Object.fromEntries(totals)).toEqual({ SSR: 450_000, OTHER: 300_000 });
  });
});

describe('personnel costs', () => {
  it('applies the 19.975 % flat rate exactly, rounding half up to the cent', () => {
    expect(employerContributionCents(5_000_000, '19.975')).toBe(998_750);
    expect(employerContributionCents(1, '19.975')).toBe(0); // 0.19975 cent
    expect(employerContributionCents(3, '19.975')).toBe(1); // 0.59925 cent
    expect(employerContributionCents(10_001, '19.975')).toBe(1_998); // 1997.69975 cents
    expect(employerContributionCents(100, '20')).toBe(20);
  });

  it('splits the year’s cost between ESF+, Land and the city by the programme shares', () => {
    const [year] = costYears(
      [{ year: 2024, plannedGrossSalaryCents: 6_000_000 }],
      [],
      [
        {
          applicationId: 'A1',
          shareBasisPoints: 10_000,
          sources: [
            { source: 'esf_plus', shareBasisPoints: 6000 },
            { source: 'land', shareBasisPoints: 2000 },
          ],
          ownShareBasisPoints: 2000,
        },
      ],
      '19.975',
    );
    // 60 000 € + 11 985 € flat-rate contribution = 71 985 €
    expect(year).toMatchObject({
      year: 2024,
      planned: { grossCents: 6_000_000, contributionCents: 1_198_500, totalCents: 7_198_500 },
      funded: [
        { source: 'esf_plus', cents: 4_319_100 },
        { source: 'land', cents: 1_439_700 },
      ],
      ownShareCents: 1_439_700,
      unfundedCents: 0,
    });
  });

  it('uses actual costs once recorded, and leaves the unlinked share unfunded', () => {
    const [year] = costYears(
      [{ year: 2024, plannedGrossSalaryCents: 6_000_000 }],
      [
        { month: '2024-01', grossSalaryCents: 500_000 },
        { month: '2024-02', grossSalaryCents: 500_000 },
      ],
      [
        {
          applicationId: 'A1',
          shareBasisPoints: 5_000,
          sources: [{ source: 'land', shareBasisPoints: 8000 }],
          ownShareBasisPoints: 2000,
        },
      ],
      '20',
    );
    expect(year?.actual).toEqual({
      grossCents: 1_000_000,
      contributionCents: 200_000,
      totalCents: 1_200_000,
      months: 2,
    });
    expect(year).toMatchObject({
      unfundedCents: 600_000,
      funded: [{ source: 'land', cents: 480_000 }],
      ownShareCents: 120_000,
    });
  });
});

describe('the funding end: the last day confirmed funding covers', () => {
  it('is the latest end among confirmed links, in whatever order they come', () => {
    const links = [
      funding({ applicationId: 'A2', period: { start: '2025-01-01', end: '2026-06-30' } }),
      funding({ period: { start: '2023-01-01', end: '2024-12-31' } }),
    ];
    expect(fundingEndOf(links)).toBe('2026-06-30');
  });

  it('leaves out planned links and links without a period', () => {
    const links = [
      funding({ period: { start: '2023-01-01', end: '2024-12-31' } }),
      funding({ applicationId: 'A2', planned: true, period: { start: '2025-01-01', end: '2026-06-30' } }),
      funding({ applicationId: 'A3', period: null }),
    ];
    expect(fundingEndOf(links)).toBe('2024-12-31');
    expect(fundingEndOf([funding({ planned: true })])).toBeNull();
  });
});

describe('unfunded stretches of the term, to the day', () => {
  const term = (start: string, end: string | null) => ({ start, end });
  const period = (start: string, end: string) =>
    funding({ applicationId: `${start}`, period: { start, end } });

  it('finds none when funding covers the term exactly', () => {
    expect(unfundedGaps(term('2023-01-01', '2025-12-31'), [funding()])).toEqual([]);
  });

  it('finds a one-day gap on the last day of the term', () => {
    expect(unfundedGaps(term('2023-01-01', '2023-12-31'), [period('2023-01-01', '2023-12-30')])).toEqual([
      { start: '2023-12-31', end: '2023-12-31' },
    ]);
  });

  it('finds no gap where one period ends the day before the next begins, whatever their order', () => {
    const links = [period('2023-12-31', '2024-12-31'), period('2023-01-01', '2023-12-30')];
    expect(unfundedGaps(term('2023-01-01', '2023-12-31'), links)).toEqual([]);
  });

  it('counts a one-day period as covering its day', () => {
    const links = [period('2023-01-01', '2023-06-30'), period('2023-07-01', '2023-07-01')];
    expect(unfundedGaps(term('2023-01-01', '2023-07-01'), links)).toEqual([]);
  });

  it('ignores funding after the term has ended', () => {
    const links = [period('2023-01-01', '2023-12-31'), period('2025-01-01', '2025-12-31')];
    expect(unfundedGaps(term('2023-01-01', '2023-12-31'), links)).toEqual([]);
  });

  it('ignores funding that ended before the term', () => {
    const links = [period('2021-01-01', '2021-12-31'), period('2023-01-01', '2023-12-31')];
    expect(unfundedGaps(term('2023-01-01', '2023-12-31'), links)).toEqual([]);
  });

  it('leaves an open-ended term unfunded from the day funding ends', () => {
    expect(unfundedGaps(term('2023-01-01', null), [funding()])).toEqual([{ start: '2026-01-01', end: null }]);
  });

  it('counts planned funding as none', () => {
    const links = [
      period('2023-01-01', '2023-06-30'),
      funding({ planned: true, period: { start: '2023-07-01', end: '2023-12-31' } }),
    ];
    expect(unfundedGaps(term('2023-01-01', '2023-12-31'), links)).toEqual([
      { start: '2023-07-01', end: '2023-12-31' },
    ]);
  });
});

describe('each position warning says in words what is wrong', () => {
  it('says until when the contract runs and when funding ends', () => {
    const [warning] = positionWarnings(positionRecord({ end: '2026-06-30' }), [funding()], facts);
    expect(warning?.message).toBe('The contract runs until 2026-06-30, but funding ends on 2025-12-31');
    const [open] = positionWarnings(positionRecord({ end: null }), [funding()], facts);
    expect(open?.message).toBe('The contract has no end, but funding ends on 2025-12-31');
  });

  it('names the gaps, the planned funding and the programme over its cap', () => {
    const programFte = [{ programId: 'PR', programName: 'SSR', capFte: 4, fundedFteHundredths: 405 }];
    const warnings = positionWarnings(positionRecord(), [funding({ planned: true })], {
      ...facts,
      programFte,
    });
    expect(warnings).toEqual([
      {
        code: 'unfunded_gap',
        message: 'Part of the term has no confirmed funding',
        gaps: [{ start: '2023-01-01', end: '2025-12-31' }],
      },
      {
        code: 'planned_funding',
        message: 'Funding by application A1 is planned, not approved',
        applicationId: 'A1',
      },
      {
        code: 'fte_cap_exceeded',
        message: '4.05 VbE are funded under SSR, above its cap of 4',
        programId: 'PR',
      },
    ]);
  });

  it('says how long a position is vacant and what funding it forfeits, if known', () => {
    const vacant = positionRecord({ staffing: 'vacant', staffingSince: '2024-03-01' });
    expect(positionWarnings(vacant, [funding()], facts)).toEqual([
      {
        code: 'long_vacancy',
        message: 'Vacant for 92 days; funding of 400000 cents per month is not used',
        vacantDays: 92,
        forfeitedPerMonthCents: 400_000,
      },
    ]);
    const unknown = positionWarnings(vacant, [funding()], { ...facts, monthlyFundedCents: null });
    expect(unknown[0]?.message).toBe('Vacant for 92 days; funding of unknown cents per month is not used');
  });

  it('warns of a vacancy only while the position is vacant', () => {
    const filledLongAgo = positionRecord({ staffing: 'filled', staffingSince: '2023-01-01' });
    expect(positionWarnings(filledLongAgo, [funding()], facts)).toEqual([]);
  });

  it('knows no cap for a programme without one', () => {
    const programFte = [
      { programId: 'PR', programName: 'SSR', capFte: undefined, fundedFteHundredths: 9_999 },
    ];
    expect(positionWarnings(positionRecord(), [funding()], { ...facts, programFte })).toEqual([]);
  });
});

describe('personnel costs per budget year', () => {
  const link = (sources: { source: string; shareBasisPoints: number }[], ownShareBasisPoints: number) => ({
    applicationId: 'A1',
    shareBasisPoints: 10_000,
    sources,
    ownShareBasisPoints,
  });

  it('lists each year that has a plan or actual costs, in order, each with its own plan', () => {
    const years = costYears(
      [
        { year: 2025, plannedGrossSalaryCents: 6_200_000 },
        { year: 2024, plannedGrossSalaryCents: 6_000_000 },
      ],
      [{ month: '2026-01', grossSalaryCents: 520_000 }],
      [],
      '20',
    );
    expect(
      years.map((year) => [year.year, year.planned?.grossCents ?? null, year.actual.grossCents]),
    ).toEqual([
      [2024, 6_000_000, 0],
      [2025, 6_200_000, 0],
      [2026, null, 520_000],
    ]);
  });

  it('counts the actual costs of each month in its own year only', () => {
    const years = costYears(
      [
        { year: 2024, plannedGrossSalaryCents: 6_000_000 },
        { year: 2025, plannedGrossSalaryCents: 6_000_000 },
      ],
      [
        { month: '2024-12', grossSalaryCents: 500_000 },
        { month: '2025-01', grossSalaryCents: 510_000 },
        { month: '2025-02', grossSalaryCents: 510_000 },
      ],
      [],
      '20',
    );
    expect(years.map((year) => year.actual)).toEqual([
      { grossCents: 500_000, contributionCents: 100_000, totalCents: 600_000, months: 1 },
      { grossCents: 1_020_000, contributionCents: 204_000, totalCents: 1_224_000, months: 2 },
    ]);
  });

  it('gives the city its own share, not the last source’s, when a grant has several sources', () => {
    // prepare: ESF+ 60 %, Land 15 %, the city 25 % of 100 000 €
    const [year] = costYears(
      [{ year: 2024, plannedGrossSalaryCents: 10_000_000 }],
      [],
      [
        link(
          [
            { source: 'esf_plus', shareBasisPoints: 6000 },
            { source: 'land', shareBasisPoints: 1500 },
          ],
          2500,
        ),
      ],
      '0',
    );
    // assess
    expect(year).toMatchObject({
      funded: [
        { source: 'esf_plus', cents: 6_000_000 },
        { source: 'land', cents: 1_500_000 },
      ],
      ownShareCents: 2_500_000,
      unfundedCents: 0,
    });
  });

  it('applies a flat rate without decimals, and none at 0', () => {
    expect(employerContributionCents(5_000_000, '20')).toBe(1_000_000);
    expect(employerContributionCents(5_000_000, '0')).toBe(0);
    expect(employerContributionCents(5_000_000, '21.5')).toBe(1_075_000);
  });
});
