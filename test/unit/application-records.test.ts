import { describe, expect, it } from 'vitest';
import {
  applyAmendment,
  applyApplicationUpdate,
  checkApplication,
  createApplicationSchema,
  decideStatusChange,
  newApplication,
} from '../../shared/domain/application.ts';
import {
  approvedApplication,
  DECIDED_AT,
  draftApplication,
  erfurtApplicationBody,
  decisionFacts as facts,
  noticeInput as notice,
} from '../fixtures/applications.ts';
import { errorOf } from '../support/app-error.ts';

const PROGRAM = '01JC0Z6XKX2P4T3C8Y5W7QF9AC';
const ANNA = { name: 'Anna Finanz', email: 'anna.finanz@erfurt.example' };
const BERND = { name: 'Bernd Kasse', email: 'bernd.kasse@erfurt.example' };
const now = DECIDED_AT;

describe('a new application is a draft with nothing approved or called', () => {
  it('starts as a draft, version 1, with no notice and no money', () => {
    const body = createApplicationSchema.parse(erfurtApplicationBody(PROGRAM));
    const created = newApplication({ ...body, owner: ANNA }, { id: 'A1', now });
    expect(created).toEqual({
      ...body,
      owner: ANNA,
      id: 'A1',
      version: 1,
      createdAt: '2023-01-10T09:00:00.000Z',
      updatedAt: '2023-01-10T09:00:00.000Z',
      status: 'draft',
      notice: null,
      approvedCents: 0,
      calledCents: 0,
      availableCents: 0,
      calledByYear: {},
      remainingByYear: {},
      repaymentClaimCents: null,
    });
  });

  it('has no submission deadline unless one is given', () => {
    const body = createApplicationSchema.parse(
      erfurtApplicationBody(PROGRAM, { submissionDeadline: undefined }),
    );
    expect(newApplication({ ...body, owner: ANNA }, { id: 'A1', now }).submissionDeadline).toBeNull();
  });
});

describe('only a draft can be edited', () => {
  it('changes what the patch names and keeps the rest', () => {
    const draft = draftApplication();
    expect(applyApplicationUpdate(draft, { title: 'Neu', requestedCents: 19_000_000 })).toEqual({
      ...draft,
      title: 'Neu',
      requestedCents: 19_000_000,
    });
  });

  it('clears the submission deadline with null and keeps it when not named', () => {
    const draft = draftApplication();
    expect(applyApplicationUpdate(draft, { submissionDeadline: null }).submissionDeadline).toBeNull();
    expect(applyApplicationUpdate(draft, { submissionDeadline: '2022-11-30' }).submissionDeadline).toBe(
      '2022-11-30',
    );
    expect(applyApplicationUpdate(draft, { title: 'Neu' }).submissionDeadline).toBe('2022-10-31');
  });

  it('hands the application to a new owner, or keeps the owner', () => {
    expect(applyApplicationUpdate(draftApplication(), { owner: BERND }).owner).toEqual(BERND);
    expect(applyApplicationUpdate(draftApplication(), { title: 'Neu' }).owner).toEqual(ANNA);
  });

  it('refuses to edit an application past draft, saying what it is', () => {
    expect(errorOf(() => applyApplicationUpdate(approvedApplication(), { title: 'Neu' }))).toMatchObject({
      kind: 'conflict',
      message: 'Only a draft can be edited; this application is approved',
    });
  });
});

describe('the costs of an application', () => {
  const free = { requireBalancedCosts: false };
  const balanced = { requireBalancedCosts: true };

  it('may request exactly the eligible costs, and not a cent more', () => {
    expect(() =>
      checkApplication({ eligibleCostsCents: 100, requestedCents: 100, ownContributionCents: 0 }, free),
    ).not.toThrow();
    expect(
      errorOf(() =>
        checkApplication({ eligibleCostsCents: 100, requestedCents: 101, ownContributionCents: 0 }, free),
      ),
    ).toMatchObject({
      kind: 'validation',
      message: 'The application is not valid',
      errors: [{ path: 'requestedCents', message: 'must not exceed the eligible costs' }],
    });
  });

  it('balances requested + own contribution against the eligible costs when the programme says so', () => {
    expect(() =>
      checkApplication({ eligibleCostsCents: 100, requestedCents: 80, ownContributionCents: 20 }, balanced),
    ).not.toThrow();
    expect(
      errorOf(() =>
        checkApplication({ eligibleCostsCents: 100, requestedCents: 80, ownContributionCents: 21 }, balanced),
      ).errors,
    ).toEqual([
      {
        path: 'ownContributionCents',
        message: 'requested + own contribution must equal the eligible costs under this programme',
      },
    ]);
  });

  it('names every broken rule at once', () => {
    const error = errorOf(() =>
      checkApplication({ eligibleCostsCents: 100, requestedCents: 101, ownContributionCents: 0 }, balanced),
    );
    expect(error.errors?.map((entry) => entry.path)).toEqual(['requestedCents', 'ownContributionCents']);
  });
});

