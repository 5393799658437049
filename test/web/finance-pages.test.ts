import { describe, expect, it } from 'vitest';
import type { ApplicationSummary, Notice, Summary } from '../../web/src/api/types.ts';
import { describeEntry, describeNote, describeValue } from '../../web/src/history/describe-change.ts';
import { applicationRows, totalsOf, yearsOf } from '../../web/src/pages/applications/application-rows.ts';
import { compareNotices } from '../../web/src/pages/applications/notice-comparison.ts';
import {
  coFinancingChart,
  grantChart,
  grantsOf,
  yearChart,
} from '../../web/src/pages/dashboard/dashboard-data.ts';
import { landingPath, navigationFor } from '../../web/src/roles.ts';

const application = (overrides: Partial<ApplicationSummary>): ApplicationSummary => ({
  id: 'A',
  title: 'Antrag',
  programId: 'P1',
  status: 'approved',
  fundingPeriod: { start: '2023-01-01', end: '2025-12-31' },
  owner: { name: 'Anna Finanz', email: 'anna.finanz@erfurt.example' },
  approvedCents: 0,
  calledCents: 0,
  spentCents: 0,
  remainingCents: 0,
  interestAtRiskCents: 0,
  years: [],
  nextDeadline: null,
  ...overrides,
});

const erfurt = application({
  id: 'ERFURT',
  title: 'Quartiersplanungskoordination Erfurt',
  approvedCents: 19_500_000,
  calledCents: 11_000_000,
  spentCents: 6_000_000,
  remainingCents: 8_500_000,
  years: [
    {
      year: 2023,
      approvedCents: 6_494_070,
      calledCents: 5_000_000,
      spentCents: 0,
      remainingCents: 1_494_070,
    },
    {
      year: 2024,
      approvedCents: 6_511_861,
      calledCents: 6_000_000,
      spentCents: 6_000_000,
      remainingCents: 511_861,
    },
    { year: 2025, approvedCents: 6_494_069, calledCents: 0, spentCents: 0, remainingCents: 6_494_069 },
  ],
  nextDeadline: { id: 'D', kind: 'spend_by', dueOn: '2023-05-06' },
});
const draft = application({
  id: 'DRAFT',
  title: 'Beteiligungsfonds',
  status: 'draft',
  programId: 'P2',
  fundingPeriod: { start: '2026-01-01', end: '2026-12-31' },
  nextDeadline: { id: 'S', kind: 'submission', dueOn: '2025-10-31' },
});
const summary = {
  asOf: '2026-12-02',
  programs: [
    { id: 'P1', name: 'Sozialstrategierichtlinie Thüringen 2.1' },
    { id: 'P2', name: 'Aktive Stadtteile' },
  ],
  applications: [draft, erfurt],
  totals: { ...erfurt, interestAtRiskCents: 0, byYear: erfurt.years },
  coFinancing: [
    { source: 'esf_plus', approvedCents: 14_625_000, calledCents: 8_250_000 },
    { source: 'own', approvedCents: 4_875_000, calledCents: 2_750_000 },
  ],
  deadlines: { overdue: [], upcoming: [], interestAtRiskCents: 0 },
  positions: [],
} as Summary;

describe('the Anträge list', () => {
  it('filters by status, programme and budget year, showing that year’s money', () => {
    const none = { status: '', programId: '', year: '' } as const;
    expect(applicationRows(summary, none, null).map((row) => row.id)).toEqual(['DRAFT', 'ERFURT']);
    expect(applicationRows(summary, { ...none, status: 'draft' }, null).map((row) => row.id)).toEqual([
      'DRAFT',
    ]);
    expect(applicationRows(summary, { ...none, programId: 'P1' }, null).map((row) => row.id)).toEqual([
      'ERFURT',
    ]);
    const in2024 = applicationRows(summary, { ...none, year: '2024' }, null);
    expect(in2024.map((row) => [row.id, row.approvedCents, row.spentCents])).toEqual([
      ['ERFURT', 6_511_861, 6_000_000],
    ]);
  });

  it('sorts by any column either way, and adds up the money of the rows shown', () => {
    const none = { status: '', programId: '', year: '' } as const;
    const byApproved = applicationRows(summary, none, { key: 'approved', descending: true });
    expect(byApproved.map((row) => row.id)).toEqual(['ERFURT', 'DRAFT']);
    const byTitle = applicationRows(summary, none, { key: 'title', descending: false });
    expect(byTitle.map((row) => row.title)).toEqual([
      'Beteiligungsfonds',
      'Quartiersplanungskoordination Erfurt',
    ]);
    const byDeadline = applicationRows(summary, none, { key: 'deadline', descending: false });
    expect(byDeadline.map((row) => row.id)).toEqual(['ERFURT', 'DRAFT']);
    expect(totalsOf(byApproved)).toEqual({
      approvedCents: 19_500_000,
      calledCents: 11_000_000,
      spentCents: 6_000_000,
      remainingCents: 8_500_000,
    });
  });

  it('offers the budget years any application’s period touches', () => {
    expect(yearsOf(summary)).toEqual(['2023', '2024', '2025', '2026']);
  });
});

