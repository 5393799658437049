import { describe, expect, it } from 'vitest';
import type { Deadline } from '../../shared/domain/deadline.ts';
import type { Position } from '../../shared/domain/position.ts';
import {
  fundingEndDeadline,
  positionDeadlineIds,
  positionDeadlines,
  vacancyDeadlines,
} from '../../shared/domain/position-deadlines.ts';
import type { LinkedFunding } from '../../shared/domain/position-funding.ts';
import { positionRecord } from '../fixtures/positions.ts';

const ANNA = { name: 'Anna Finanz', email: 'anna@erfurt.example' };
const SUBJECT = { type: 'position' as const, id: 'P1', title: 'Quartiersplanungskoordination' };

const position = (overrides: Partial<Position> = {}): Position =>
  positionRecord({ staffing: 'filled', staffingSince: '2023-01-01', ...overrides });

const link = (overrides: Partial<LinkedFunding> = {}): LinkedFunding => ({
  applicationId: 'A1',
  shareBasisPoints: 10_000,
  planned: false,
  programId: 'PR',
  period: { start: '2023-01-01', end: '2024-12-31' },
  ...overrides,
});

const storedVacancy = (overrides: Partial<Deadline> = {}): Deadline => ({
  id: 'P1.vacancy',
  kind: 'vacancy',
  dueOn: '2024-03-01',
  subject: SUBJECT,
  owner: ANNA,
  status: 'open',
  ...overrides,
});

const facts = (stored: Deadline[] = []) => ({ stored, vacancyWarningDays: 60 });

describe('a position’s deadlines', () => {
  it('are known from its id alone', () => {
    expect(positionDeadlineIds('P1')).toEqual(['P1.contract_end', 'P1.position_funding_end', 'P1.vacancy']);
  });

  it('are its funding end, its contract end and (while vacant) its vacancy, for its owner', () => {
    expect(positionDeadlines(position(), [link()], facts())).toEqual([
      {
        id: 'P1.position_funding_end',
        kind: 'position_funding_end',
        dueOn: '2024-12-31',
        subject: SUBJECT,
        owner: ANNA,
        status: 'open',
      },
      {
        id: 'P1.contract_end',
        kind: 'contract_end',
        dueOn: '2025-12-31',
        subject: SUBJECT,
        owner: ANNA,
        status: 'open',
      },
    ]);
  });

  it('has no contract-end deadline for an open-ended contract', () => {
    expect(positionDeadlines(position({ end: null }), [], facts())).toEqual([]);
  });
});

describe('the funding end is the last day any confirmed funding covers', () => {
  it('is none while no confirmed funding has a period', () => {
    expect(fundingEndDeadline(position(), [link({ planned: true }), link({ period: null })])).toEqual([]);
  });

  it('is the latest end among the confirmed links', () => {
    const links = [link(), link({ applicationId: 'A2', period: { start: '2025-01-01', end: '2025-06-30' } })];
    expect(fundingEndDeadline(position(), links)).toMatchObject([{ dueOn: '2025-06-30', status: 'open' }]);
  });
});

describe('a vacancy becomes a problem vacancyWarningDays after it began', () => {
  it('is due that many days after the position became vacant', () => {
    const vacant = position({ staffing: 'vacant', staffingSince: '2024-01-31' });
    expect(vacancyDeadlines(vacant, facts())).toEqual([
      {
        id: 'P1.vacancy',
        kind: 'vacancy',
        dueOn: '2024-03-31',
        subject: SUBJECT,
        owner: ANNA,
        status: 'open',
      },
    ]);
  });

  it('keeps the date of a vacancy deadline that is still open', () => {
    const vacant = position({ staffing: 'vacant', staffingSince: '2024-01-31' });
    expect(vacancyDeadlines(vacant, facts([storedVacancy()]))[0]?.dueOn).toBe('2024-03-01');
  });

  it('starts a new date when the last vacancy deadline is done', () => {
    const vacant = position({ staffing: 'vacant', staffingSince: '2024-01-31' });
    const past = storedVacancy({ status: 'done', dueOn: '2023-05-01' });
    expect(vacancyDeadlines(vacant, facts([past]))[0]).toMatchObject({ dueOn: '2024-03-31', status: 'open' });
  });

  it('needs the day the vacancy began', () => {
    expect(vacancyDeadlines(position({ staffing: 'vacant', staffingSince: null }), facts())).toEqual([]);
  });

  it('is none for a position that was never vacant', () => {
    expect(vacancyDeadlines(position(), facts())).toEqual([]);
  });

  it('is done, with its date, once the position is filled again', () => {
    expect(vacancyDeadlines(position(), facts([storedVacancy()]))).toEqual([
      {
        id: 'P1.vacancy',
        kind: 'vacancy',
        dueOn: '2024-03-01',
        subject: SUBJECT,
        owner: ANNA,
        status: 'done',
      },
    ]);
  });

  it('stays as it was when it was done already', () => {
    const done = storedVacancy({ status: 'done', closedAt: '2024-02-01T06:00:00Z' });
    expect(vacancyDeadlines(position(), facts([done]))).toEqual([done]);
  });

  it('reads only the vacancy among the stored deadlines', () => {
    const contractEnd = storedVacancy({ id: 'P1.contract_end', kind: 'contract_end', dueOn: '2025-12-31' });
    expect(vacancyDeadlines(position(), facts([contractEnd]))).toEqual([]);
  });
});