describe('a status change takes only what its move needs', () => {
  const submitted = draftApplication({ status: 'submitted' });
  const approved = approvedApplication();

  it('refuses a move the table does not allow, saying from where to where', () => {
    expect(errorOf(() => decideStatusChange(draftApplication(), { to: 'closed' }, facts))).toMatchObject({
      kind: 'conflict',
      message: 'An application cannot go from draft to closed',
      extensions: { from: 'draft', allowed: ['submitted', 'withdrawn'] },
    });
  });

  it('takes a notice only with an approval', () => {
    expect(
      errorOf(() => decideStatusChange(submitted, { to: 'rejected', notice: notice() }, facts)),
    ).toMatchObject({
      kind: 'validation',
      message: 'The application is not valid',
      errors: [{ path: 'notice', message: 'only an approval takes a notice' }],
    });
  });

  it('takes a repayment claim only with a revocation', () => {
    expect(
      errorOf(() => decideStatusChange(approved, { to: 'closed', repaymentClaimCents: 0 }, facts)),
    ).toMatchObject({
      kind: 'validation',
      errors: [{ path: 'repaymentClaimCents', message: 'only a revocation takes a repayment claim' }],
    });
  });

  it('revokes only with the repayment claim recorded, also a claim of nothing', () => {
    expect(errorOf(() => decideStatusChange(approved, { to: 'revoked' }, facts))).toMatchObject({
      kind: 'validation',
      errors: [{ path: 'repaymentClaimCents', message: 'a revocation records the repayment claim' }],
    });
    const revoked = decideStatusChange(approved, { to: 'revoked', repaymentClaimCents: 0 }, facts);
    expect(revoked).toEqual({ next: { ...approved, status: 'revoked', repaymentClaimCents: 0 } });
  });

  it('closes only after the final statement of use is accepted, naming the moves allowed', () => {
    expect(errorOf(() => decideStatusChange(approved, { to: 'closed' }, facts))).toMatchObject({
      kind: 'conflict',
      message: 'An application is closed only after its final statement of use is accepted',
      extensions: { from: 'approved', allowed: ['closed', 'revoked'] },
    });
    expect(decideStatusChange(approved, { to: 'closed' }, { ...facts, finalReportAccepted: true })).toEqual({
      next: { ...approved, status: 'closed' },
    });
  });

  it('withdraws a draft and changes nothing else', () => {
    const draft = draftApplication();
    expect(decideStatusChange(draft, { to: 'withdrawn' }, facts)).toEqual({
      next: { ...draft, status: 'withdrawn' },
    });
  });

  it('checks the programme’s limits on submission', () => {
    const small = draftApplication({
      eligibleCostsCents: 749_999,
      requestedCents: 500_000,
      ownContributionCents: 249_999,
    });
    expect(errorOf(() => decideStatusChange(small, { to: 'submitted' }, facts))).toMatchObject({
      kind: 'unprocessable',
      extensions: { violations: [{ rule: 'min_eligible_costs', limit: 750_000, actual: 749_999 }] },
    });
    expect(decideStatusChange(small, { to: 'withdrawn' }, facts).next.status).toBe('withdrawn');
  });
});

describe('an amendment needs an approved application with a notice in force', () => {
  it('refuses an application that is not approved, saying what it is', () => {
    expect(
      errorOf(() => applyAmendment(draftApplication({ status: 'submitted' }), notice(), now)),
    ).toMatchObject({
      kind: 'conflict',
      message: 'Only an approved application can be amended; this one is submitted',
    });
  });

  it('refuses an approved application without a notice', () => {
    const noNotice = approvedApplication({ notice: null });
    expect(errorOf(() => applyAmendment(noNotice, notice(), now)).kind).toBe('conflict');
  });

  it('makes available exactly the new approval less what was called, and per year likewise', () => {
    const called = approvedApplication({ calledCents: 5_000_000, calledByYear: { '2023': 5_000_000 } });
    const budgetYears = [
      { year: 2023, approvedCents: 5_000_000 },
      { year: 2024, approvedCents: 4_000_000 },
      { year: 2025, approvedCents: 1_000_000 },
    ];
    const { next, notice: amended } = applyAmendment(
      called,
      notice({ date: '2024-01-01', approvedCents: 10_000_000, budgetYears }),
      now,
    );
    expect(next).toMatchObject({
      approvedCents: 10_000_000,
      calledCents: 5_000_000,
      availableCents: 5_000_000,
      remainingByYear: { '2023': 0, '2024': 4_000_000, '2025': 1_000_000 },
    });
    expect(amended).toMatchObject({ version: 2, kind: 'amendment', budgetYears });
  });
});
