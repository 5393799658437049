import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/domain/errors.ts';
import {
  createPositionSchema,
  decideStaffing,
  fteSchema,
  type Position,
  STAFFING_TRANSITIONS,
} from '../../shared/domain/position.ts';
import { costYears, employerContributionCents } from '../../shared/domain/position-costs.ts';
import {
  fteByProgram,
  type LinkedFunding,
  positionWarnings,
  unfundedGaps,
} from '../../shared/domain/position-funding.ts';

const position = (overrides: Partial<Position> = {}): Position => ({
  id: 'P1',
  version: 1,
  createdAt: '2022-12-01T00:00:00Z',
  updatedAt: '2022-12-01T00:00:00Z',
  title: 'Quartiersplanungskoordination',
  fte: 1,
  payGrade: 'TVöD E 11',
  payStep: null,
  orgUnit: 'Sozialplanung',
  start: '2023-01-01',
  end: '2025-12-31',
  owner: { name: 'Anna Finanz', email: 'anna@erfurt.example' },
  fundedBy: [{ applicationId: 'A1', shareBasisPoints: 10_000, planned: false, programId: 'PR' }],
  staffing: 'planned',
  staffingSince: null,
  holder: null,
  ...overrides,
});

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
    const filled = decideStaffing(position({ staffing: 'advertised', staffingSince: '2023-02-01' }), {
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
    const advertised = position({ staffing: 'advertised', staffingSince: '2023-02-01' });
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
      decideStaffing(position(), {
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
    const warnings = positionWarnings(position({ end: '2026-06-30' }), [funding()], facts);
    expect(warnings).toContainEqual(
      expect.objectContaining({
        code: 'contract_past_funding',
        fundingEnd: '2025-12-31',
        contractEnd: '2026-06-30',
      }),
    );
  });

  it('warns for an open-ended contract on fixed-term funding', () => {
    expect(codes(positionWarnings(position({ end: null }), [funding()], facts))).toContain(
      'contract_past_funding',
    );
  });

  it('gives no warning for a contract inside its funding', () => {
    expect(positionWarnings(position(), [funding()], facts)).toEqual([]);
  });

  it('finds the stretches of the term no confirmed funding covers', () => {
    const links = [funding({ period: { start: '2023-04-01', end: '2024-12-31' } })];
    expect(unfundedGaps(position(), links)).toEqual([
      { start: '2023-01-01', end: '2023-03-31' },
      { start: '2025-01-01', end: '2025-12-31' },
    ]);
    expect(codes(positionWarnings(position(), links, facts))).toContain('unfunded_gap');
  });

  it('counts planned funding as no funding and flags it', () => {
    const warnings = positionWarnings(position(), [funding({ planned: true })], facts);
    expect(codes(warnings)).toEqual(['unfunded_gap', 'planned_funding']);
  });

  it('warns when the FTE funded under a programme exceeds its cap', () => {
    const programFte = [{ programId: 'PR', programName: 'SSR', capFte: 4, fundedFteHundredths: 405 }];
    expect(codes(positionWarnings(position(), [funding()], { ...facts, programFte }))).toEqual([
      'fte_cap_exceeded',
    ]);
    const atCap = [{ ...programFte[0]!, fundedFteHundredths: 400 }];
    expect(positionWarnings(position(), [funding()], { ...facts, programFte: atCap })).toEqual([]);
  });

  it('warns about a vacancy longer than the setting, with the funding forfeited per month', () => {
    const vacant = position({ staffing: 'vacant', staffingSince: '2024-03-01' });
    expect(positionWarnings(vacant, [funding()], facts)).toContainEqual(
      expect.objectContaining({ code: 'long_vacancy', vacantDays: 92, forfeitedPerMonthCents: 400_000 }),
    );
    expect(positionWarnings(vacant, [funding()], { ...facts, today: '2024-04-30' })).toEqual([]);
  });
});

describe('FTE per programme', () => {
  it('counts each link’s share of the FTE in exact millionths', () => {
    const totals = fteByProgram(
      position({
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
