import type { Application } from '../domain/application.ts';
import type { FundsCall } from '../domain/funds-call.ts';
import type { Notice } from '../domain/notice.ts';
import type { Report } from '../domain/report.ts';
import { defineEntity } from './entity.ts';

/**
 * An application's partition holds the application and everything that must change with it:
 * its notice versions, funds calls, statements of use, funding links, deadlines, history.
 * newestFirst: all applications; ofProgram: a programme's by status; ofStatus: one status's
 * (disjoint from the open-deadline partitions of gsi3).
 */
export const applicationEntity = defineEntity<Application>()({
  tag: 'application',
  pk: ['APP', ':id'],
  sk: ['APP'],
  indexes: {
    newestFirst: { index: 'gsi1', pk: ['APPS'], sk: [':createdAt', ':id'] },
    ofProgram: { index: 'gsi2', pk: ['PROGRAM', ':programId'], sk: ['APP', ':status', ':createdAt', ':id'] },
    ofStatus: { index: 'gsi3', pk: ['APPSTATUS', ':status'], sk: [':createdAt', ':id'] },
  },
});

export const appKey = (id: string) => applicationEntity.key({ id });
export const appPk = (id: string) => appKey(id).pk;

/** Notice versions sort by number: `NOTICE#0001`, `NOTICE#0002`, … */
export const noticeEntity = defineEntity<Notice & { recordedBy: string }>()({
  tag: 'notice',
  pk: ['APP', ':applicationId'],
  sk: ['NOTICE', ':number'],
  derived: (notice) => ({ number: String(notice.version).padStart(4, '0') }),
});

/**
 * A funds call lives in its application's partition (it changes with it); all calls are also
 * listed in one gsi1 partition by call date, so the dashboard reads every grant's calls page by
 * page instead of one query per grant. A call written before this index entry existed has none
 * until it is next changed; its grant's calls then do not add up to what the grant says it has
 * called, and the reader asks that grant's partition instead.
 */
export const fundsCallEntity = defineEntity<FundsCall>()({
  tag: 'funds_call',
  pk: ['APP', ':applicationId'],
  sk: ['CALL', ':id'],
  indexes: { all: { index: 'gsi1', pk: ['CALLS'], sk: [':calledOn', ':id'] } },
});

export const reportEntity = defineEntity<Report>()({
  tag: 'report',
  pk: ['APP', ':applicationId'],
  sk: ['REPORT', ':id'],
});

/**
 * One item per funding link in the application's partition, written in the position's
 * transaction, so a change of the application finds the positions whose funding end it moves.
 */
export interface FundingLinkItem {
  applicationId: string;
  positionId: string;
  /** What the link carries toward the programme's VbE cap (millionths of a VbE), kept with every position change. */
  fteMillionths: number;
}

export const fundingLinkEntity = defineEntity<FundingLinkItem>()({
  tag: 'funding_link',
  pk: ['APP', ':applicationId'],
  sk: ['FUNDS', ':positionId'],
});

/** Which applications to list: the most selective access pattern the filter allows. */
export function applicationListQuery(filter: {
  status?: Application['status'] | undefined;
  programId?: string | undefined;
}) {
  const { status, programId } = filter;
  if (programId) {
    return applicationEntity.query(
      'ofProgram',
      { programId },
      { prefix: status ? { status } : {}, newestFirst: true },
    );
  }
  if (status) return applicationEntity.query('ofStatus', { status }, { newestFirst: true });
  return applicationEntity.query('newestFirst', {}, { newestFirst: true });
}
