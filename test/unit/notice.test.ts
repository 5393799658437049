import { describe, expect, it } from 'vitest';
import { applyAmendment } from '../../shared/domain/application.ts';
import {
  checkAmendment,
  checkGrantNotice,
  issueNotice,
  type NoticeInput,
  remainingByYear,
} from '../../shared/domain/notice.ts';
import {
  approvedApplication,
  draftApplication,
  ERFURT_RULES,
  erfurtNotice,
} from '../fixtures/applications.ts';
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
    expect(twice.errors).toEqual([{ path: 'rules.sources', message: 'each source may appear once' }]);
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

describe('a grant notice within the application, exactly', () => {
  const requested = draftApplication({ status: 'submitted' });

  it('may approve exactly the requested amount for exactly the requested period', () => {
    const input = notice({ approvedCents: 20_000_000 });
    expect(checkGrantNotice(requested, input)).toBe(input);
  });

  it('refuses a period that ends after the requested one', () => {
    const later = notice({ fundingPeriod: { start: '2023-01-01', end: '2026-01-01' } });
    expect(errorOf(() => checkGrantNotice(requested, later))).toMatchObject({
      kind: 'validation',
      message: 'The application is not valid',
      errors: [{ path: 'notice.fundingPeriod', message: 'must lie inside the requested funding period' }],
    });
  });

  it('says what is missing or too much', () => {
    expect(errorOf(() => checkGrantNotice(requested, undefined)).errors).toEqual([
      { path: 'notice', message: 'approval needs the grant notice' },
    ]);
    expect(errorOf(() => checkGrantNotice(requested, notice({ approvedCents: 20_000_001 }))).errors).toEqual([
      { path: 'notice.approvedCents', message: 'must not exceed the requested amount' },
    ]);
  });

  it('says in the problem that the notice is not valid when its shares do not add up', () => {
    expect(errorOf(() => grant(notice({ rules: { ownShareBasisPoints: 1000 } })))).toMatchObject({
      kind: 'validation',
      message: 'The notice is not valid',
    });
  });
});

describe('an amendment never approves less than was called, exactly', () => {
  const called = approvedApplication({
    calledCents: 6_000_000,
    calledByYear: { '2023': 5_000_000, '2024': 1_000_000 },
  });
  const years = (y2023: number, y2024: number, y2025: number) => [
    { year: 2023, approvedCents: y2023 },
    { year: 2024, approvedCents: y2024 },
    { year: 2025, approvedCents: y2025 },
  ];

  it('says in the problem what was called and what would be approved', () => {
    const error = errorOf(() =>
      checkAmendment(
        called,
        notice({ approvedCents: 5_999_999, date: '2024-01-01', budgetYears: years(5_000_000, 999_999, 0) }),
      ),
    );
    expect(error).toMatchObject({
      kind: 'validation',
      message: 'The amendment is not valid',
      errors: [{ path: 'approvedCents', message: 'must not be below the 6000000 cents already called' }],
    });
  });

  it('checks each year against the calls of that year', () => {
    const error = errorOf(() =>
      checkAmendment(called, notice({ date: '2024-01-01', budgetYears: years(18_000_001, 999_999, 0) })),
    );
    expect(error.errors).toEqual([
      {
        path: 'budgetYears',
        message:
          '2024: 1000000 cents are called already, more than the 999999 cents this would approve for 2024',
      },
    ]);
  });

  it('approves nothing for a year the new period leaves out, so calls in it refuse the amendment', () => {
    const later = notice({ date: '2024-01-01', fundingPeriod: { start: '2024-01-01', end: '2025-12-31' } });
    expect(errorOf(() => checkAmendment(called, later)).errors).toEqual([
      {
        path: 'budgetYears',
        message: '2023: 5000000 cents are called already, more than the 0 cents this would approve for 2023',
      },
    ]);
  });

  it('judges the years one by one only when they are stated correctly', () => {
    const error = errorOf(() =>
      checkAmendment(called, notice({ date: '2024-01-01', budgetYears: years(1, 1, 1) })),
    );
    expect(error.errors).toEqual([{ path: 'budgetYears', message: 'must add up to the approved amount' }]);
  });

  it('may be dated on the day of the notice it amends, not a day before', () => {
    expect(() => checkAmendment(called, notice({ date: '2022-12-15' }))).not.toThrow();
    expect(errorOf(() => checkAmendment(called, notice({ date: '2022-12-14' }))).errors).toEqual([
      { path: 'date', message: 'must not be before the previous notice' },
    ]);
  });
});
