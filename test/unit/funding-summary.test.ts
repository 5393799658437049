import { describe, expect, it } from 'vitest';
import { APPLICATION_STATUSES } from '../../shared/domain/application.ts';
import { PUBLISHED_BASE_RATES } from '../../shared/domain/base-rates.ts';
import { DEFAULT_EVENT_KINDS, type Deadline } from '../../shared/domain/deadline.ts';
import {
  applicationSummary,
  coFinancing,
  countsAsGrant,
  deadlineOverview,
  deadlinesByApplication,
  figuresByYear,
  grantTotals,
  positionSummary,
  vacancyLossCents,
} from '../../shared/domain/funding-summary.ts';
import type { FundsCall } from '../../shared/domain/funds-call.ts';
import { interestCents } from '../../shared/domain/interest.ts';
import type { Position } from '../../shared/domain/position.ts';
import type { CostYear } from '../../shared/domain/position-costs.ts';
import { approvedApplication, draftApplication, ERFURT_RULES } from '../fixtures/applications.ts';

const TODAY = '2024-06-01';
const rates = PUBLISHED_BASE_RATES;
const grant = approvedApplication({
  calledCents: 11_000_000,
  availableCents: 8_000_000,
  calledByYear: { '2023': 5_000_000, '2024': 6_000_000 },
});

const call = (id: string, overrides: Partial<FundsCall>): FundsCall => ({
  id,
  version: 1,
  createdAt: '2023-03-01T08:00:00Z',
  updatedAt: '2023-03-01T08:00:00Z',
  applicationId: grant.id,
  amountCents: 0,
  budgetYear: 2023,
  calledOn: '2023-03-01',
  receivedOn: null,
  spent: [],
  spentOn: null,
  spendBy: '2023-05-01',
  spendByExplicit: false,
  note: null,
  ...overrides,
});
const calls = [
  call('C1', { amountCents: 5_000_000, spent: [{ on: '2023-04-20', amountCents: 5_000_000 }] }),
  call('C2', {
    amountCents: 6_000_000,
    budgetYear: 2024,
    calledOn: '2024-03-01',
    receivedOn: '2024-03-05',
    spendBy: '2024-05-05',
    spent: [{ on: '2024-04-30', amountCents: 2_500_000 }],
  }),
];

const deadline = (overrides: Partial<Deadline>): Deadline => ({
  id: `${grant.id}.x`,
  kind: 'interim_report',
  dueOn: '2024-04-30',
  subject: { type: 'application', id: grant.id, title: grant.title },
  owner: grant.owner,
  status: 'open',
  ...overrides,
});
const overdueSpendBy = deadline({
  id: `${grant.id}.spend_by.C2`,
  kind: 'spend_by',
  dueOn: '2024-05-05',
  amountCents: 3_500_000,
  interestFrom: '2024-03-05',
});
const interim = deadline({ id: `${grant.id}.interim_report.2024`, dueOn: '2025-04-30' });
const soon = deadline({
  id: 'TASK.task_due',
  kind: 'task_due',
  dueOn: '2024-07-01',
  subject: { type: 'task', id: 'T', title: 'Aufgabe' },
});
const tooLate = deadline({
  id: 'TASK2.task_due',
  kind: 'task_due',
  dueOn: '2024-07-02',
  subject: { type: 'task', id: 'T2', title: 'Aufgabe 2' },
});

