import { describe, expect, it } from 'vitest';
import { decideStatusChange } from '../../shared/domain/application.ts';
import {
  checkSubmissionLimits,
  limitViolations,
  minimumOwnShareCents,
  periodMonths,
} from '../../shared/domain/submission-limits.ts';
import { draftApplication, ERFURT_RULES } from '../fixtures/applications.ts';
import { errorOf } from '../support/app-error.ts';

const none = { fundedFteMillionths: 0, addedFteMillionths: 0 };
const VBE = 1_000_000;
const within = {
  eligibleCostsCents: 25_000_000,
  ownContributionCents: 5_000_000,
  fundingPeriod: { start: '2023-01-01', end: '2025-12-31' },
};
const rulesOf = (violations: { rule: string }[]) => violations.map((violation) => violation.rule);

describe('the Bagatellgrenze: minimum eligible costs of 7.500 €', () => {
  it('lets eligible costs of exactly 7.500 € through and refuses a cent less, naming the numbers', () => {
    expect(
      limitViolations(
        { ...within, eligibleCostsCents: 750_000, ownContributionCents: 150_000 },
        ERFURT_RULES,
        none,
      ),
    ).toEqual([]);
    expect(
      limitViolations(
        { ...within, eligibleCostsCents: 749_999, ownContributionCents: 150_000 },
        ERFURT_RULES,
        none,
      ),
    ).toEqual([
      expect.objectContaining({
        rule: 'min_eligible_costs',
        path: 'eligibleCostsCents',
        limit: 750_000,
        actual: 749_999,
      }),
    ]);
  });

  it('does not apply when the programme sets none', () => {
    const { minEligibleCostsCents: _none, ...rules } = ERFURT_RULES;
    expect(
      limitViolations({ ...within, eligibleCostsCents: 1, ownContributionCents: 1 }, rules, none),
    ).toEqual([]);
  });
});

describe('the longest funding period: 36 months', () => {
  it('counts months as a funder counts a term', () => {
    expect(periodMonths({ start: '2023-01-01', end: '2023-12-31' })).toBe(12);
    expect(periodMonths({ start: '2023-01-15', end: '2026-01-14' })).toBe(36);
    expect(periodMonths({ start: '2023-01-15', end: '2026-01-15' })).toBe(37);
    expect(periodMonths({ start: '2023-03-01', end: '2023-03-01' })).toBe(1);
  });

  it('lets 36 months through and refuses 37', () => {
    expect(limitViolations(within, ERFURT_RULES, none)).toEqual([]);
    const longer = { ...within, fundingPeriod: { start: '2023-01-01', end: '2026-01-01' } };
    expect(limitViolations(longer, ERFURT_RULES, none)).toEqual([
      expect.objectContaining({ rule: 'max_funding_period', limit: 36, actual: 37 }),
    ]);
  });
});

describe('the own share: at least the programme’s 20 % of eligible costs', () => {
  it('rounds the minimum up to the cent', () => {
    expect(minimumOwnShareCents(25_000_000, 2000)).toBe(5_000_000);
    expect(minimumOwnShareCents(1_001, 2000)).toBe(201);
    expect(minimumOwnShareCents(1_000, 2000)).toBe(200);
  });

  it('lets exactly 20 % through and refuses a cent less', () => {
    expect(limitViolations({ ...within, ownContributionCents: 5_000_000 }, ERFURT_RULES, none)).toEqual([]);
    expect(limitViolations({ ...within, ownContributionCents: 4_999_999 }, ERFURT_RULES, none)).toEqual([
      expect.objectContaining({
        rule: 'min_own_share',
        path: 'ownContributionCents',
        limit: 5_000_000,
        actual: 4_999_999,
      }),
    ]);
  });
});

describe('the personnel cap: up to 4 VbE per programme', () => {
  it('lets positions through that keep the programme at 4 VbE and refuses more', () => {
    expect(
      limitViolations(within, ERFURT_RULES, { fundedFteMillionths: 3 * VBE, addedFteMillionths: VBE }),
    ).toEqual([]);
    expect(
      limitViolations(within, ERFURT_RULES, { fundedFteMillionths: 3 * VBE, addedFteMillionths: VBE + 1 }),
    ).toEqual([expect.objectContaining({ rule: 'personnel_cap', limit: 4, actual: 4.000001 })]);
  });

  it('does not hold an application with no positions to a cap others exceed', () => {
    expect(
      limitViolations(within, ERFURT_RULES, { fundedFteMillionths: 5 * VBE, addedFteMillionths: 0 }),
    ).toEqual([]);
  });
});

describe('submission against the limits', () => {
  it('names every broken rule at once in a 422', () => {
    const error = errorOf(() =>
      checkSubmissionLimits(
        {
          eligibleCostsCents: 500_000,
          ownContributionCents: 0,
          fundingPeriod: { start: '2023-01-01', end: '2027-12-31' },
        },
        ERFURT_RULES,
        none,
      ),
    );
    expect(error.kind).toBe('unprocessable');
    expect(rulesOf(error.extensions?.violations as { rule: string }[])).toEqual([
      'min_eligible_costs',
      'max_funding_period',
      'min_own_share',
    ]);
    expect(error.errors?.map((field) => field.path)).toEqual([
      'eligibleCostsCents',
      'fundingPeriod',
      'ownContributionCents',
    ]);
  });

  it('lets a draft break them, and refuses only its submission', () => {
    const tooSmall = draftApplication({
      eligibleCostsCents: 500_000,
      requestedCents: 400_000,
      ownContributionCents: 100_000,
    });
    const facts = {
      finalReportAccepted: false,
      now: new Date('2022-10-01T08:00:00Z'),
      rules: ERFURT_RULES,
      personnel: none,
    };
    expect(errorOf(() => decideStatusChange(tooSmall, { to: 'submitted' }, facts)).kind).toBe(
      'unprocessable',
    );
    expect(decideStatusChange(tooSmall, { to: 'withdrawn' }, facts).next.status).toBe('withdrawn');
  });
});
