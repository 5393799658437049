import { describe, expect, it } from 'vitest';
import {
  APPLICATION_STATUSES,
  APPLICATION_TRANSITIONS,
  applyAmendment,
  checkApplication,
  decideStatusChange,
} from '../../shared/domain/application.ts';
import { checkAmendment } from '../../shared/domain/notice.ts';
import {
  approvedApplication,
  DECIDED_AT,
  draftApplication,
  decisionFacts as facts,
  noticeInput as notice,
} from '../fixtures/applications.ts';
import { errorOf } from '../support/app-error.ts';

const now = DECIDED_AT;

describe('application status machine', () => {
  const allowed: [string, string][] = [
    ['draft', 'submitted'],
    ['draft', 'withdrawn'],
    ['submitted', 'approved'],
    ['submitted', 'rejected'],
    ['submitted', 'withdrawn'],
    ['approved', 'closed'],
    ['approved', 'revoked'],
  ];

  it('allows exactly the moves of the funding rules', () => {
    const moves = APPLICATION_STATUSES.flatMap((from) =>
      APPLICATION_TRANSITIONS[from].map((to) => [from, to]),
    );
    expect(moves.sort()).toEqual(allowed.sort());
  });

  it('refuses every other move with a conflict naming the allowed ones', () => {
    const error = errorOf(() =>
      decideStatusChange(draftApplication(), { to: 'approved', notice: notice() }, facts),
    );
    expect(error.kind).toBe('conflict');
    expect(error.extensions).toEqual({ from: 'draft', allowed: ['submitted', 'withdrawn'] });
  });

  it('refuses any move out of a final status', () => {
    for (const status of ['rejected', 'withdrawn', 'closed', 'revoked'] as const) {
      expect(
        errorOf(() => decideStatusChange(draftApplication({ status }), { to: 'submitted' }, facts)).kind,
      ).toBe('conflict');
    }
  });

  it('submits a draft', () => {
    expect(decideStatusChange(draftApplication(), { to: 'submitted' }, facts).next.status).toBe('submitted');
  });
});

describe('approval needs a grant notice', () => {
  const submitted = draftApplication({ status: 'submitted' });

  it('refuses approval without a notice', () => {
    const error = errorOf(() => decideStatusChange(submitted, { to: 'approved' }, facts));
    expect(error.kind).toBe('validation');
    expect(error.errors?.[0]?.path).toBe('notice');
  });

  it('refuses an approved amount above the requested one', () => {
    const error = errorOf(() =>
      decideStatusChange(submitted, { to: 'approved', notice: notice({ approvedCents: 20_000_001 }) }, facts),
    );
    expect(error.errors?.[0]?.path).toBe('notice.approvedCents');
  });

  it('refuses a notice period outside the requested one', () => {
    const period = { start: '2022-12-01', end: '2025-12-31' };
    const error = errorOf(() =>
      decideStatusChange(submitted, { to: 'approved', notice: notice({ fundingPeriod: period }) }, facts),
    );
    expect(error.errors?.[0]?.path).toBe('notice.fundingPeriod');
  });

  it('refuses explicit budget years that do not add up to the approval', () => {
    const budgetYears = [
      { year: 2023, approvedCents: 1 },
      { year: 2024, approvedCents: 1 },
      { year: 2025, approvedCents: 1 },
    ];
    const error = errorOf(() =>
      decideStatusChange(submitted, { to: 'approved', notice: notice({ budgetYears }) }, facts),
    );
    expect(error.errors?.[0]?.message).toContain('add up');
  });

  it('approves with notice version 1 and makes the whole approval available', () => {
    const decision = decideStatusChange(submitted, { to: 'approved', notice: notice() }, facts);
    expect(decision.next).toMatchObject({
      status: 'approved',
      approvedCents: 19_000_000,
      availableCents: 19_000_000,
    });
    expect(decision.notice).toMatchObject({ version: 1, kind: 'grant', reference: 'TLVwA-SSR-2022-0815' });
  });

  it('refuses a notice on any other move', () => {
    expect(
      errorOf(() => decideStatusChange(submitted, { to: 'rejected', notice: notice() }, facts)).kind,
    ).toBe('validation');
  });
});

describe('after approval', () => {
  const approved = approvedApplication({ calledCents: 5_000_000, calledByYear: { '2023': 5_000_000 } });

  it('closes only once the final statement of use is accepted', () => {
    expect(errorOf(() => decideStatusChange(approved, { to: 'closed' }, facts)).kind).toBe('conflict');
    expect(
      decideStatusChange(approved, { to: 'closed' }, { ...facts, finalReportAccepted: true }).next.status,
    ).toBe('closed');
  });

  it('revokes only with a repayment claim, which it records', () => {
    expect(errorOf(() => decideStatusChange(approved, { to: 'revoked' }, facts)).kind).toBe('validation');
    const decision = decideStatusChange(approved, { to: 'revoked', repaymentClaimCents: 5_000_000 }, facts);
    expect(decision.next).toMatchObject({ status: 'revoked', repaymentClaimCents: 5_000_000 });
  });

  it('amends to an amount no lower than what was already called', () => {
    expect(
      errorOf(() => checkAmendment(approved, notice({ approvedCents: 4_999_999 }))).errors?.[0]?.path,
    ).toBe('approvedCents');
    const years = [
      { year: 2023, approvedCents: 5_000_000 },
      { year: 2024, approvedCents: 0 },
      { year: 2025, approvedCents: 0 },
    ];
    expect(
      checkAmendment(approved, notice({ approvedCents: 5_000_000, date: '2024-01-01', budgetYears: years })),
    ).toEqual(years);
  });

  it('refuses an amendment of an application that is not approved', () => {
    expect(errorOf(() => applyAmendment(draftApplication(), notice(), now)).kind).toBe('conflict');
  });
});

describe('costs against the programme', () => {
  it('requires requested + own contribution = eligible costs when the programme says so', () => {
    const error = errorOf(() =>
      checkApplication(
        { eligibleCostsCents: 100, requestedCents: 80, ownContributionCents: 10 },
        { requireBalancedCosts: true },
      ),
    );
    expect(error.errors?.[0]?.path).toBe('ownContributionCents');
    expect(() =>
      checkApplication(
        { eligibleCostsCents: 100, requestedCents: 80, ownContributionCents: 10 },
        { requireBalancedCosts: false },
      ),
    ).not.toThrow();
  });

  it('never lets the request exceed the eligible costs', () => {
    const error = errorOf(() =>
      checkApplication(
        { eligibleCostsCents: 100, requestedCents: 101, ownContributionCents: 0 },
        { requireBalancedCosts: false },
      ),
    );
    expect(error.errors?.[0]?.path).toBe('requestedCents');
  });
});