describe('a grant in the summary: approved, called, spent and still to call', () => {
  it('adds up what its calls used, takes called and approved from the grant, and splits them by budget year', () => {
    const summary = applicationSummary(grant, calls, [overdueSpendBy, interim], TODAY, rates);
    expect(summary).toMatchObject({
      approvedCents: 19_000_000,
      calledCents: 11_000_000,
      spentCents: 7_500_000,
      remainingCents: 8_000_000,
    });
    expect(summary.years.map(({ year, calledCents, spentCents }) => [year, calledCents, spentCents])).toEqual(
      [
        [2023, 5_000_000, 5_000_000],
        [2024, 6_000_000, 2_500_000],
        [2025, 0, 0],
      ],
    );
  });

  it('names its earliest open deadline, an overdue one first, and the interest its overdue money draws', () => {
    const summary = applicationSummary(grant, calls, [interim, overdueSpendBy], TODAY, rates);
    expect(summary.nextDeadline).toEqual({ id: overdueSpendBy.id, kind: 'spend_by', dueOn: '2024-05-05' });
    expect(summary.interestAtRiskCents).toBe(interestCents(3_500_000, '2024-03-05', TODAY, rates));
  });

  it('takes only its own deadlines from all open ones: not another application’s, not another record’s of the same id', () => {
    const otherGrantSpendBy = deadline({
      id: 'OTHER.spend_by.C9',
      kind: 'spend_by',
      dueOn: '2024-02-01',
      subject: { type: 'application', id: 'OTHER', title: 'Anderer Antrag' },
      amountCents: 1_000_000,
      interestFrom: '2024-01-01',
    });
    const taskOfSameId = deadline({
      id: 'T.task_due',
      kind: 'task_due',
      dueOn: '2024-01-15',
      subject: { type: 'task', id: grant.id, title: 'Aufgabe' },
    });
    const summary = applicationSummary(
      grant,
      calls,
      [otherGrantSpendBy, interim, taskOfSameId, overdueSpendBy],
      TODAY,
      rates,
    );
    expect(summary.nextDeadline).toEqual({ id: overdueSpendBy.id, kind: 'spend_by', dueOn: '2024-05-05' });
    expect(summary.interestAtRiskCents).toBe(interestCents(3_500_000, '2024-03-05', TODAY, rates));
  });

  it('groups open deadlines by their application, leaving out other records’ ones', () => {
    const grouped = deadlinesByApplication([overdueSpendBy, soon, interim]);
    expect([...grouped.keys()]).toEqual([grant.id]);
    expect(grouped.get(grant.id)).toEqual([overdueSpendBy, interim]);
  });

  it('shows a draft with nothing approved and the period it asks for', () => {
    const summary = applicationSummary(draftApplication(), [], [], TODAY, rates);
    expect(summary).toMatchObject({
      approvedCents: 0,
      calledCents: 0,
      spentCents: 0,
      years: [],
      nextDeadline: null,
    });
    expect(summary.fundingPeriod).toEqual({ start: '2023-01-01', end: '2025-12-31' });
  });
});

describe('the totals count only grants that pay', () => {
  it('adds approved and closed grants, per budget year too, and leaves out drafts and revoked ones', () => {
    const one = applicationSummary(grant, calls, [overdueSpendBy], TODAY, rates);
    const closed = { ...one, id: 'B', status: 'closed' as const };
    const revoked = { ...one, id: 'C', status: 'revoked' as const };
    const draft = applicationSummary(draftApplication(), [], [], TODAY, rates);
    const totals = grantTotals([one, closed, revoked, draft]);
    expect(totals).toMatchObject({
      approvedCents: 38_000_000,
      calledCents: 22_000_000,
      spentCents: 15_000_000,
      remainingCents: 16_000_000,
      interestAtRiskCents: 2 * one.interestAtRiskCents,
    });
    expect(totals.byYear.map((year) => [year.year, year.calledCents])).toEqual([
      [2023, 10_000_000],
      [2024, 12_000_000],
      [2025, 0],
    ]);
  });
});

describe('which grants pay', () => {
  it('counts approved and closed grants, no other status', () => {
    expect(APPLICATION_STATUSES.filter(countsAsGrant)).toEqual(['approved', 'closed']);
  });

  it('puts the budget years in order, whatever order the grants list them in', () => {
    const one = applicationSummary(grant, calls, [], TODAY, rates);
    const reversed = { ...one, years: [...one.years].reverse() };
    // The notice's 19 000 000 split by days: 2023 and 2025 365/1096, 2024 366/1096 of it.
    expect(
      figuresByYear([reversed]).map((year) => [year.year, year.approvedCents, year.calledCents]),
    ).toEqual([
      [2023, 6_327_555, 5_000_000],
      [2024, 6_344_890, 6_000_000],
      [2025, 6_327_555, 0],
    ]);
  });
});

