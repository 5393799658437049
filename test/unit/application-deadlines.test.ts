import { describe, expect, it } from 'vitest';
import type { Application } from '../../shared/domain/application.ts';
import {
  applicationDeadlineIds,
  applicationDeadlines,
  handedOver,
  reportDeadline,
  reportDeadlineId,
  reportDeadlineIdOf,
  settleDeadlines,
  spendByDeadline,
  spendByDeadlineId,
} from '../../shared/domain/application-deadlines.ts';
import type { Deadline } from '../../shared/domain/deadline.ts';
import {
  approvedApplication,
  draftApplication,
  fundsCallRecord,
  reportRecord,
} from '../fixtures/applications.ts';

const ID = '01JC0Z6XKX2P4T3C8Y5W7QF9AB';
const TITLE = 'Quartiersplanungskoordination Erfurt';
const ANNA = { name: 'Anna Finanz', email: 'anna.finanz@erfurt.example' };
const BERND = { name: 'Bernd Kasse', email: 'bernd.kasse@erfurt.example' };

const withStatus = (status: Application['status']) => approvedApplication({ status });

describe('an application’s own deadlines', () => {
  it('are known from its id alone', () => {
    expect(applicationDeadlineIds(ID)).toEqual([`${ID}.submission`, `${ID}.funding_period_end`]);
  });

  it('has the submission deadline, open while it is a draft, for its owner and about it', () => {
    expect(applicationDeadlines(draftApplication())).toEqual([
      {
        id: `${ID}.submission`,
        kind: 'submission',
        dueOn: '2022-10-31',
        subject: { type: 'application', id: ID, title: TITLE },
        owner: ANNA,
        status: 'open',
      },
    ]);
  });

  it('has no submission deadline when none is set', () => {
    expect(applicationDeadlines(draftApplication({ submissionDeadline: null }))).toEqual([]);
  });

  it('closes the submission deadline once submitted, and watches the end of the funding period once approved', () => {
    const [submission, periodEnd] = applicationDeadlines(approvedApplication());
    expect(submission).toMatchObject({ kind: 'submission', status: 'done' });
    expect(periodEnd).toEqual({
      id: `${ID}.funding_period_end`,
      kind: 'funding_period_end',
      dueOn: '2025-12-31',
      subject: { type: 'application', id: ID, title: TITLE },
      owner: ANNA,
      status: 'open',
    });
  });

  it.each([
    ['closed', 'done'],
    ['revoked', 'done'],
    ['approved', 'open'],
  ] as const)('ends the funding-period deadline when the grant is %s: %s', (status, expected) => {
    expect(applicationDeadlines(withStatus(status))[1]?.status).toBe(expected);
  });
});

describe('a statement of use is due until submitted (again after a rejection), while the grant runs', () => {
  it('has one deadline per report, the interim ones by budget year', () => {
    expect(reportDeadlineId(ID, { kind: 'interim', budgetYear: 2024 })).toBe(`${ID}.interim_report.2024`);
    expect(reportDeadlineId(ID, { kind: 'final', budgetYear: null })).toBe(`${ID}.final_report`);
  });

  it('knows the deadline from the report’s id alone', () => {
    expect(reportDeadlineIdOf(ID, 'final')).toBe(`${ID}.final_report`);
    expect(reportDeadlineIdOf(ID, 'interim-2023')).toBe(`${ID}.interim_report.2023`);
  });

  it('is an open deadline naming the report it belongs to', () => {
    expect(reportDeadline(approvedApplication(), reportRecord())).toEqual({
      id: `${ID}.interim_report.2023`,
      kind: 'interim_report',
      dueOn: '2024-04-30',
      subject: { type: 'application', id: ID, title: TITLE, partId: 'interim-2023' },
      owner: ANNA,
      status: 'open',
    });
  });

  it('is the final report’s deadline for the final statement', () => {
    const final = reportRecord({ id: 'final', kind: 'final', budgetYear: null, dueOn: '2026-06-30' });
    expect(reportDeadline(approvedApplication(), final)).toMatchObject({
      id: `${ID}.final_report`,
      kind: 'final_report',
      dueOn: '2026-06-30',
      subject: { partId: 'final' },
    });
  });

  it.each([
    ['due', 'open'],
    ['rejected', 'open'],
    ['submitted', 'done'],
    ['accepted', 'done'],
  ] as const)('a %s report’s deadline is %s', (status, expected) => {
    expect(reportDeadline(approvedApplication(), reportRecord({ status })).status).toBe(expected);
  });

  it.each(['closed', 'revoked'] as const)(
    'a due report’s deadline is done once the grant is %s',
    (status) => {
      expect(reportDeadline(withStatus(status), reportRecord()).status).toBe('done');
    },
  );
});

