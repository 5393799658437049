import { describe, expect, it } from 'vitest';
import { applyAmendment } from '../../shared/domain/application.ts';
import {
  checkAmendment,
  checkGrantNotice,
  issueNotice,
  type NoticeInput,
  remainingByYear,
} from '../../shared/domain/notice.ts';
import { approvedApplication, ERFURT_RULES, erfurtNotice } from '../fixtures/applications.ts';
import { errorOf } from '../support/app-error.ts';

const now = new Date('2024-02-01T09:00:00Z');
const notice = (overrides = {}) => erfurtNotice(overrides) as NoticeInput;
const grant = (input: NoticeInput, rules = ERFURT_RULES) =>
  issueNotice(input, { rules, version: 1, kind: 'grant', now });

describe('the grant notice fixes the rules of the grant', () => {
  it('takes the rules it starts from into the notice, with what it states differently', () => {
    const issued = grant(notice({ rules: { fundsUseWithin: { amount: 6, unit: 'weeks' } } }));
    expect(issued.rules).toEqual({ ...ERFURT_RULES, fundsUseWithin: { amount: 6, unit: 'weeks' } });
    expect(grant(notice()).rules).toEqual(ERFURT_RULES);
  });

  it('refuses stated shares that do not add up to 100 %, or a source named twice', () => {
    const shares = errorOf(() => grant(notice({ rules: { ownShareBasisPoints: 1000 } })));
    expect(shares.errors).toEqual([
      { path: 'rules.sources', message: 'source shares and own share must add up to 10000' },
    ]);
    const twice = errorOf(() =>
      grant(
        notice({
          rules: {
            sources: [
              { source: 'land', shareBasisPoints: 4000 },
              { source: 'land', shareBasisPoints: 4000 },
            ],
          },
        }),
      ),
    );
    expect(twice.errors?.map((error) => error.message)).toEqual(['each source may appear once']);
  });

  it('records the version, kind and moment it was issued', () => {
    expect(grant(notice())).toMatchObject({ version: 1, kind: 'grant', recordedAt: now.toISOString() });
  });
});

describe('an amendment keeps the rules of the notice it amends', () => {
  const approved = approvedApplication();
  const amendment = notice({ date: '2024-02-01', reference: 'Ä1', approvedCents: 19_500_000 });

  it('keeps every rule it does not state', () => {
    const { notice: amended } = applyAmendment(
      {
        ...approved,
        notice: { ...approved.notice!, rules: { ...ERFURT_RULES, socialContributionFlatRate: '21' } },
      },
      amendment,
      now,
    );
    expect(amended?.rules.socialContributionFlatRate).toBe('21');
    expect(amended).toMatchObject({ version: 2, kind: 'amendment', approvedCents: 19_500_000 });
  });

  it('changes only the rules it states', () => {
    const { notice: amended } = applyAmendment(
      approved,
      { ...amendment, rules: { fundsUseWithin: { amount: 3, unit: 'months' } } },
      now,
    );
    expect(amended?.rules).toEqual({ ...ERFURT_RULES, fundsUseWithin: { amount: 3, unit: 'months' } });
  });

  it('makes available what the new approval leaves after what was called', () => {
    const called = approvedApplication({ calledCents: 5_000_000, calledByYear: { '2023': 5_000_000 } });
    const { next } = applyAmendment(called, amendment, now);
    expect(next.availableCents).toBe(14_500_000);
    expect(next.approvedCents).toBe(19_500_000);
    expect(next.remainingByYear['2023']).toBe((next.notice?.budgetYears[0]?.approvedCents ?? 0) - 5_000_000);
  });
});

describe('budget years (Haushaltsjahre) of a notice', () => {
  it('splits an approval without stated years pro rata by days, to the cent', () => {
    const years = grant(notice()).budgetYears;
    expect(years.map((entry) => entry.year)).toEqual([2023, 2024, 2025]);
    expect(years.reduce((sum, entry) => sum + entry.approvedCents, 0)).toBe(19_000_000);
    // 365 : 366 : 365 days of 1 096
    expect(years.map((entry) => entry.approvedCents)).toEqual([6_327_555, 6_344_890, 6_327_555]);
  });

  it('keeps stated years', () => {
    const budgetYears = [
      { year: 2023, approvedCents: 9_000_000 },
      { year: 2024, approvedCents: 5_000_000 },
      { year: 2025, approvedCents: 5_000_000 },
    ];
    expect(grant(notice({ budgetYears })).budgetYears).toEqual(budgetYears);
  });

  it('refuses stated years that are not the period’s, in order, or do not add up', () => {
    const wrongYears = [
      { year: 2024, approvedCents: 19_000_000 },
      { year: 2023, approvedCents: 0 },
      { year: 2025, approvedCents: 0 },
    ];
    expect(
      errorOf(() => checkGrantNotice(approvedApplication(), notice({ budgetYears: wrongYears }))).errors,
    ).toEqual([{ path: 'notice.budgetYears', message: 'must list the years 2023, 2024, 2025 in order' }]);
    const short = [
      { year: 2023, approvedCents: 1 },
      { year: 2024, approvedCents: 0 },
      { year: 2025, approvedCents: 0 },
    ];
    expect(
      errorOf(() => checkGrantNotice(approvedApplication(), notice({ budgetYears: short }))).errors,
    ).toEqual([{ path: 'notice.budgetYears', message: 'must add up to the approved amount' }]);
  });

  it('refuses an amendment approving less for a year than was called in it', () => {
    const called = approvedApplication({ calledCents: 7_000_000, calledByYear: { '2023': 7_000_000 } });
    const budgetYears = [
      { year: 2023, approvedCents: 6_999_999 },
      { year: 2024, approvedCents: 6_000_001 },
      { year: 2025, approvedCents: 6_000_000 },
    ];
    const error = errorOf(() => checkAmendment(called, notice({ date: '2024-01-01', budgetYears })));
    expect(error.errors?.[0]).toMatchObject({ path: 'budgetYears' });
    expect(error.errors?.[0]?.message).toContain('2023');
    const exactly = budgetYears.map((entry) =>
      entry.year === 2023
        ? { ...entry, approvedCents: 7_000_000 }
        : entry.year === 2024
          ? { ...entry, approvedCents: 6_000_000 }
          : entry,
    );
    expect(checkAmendment(called, notice({ date: '2024-01-01', budgetYears: exactly }))).toEqual(exactly);
  });

  it('refuses an amendment below what was called in all, or dated before the notice it amends', () => {
    const called = approvedApplication({ calledCents: 5_000_000, calledByYear: { '2023': 5_000_000 } });
    expect(
      errorOf(() => checkAmendment(called, notice({ approvedCents: 4_999_999, date: '2024-01-01' })))
        .errors?.[0]?.path,
    ).toBe('approvedCents');
    expect(errorOf(() => checkAmendment(called, notice({ date: '2022-12-14' }))).errors?.[0]?.path).toBe(
      'date',
    );
    expect(() =>
      checkAmendment(
        called,
        notice({
          approvedCents: 5_000_000,
          date: '2022-12-15',
          budgetYears: [
            { year: 2023, approvedCents: 5_000_000 },
            { year: 2024, approvedCents: 0 },
            { year: 2025, approvedCents: 0 },
          ],
        }),
      ),
    ).not.toThrow();
  });

  it('leaves per year what the approval of the year has after its calls', () => {
    const years = [
      { year: 2023, approvedCents: 100 },
      { year: 2024, approvedCents: 50 },
    ];
    expect(remainingByYear(years, { '2023': 30 })).toEqual({ '2023': 70, '2024': 50 });
  });
});