const notice = (overrides: Partial<Notice>): Notice =>
  ({
    date: '2022-12-15',
    reference: 'TLVwA-SSR-2022-0815',
    approvedCents: 19_000_000,
    fundingPeriod: { start: '2023-01-01', end: '2025-12-31' },
    version: 1,
    kind: 'grant',
    recordedAt: '2022-12-20T08:00:00Z',
    budgetYears: [
      { year: 2023, approvedCents: 6_333_334 },
      { year: 2024, approvedCents: 6_333_333 },
      { year: 2025, approvedCents: 6_333_333 },
    ],
    rules: {
      sources: [
        { source: 'esf_plus', shareBasisPoints: 6000 },
        { source: 'land', shareBasisPoints: 2000 },
      ],
      ownShareBasisPoints: 2000,
      fundsUseWithin: { amount: 2, unit: 'months' },
      interimReportDue: { month: 4, day: 30 },
      finalReportWithin: { amount: 6, unit: 'months', counting: 'end_of_month' },
      requireBalancedCosts: true,
    },
    ...overrides,
  }) as Notice;

describe('notice versions side by side', () => {
  it('marks what an amendment changed, with the difference of each amount', () => {
    const amendment = notice({
      version: 2,
      kind: 'amendment',
      date: '2023-09-01',
      reference: 'TLVwA-SSR-2022-0815-Ä1',
      approvedCents: 19_500_000,
      budgetYears: [
        { year: 2023, approvedCents: 6_333_334 },
        { year: 2024, approvedCents: 6_833_333 },
        { year: 2025, approvedCents: 6_333_333 },
      ],
    });
    const rows = compareNotices([notice({}), amendment]);
    const row = (label: string) => rows.find((candidate) => candidate.label === label)!;
    expect(row('Art').values).toEqual(['Zuwendungsbescheid', 'Änderungsbescheid']);
    expect(row('Bewilligt')).toMatchObject({
      values: ['190.000,00\u00a0€', '195.000,00\u00a0€'],
      changed: [false, true],
      differences: [null, '+5.000,00\u00a0€'],
    });
    expect(row('Haushaltsjahr 2024').differences[1]).toBe('+5.000,00\u00a0€');
    expect(row('Haushaltsjahr 2023').changed).toEqual([false, false]);
    expect(row('Bewilligungszeitraum').changed).toEqual([false, false]);
    expect(row('Finanzierung').values[0]).toBe('ESF+ 60\u00a0%, Land 20\u00a0%, Eigenanteil 20\u00a0%');
    expect(row('Mittelverwendung binnen').values[0]).toBe('2 Monate');
    expect(row('Zwischennachweis fällig am').values[0]).toBe('30.04.');
    expect(row('Verwendungsnachweis binnen').values[0]).toBe('6 Monate, zum Monatsende');
  });
});