describe('called money must be spent by its date', () => {
  it('has a deadline per call, open with the whole amount at stake and interest running from the payout', () => {
    expect(spendByDeadlineId(ID, 'C1')).toBe(`${ID}.spend_by.C1`);
    expect(spendByDeadline(approvedApplication(), fundsCallRecord())).toEqual({
      id: `${ID}.spend_by.C1`,
      kind: 'spend_by',
      dueOn: '2023-05-06',
      subject: { type: 'application', id: ID, title: TITLE, partId: 'C1' },
      owner: ANNA,
      status: 'open',
      amountCents: 1_000_000,
      interestFrom: '2023-03-06',
    });
  });

  it('runs interest from the call when no payout is recorded', () => {
    expect(spendByDeadline(approvedApplication(), fundsCallRecord({ receivedOn: null })).interestFrom).toBe(
      '2023-03-01',
    );
  });

  it('stays open with one cent unused, and is done once the last cent is used', () => {
    const oneCentLeft = fundsCallRecord({ spent: [{ on: '2023-04-01', amountCents: 999_999 }] });
    expect(spendByDeadline(approvedApplication(), oneCentLeft)).toMatchObject({
      status: 'open',
      amountCents: 1,
    });
    const allUsed = fundsCallRecord({
      spent: [{ on: '2023-04-01', amountCents: 1_000_000 }],
      spentOn: '2023-04-01',
    });
    expect(spendByDeadline(approvedApplication(), allUsed)).toMatchObject({
      status: 'done',
      amountCents: 1_000_000,
    });
  });

  it.each(['closed', 'revoked'] as const)('is done with nothing spent once the grant is %s', (status) => {
    expect(spendByDeadline(withStatus(status), fundsCallRecord()).status).toBe('done');
  });
});

describe('closing or revoking a grant ends every duty still open', () => {
  const stored: Deadline[] = [
    { ...spendByDeadline(approvedApplication(), fundsCallRecord()), offsets: [7, 0] },
    { ...applicationDeadlines(approvedApplication())[1]!, dueOn: '2024-12-31' },
  ];

  it('settles every other deadline as done when the grant is closed, and keeps its own as the rules say', () => {
    const settled = settleDeadlines(withStatus('closed'), stored);
    expect(settled).toEqual([
      expect.objectContaining({ kind: 'submission', status: 'done' }),
      expect.objectContaining({ kind: 'funding_period_end', dueOn: '2025-12-31', status: 'done' }),
      { ...stored[0], status: 'done' },
    ]);
  });

  it('leaves the other deadlines as they are while the grant runs', () => {
    const running = settleDeadlines(approvedApplication(), stored);
    expect(running.slice(2)).toEqual([stored[0]]);
    expect(running[1]).toMatchObject({ kind: 'funding_period_end', status: 'open' });
  });
});

describe('a hand-over moves every open deadline to the new owner', () => {
  it('gives the open deadlines to the new owner and leaves the done ones with the old', () => {
    const open = spendByDeadline(approvedApplication(), fundsCallRecord()) as Deadline;
    const done = { ...applicationDeadlines(approvedApplication())[0]!, closedAt: '2022-11-01T08:00:00Z' };
    expect(handedOver([open, done], BERND)).toEqual([{ ...open, owner: BERND }, done]);
  });
});