describe('co-financing by source, each grant by its own notice', () => {
  it('splits the approval ESF+ 60 : Land 20 with the city matching 20/80, and each call by its own split', () => {
    expect(coFinancing([{ application: grant, calls }])).toEqual([
      { source: 'esf_plus', approvedCents: 14_250_000, calledCents: 8_250_000 },
      { source: 'land', approvedCents: 4_750_000, calledCents: 2_750_000 },
      { source: 'own', approvedCents: 4_750_000, calledCents: 2_750_000 },
    ]);
  });

  it('uses the rules the notice keeps, not the programme’s', () => {
    const landOnly = approvedApplication();
    landOnly.notice = {
      ...landOnly.notice!,
      rules: {
        ...ERFURT_RULES,
        sources: [{ source: 'land', shareBasisPoints: 9000 }],
        ownShareBasisPoints: 1000,
      },
    };
    expect(coFinancing([{ application: landOnly, calls: [] }])).toEqual([
      { source: 'land', approvedCents: 19_000_000, calledCents: 0 },
      { source: 'own', approvedCents: 2_111_111, calledCents: 0 },
    ]);
  });
});

describe('co-financing without a notice, or with calls only', () => {
  it('leaves out an application without a notice and still shows the city’s own line', () => {
    expect(coFinancing([{ application: draftApplication(), calls: [] }])).toEqual([
      { source: 'own', approvedCents: 0, calledCents: 0 },
    ]);
    expect(
      coFinancing([
        { application: draftApplication(), calls: [] },
        { application: grant, calls },
      ]),
    ).toEqual(coFinancing([{ application: grant, calls }]));
  });

  it('keeps a source that has calls but nothing approved', () => {
    const nothingApproved = approvedApplication({ approvedCents: 0 });
    // 40 € called: ESF+ 3/4, Land 1/4, the city 20/80 of it.
    expect(
      coFinancing([{ application: nothingApproved, calls: [call('C3', { amountCents: 4_000 })] }]),
    ).toEqual([
      { source: 'esf_plus', approvedCents: 0, calledCents: 3_000 },
      { source: 'land', approvedCents: 0, calledCents: 1_000 },
      { source: 'own', approvedCents: 0, calledCents: 1_000 },
    ]);
  });
});

describe('deadlines that need someone now', () => {
  const policy = { eventKinds: DEFAULT_EVENT_KINDS };
  it('lists overdue ones and those of the next 30 days, and sums the interest on overdue money', () => {
    const done = deadline({ id: 'D', dueOn: '2024-05-01', status: 'done' });
    const overview = deadlineOverview([tooLate, interim, soon, overdueSpendBy, done], TODAY, rates, policy);
    expect(overview.overdue.map((one) => one.id)).toEqual([overdueSpendBy.id]);
    expect(overview.upcoming.map((one) => one.id)).toEqual(['TASK.task_due']);
    expect(overview.interestAtRiskCents).toBe(interestCents(3_500_000, '2024-03-05', TODAY, rates));
  });

  it('never counts an event past its day as overdue: the end of a funding period has happened', () => {
    const periodEnded = deadline({ id: 'END', kind: 'funding_period_end', dueOn: '2024-04-01' });
    const overview = deadlineOverview([periodEnded, overdueSpendBy], TODAY, rates, policy);
    expect(overview.overdue.map((one) => one.id)).toEqual([overdueSpendBy.id]);
    expect(deadlineOverview([periodEnded], TODAY, rates, { eventKinds: [] }).overdue).toEqual([periodEnded]);
  });

  it('leaves out done ones in the next 30 days too, and sorts by day, then by id', () => {
    const done = deadline({ id: 'DONE', dueOn: '2024-06-10', status: 'done' });
    const laterB = deadline({ id: 'B', dueOn: '2024-06-20' });
    const laterA = deadline({ id: 'A', dueOn: '2024-06-20' });
    const first = deadline({ id: 'Z', dueOn: '2024-06-05' });
    const overview = deadlineOverview([laterB, done, laterA, first], TODAY, rates, policy);
    expect(overview.upcoming.map((one) => one.id)).toEqual(['Z', 'A', 'B']);
  });

  it('counts today as upcoming, not overdue', () => {
    const today = deadline({ id: 'TODAY', dueOn: TODAY });
    expect(deadlineOverview([today], TODAY, rates, policy)).toMatchObject({ overdue: [], upcoming: [today] });
  });
});