describe('the history in German', () => {
  it('names the action and each field with its old and new value, money and dates the German way', () => {
    const described = describeEntry({
      id: 'H',
      at: '2023-09-01T10:00:00Z',
      actor: { sub: 'anna', email: 'anna.finanz@erfurt.example' },
      action: 'status',
      from: 'submitted',
      to: 'approved',
      note: null,
      changes: [
        { field: 'approvedCents', from: 0, to: 19_000_000 },
        { field: 'fundingPeriod', from: null, to: { start: '2023-01-01', end: '2025-12-31' } },
        { field: 'calledByYear', from: {}, to: { '2023': 5_000_000 } },
      ],
    });
    expect(described.what).toBe('Status geändert: Eingereicht → Bewilligt');
    expect(described.who).toBe('anna.finanz@erfurt.example');
    expect(described.changes).toEqual([
      { field: 'Bewilligt', from: '0,00\u00a0€', to: '190.000,00\u00a0€' },
      { field: 'Bewilligungszeitraum', from: '–', to: '01.01.2023 – 31.12.2025' },
      { field: 'Abgerufen je Haushaltsjahr', from: '–', to: '2023: 50.000,00\u00a0€' },
    ]);
  });

  it('writes the notes the API makes in German, amounts and dates included', () => {
    expect(describeNote('2025: 5800000 cents gross')).toBe('2025: 58.000,00\u00a0€ brutto');
    expect(describeNote('5000000 cents called on 2023-03-01 for 2023')).toBe(
      '50.000,00\u00a0€ abgerufen am 01.03.2023 für 2023',
    );
    expect(describeNote('2023-04-01 · Kim Koordination')).toBe('01.04.2023 · Kim Koordination');
    expect(describeNote('Notice version 2: TLVwA-SSR-2022-0815-Ä1')).toBe(
      'Bescheid Version 2: TLVwA-SSR-2022-0815-Ä1',
    );
    expect(describeNote('Antrag fristgerecht eingereicht')).toBe('Antrag fristgerecht eingereicht');
  });

  it('reads shares, durations, people and yes/no', () => {
    expect(describeValue('year', 2025)).toBe('2025');
    expect(describeValue('ownShareBasisPoints', 2000)).toBe('20\u00a0%');
    expect(describeValue('sources', [{ source: 'land', shareBasisPoints: 8000 }])).toBe('Land 80\u00a0%');
    expect(describeValue('fundsUseWithin', { amount: 6, unit: 'weeks' })).toBe('6 Wochen');
    expect(describeValue('holder', { name: 'Kim Koordination', email: 'kim@erfurt.example' })).toBe(
      'Kim Koordination',
    );
    expect(describeValue('requireBalancedCosts', true)).toBe('ja');
    expect(describeValue('socialContributionFlatRate', '19.975')).toBe('19,975\u00a0%');
    expect(describeValue('staffing', 'vacant')).toBe('Unbesetzt');
  });
});

describe('the Übersicht’s charts', () => {
  it('draw the grants that count, largest first, and the same numbers as their tables (in euros)', () => {
    const grants = grantsOf(summary);
    expect(grants.map((grant) => grant.id)).toEqual(['ERFURT']);
    expect(grantChart(grants)).toEqual({
      labels: ['Quartiersplanungskoordination Erfurt'],
      series: [
        { label: 'Bewilligt', values: [195_000] },
        { label: 'Abgerufen', values: [110_000] },
        { label: 'Verwendet', values: [60_000] },
      ],
    });
    expect(yearChart(summary).labels).toEqual(['2023', '2024', '2025']);
    expect(coFinancingChart(summary)).toEqual({
      labels: ['ESF+', 'Eigenanteil der Stadt'],
      series: [
        { label: 'Bewilligt', values: [146_250, 48_750] },
        { label: 'Abgerufen', values: [82_500, 27_500] },
      ],
    });
  });
});

describe('pages by role, and which page shows a record', () => {
  it('lands finance on the Anträge, management and admins on the Übersicht, coordinators on their tasks', () => {
    expect(landingPath(['finance'])).toBe('/antraege');
    expect(landingPath(['viewer'])).toBe('/uebersicht');
    expect(landingPath(['admin'])).toBe('/uebersicht');
    expect(landingPath(['coordinator'])).toBe('/aufgaben');
    expect(navigationFor(['admin']).map((item) => item.label)).toContain('Programme');
    expect(
      navigationFor(['finance'])
        .map((item) => item.label)
        .slice(0, 3),
    ).toEqual(['Anträge', 'Stellen', 'Übersicht']);
    expect(navigationFor(['viewer']).map((item) => item.label)).not.toContain('Programme');
  });
});
