import { describe, expect, it } from 'vitest';
import { decideReportUpdate, type Report, reportIsOpen } from '../../shared/domain/report.ts';
import { reportRecord } from '../fixtures/applications.ts';
import { errorOf } from '../support/app-error.ts';

const now = new Date('2024-04-20T10:00:00Z');
const TODAY = '2024-04-20';

const report = (overrides: Partial<Report> = {}): Report =>
  reportRecord({ version: 3, updatedAt: '2023-01-02T08:00:00Z', applicationId: 'A1', ...overrides });

describe('a statement of use moves due → submitted → accepted | rejected, and again after a rejection', () => {
  it('is submitted on the day stated, with a new version and the time of the change', () => {
    // prepare
    const due = report();
    // act
    const submitted = decideReportUpdate(due, { status: 'submitted', submittedOn: '2024-04-18' }, TODAY, now);
    // assess
    expect(submitted).toEqual({
      ...due,
      status: 'submitted',
      submittedOn: '2024-04-18',
      decidedOn: null,
      version: 4,
      updatedAt: '2024-04-20T10:00:00.000Z',
    });
  });

  it('is submitted today when no day is stated', () => {
    const submitted = decideReportUpdate(report(), { status: 'submitted' }, TODAY, now);
    expect(submitted.submittedOn).toBe(TODAY);
  });

  it('is decided today, keeping the day it was submitted', () => {
    const submitted = report({ status: 'submitted', submittedOn: '2024-04-18' });
    const accepted = decideReportUpdate(submitted, { status: 'accepted' }, TODAY, now);
    expect(accepted).toMatchObject({ status: 'accepted', submittedOn: '2024-04-18', decidedOn: TODAY });
    const rejected = decideReportUpdate(submitted, { status: 'rejected' }, TODAY, now);
    expect(rejected).toMatchObject({ status: 'rejected', submittedOn: '2024-04-18', decidedOn: TODAY });
  });

  it('is submitted again after a rejection, and that clears the decision', () => {
    const rejected = report({ status: 'rejected', submittedOn: '2024-04-18', decidedOn: '2024-04-19' });
    const again = decideReportUpdate(rejected, { status: 'submitted', submittedOn: TODAY }, TODAY, now);
    expect(again).toMatchObject({ status: 'submitted', submittedOn: TODAY, decidedOn: null });
  });

  it('refuses any other move as a conflict naming the moves allowed from where it is', () => {
    const error = errorOf(() => decideReportUpdate(report(), { status: 'accepted' }, TODAY, now));
    expect(error).toMatchObject({
      kind: 'conflict',
      message: 'A report cannot go from due to accepted',
      extensions: { from: 'due', allowed: ['submitted'] },
    });
    const accepted = report({ status: 'accepted', submittedOn: '2024-04-18', decidedOn: TODAY });
    expect(errorOf(() => decideReportUpdate(accepted, { status: 'submitted' }, TODAY, now))).toMatchObject({
      kind: 'conflict',
      extensions: { from: 'accepted', allowed: [] },
    });
  });

  it('takes a submission day only with a submission', () => {
    const submitted = report({ status: 'submitted', submittedOn: '2024-04-18' });
    const error = errorOf(() =>
      decideReportUpdate(submitted, { status: 'accepted', submittedOn: '2024-04-19' }, TODAY, now),
    );
    expect(error).toMatchObject({
      kind: 'validation',
      message: 'submittedOn goes with status submitted',
      errors: [{ path: 'submittedOn', message: 'only when submitting' }],
    });
  });
});

describe('a statement of use is open (its deadline runs) while due or rejected', () => {
  it.each([
    ['due', true],
    ['rejected', true],
    ['submitted', false],
    ['accepted', false],
    ['cancelled', false],
  ] as const)('%s: open %s', (status, open) => {
    expect(reportIsOpen({ status })).toBe(open);
  });
});