const costYear = (year: number, fundedCents: number): CostYear => ({
  year,
  planned: null,
  actual: { grossCents: 0, contributionCents: 0, totalCents: 0, months: 0 },
  funded: [
    { source: 'esf_plus', cents: (fundedCents * 3) / 4 },
    { source: 'land', cents: fundedCents / 4 },
  ],
  ownShareCents: 99_999,
  unfundedCents: 0,
});

describe('the funding a vacancy leaves unused', () => {
  it('is the funded share of the year’s costs per day of the vacancy, without the city’s own share', () => {
    // 2023 has 365 days: 36 500 € funded is 100 € a day; 10 days.
    expect(vacancyLossCents([costYear(2023, 3_650_000)], '2023-05-01', '2023-05-11')).toBe(100_000);
  });

  it('counts each year by its own costs and days, leap years too, rounded once', () => {
    const years = [costYear(2023, 3_650_000), costYear(2024, 7_320_000)];
    // 30 and 31 December at 100 €, 1 and 2 January 2024 (of 366 days) at 200 €.
    expect(vacancyLossCents(years, '2023-12-30', '2024-01-03')).toBe(2 * 10_000 + 2 * 20_000);
    expect(vacancyLossCents(years, '2024-01-03', '2024-01-03')).toBe(0);
  });

  it('counts 2000 as a leap year and 2100 as none', () => {
    // 36 600 € over 366 days and 36 500 € over 365 days are 100 € a day each; 10 days.
    expect(vacancyLossCents([costYear(2000, 3_660_000)], '2000-03-01', '2000-03-11')).toBe(100_000);
    expect(vacancyLossCents([costYear(2100, 3_650_000)], '2100-03-01', '2100-03-11')).toBe(100_000);
  });

  it('takes nothing from the years before and after the vacancy', () => {
    const years = [costYear(2023, 3_650_000), costYear(2024, 7_320_000), costYear(2025, 3_650_000)];
    // 10 days of 2024 at 200 €.
    expect(vacancyLossCents(years, '2024-03-01', '2024-03-11')).toBe(200_000);
  });

  it('rounds the sum across years once, not each year', () => {
    // 1 € over 365 days plus 1 € over 366 days, one day each: 0.27 + 0.27 = 0.55 cents → 1 cent (each alone would be 0).
    expect(vacancyLossCents([costYear(2023, 100), costYear(2024, 100)], '2023-12-31', '2024-01-02')).toBe(1);
  });

  it('is nothing for a year without costs', () => {
    expect(vacancyLossCents([], '2023-01-01', '2024-01-01')).toBe(0);
  });
});

describe('a position in the summary', () => {
  const position = {
    id: 'P',
    title: 'Quartiersplanungskoordination',
    fte: 1,
    payGrade: 'TVöD E 11',
    orgUnit: 'Amt für Soziales',
    staffing: 'vacant',
    staffingSince: '2024-05-22',
  } as Position;

  it('counts the days since it fell vacant and what that left unused', () => {
    expect(positionSummary(position, [costYear(2024, 7_320_000)], TODAY)).toMatchObject({
      staffing: 'vacant',
      vacancyDays: 10,
      vacancyLossCents: 200_000,
    });
  });

  it('shows no vacancy for a filled position', () => {
    const filled = { ...position, staffing: 'filled' as const };
    expect(positionSummary(filled, [costYear(2024, 7_320_000)], TODAY)).toMatchObject({
      vacancyDays: 0,
      vacancyLossCents: 0,
    });
  });
});
