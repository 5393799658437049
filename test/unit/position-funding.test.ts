import { describe, expect, it } from 'vitest';
import type { Application } from '../../shared/domain/application.ts';
import type { Position } from '../../shared/domain/position.ts';
import {
  checkFundingLinks,
  countsTowardCap,
  fteByProgram,
  fundingSharesOf,
  linkFteMillionths,
  linkFunding,
} from '../../shared/domain/position-funding.ts';
import { approvedApplication, draftApplication, ERFURT_RULES } from '../fixtures/applications.ts';
import { errorOf } from '../support/app-error.ts';

const link = {
  applicationId: '01JC0Z6XKX2P4T3C8Y5W7QF9AB',
  shareBasisPoints: 10_000,
  planned: true,
  programId: 'PR',
};
const position: Pick<Position, 'fte' | 'fundedBy'> = { fte: 1, fundedBy: [link] };
const withStatus = (status: Application['status']) => ({ ...approvedApplication(), status });

describe('a funded position’s money follows its applications as they stand now', () => {
  it('is paid by an approved (or closed) grant, by the rules of its notice', () => {
    for (const status of ['approved', 'closed'] as const) {
      expect(fundingSharesOf(position, [withStatus(status)])).toEqual({
        shares: [
          {
            applicationId: link.applicationId,
            shareBasisPoints: 10_000,
            sources: ERFURT_RULES.sources,
            ownShareBasisPoints: 2000,
          },
        ],
        flatRate: '19.975',
      });
    }
  });

  it('is paid by nothing while the application is submitted, or once it is rejected, withdrawn or revoked', () => {
    for (const status of ['draft', 'submitted', 'rejected', 'withdrawn', 'revoked'] as const) {
      expect(fundingSharesOf(position, [withStatus(status)]), status).toEqual({ shares: [], flatRate: '0' });
    }
    expect(fundingSharesOf(position, [undefined])).toEqual({ shares: [], flatRate: '0' });
  });

  it('takes the flat rate from the notice, not from the programme as it is now', () => {
    const approved = approvedApplication();
    const ownRate = {
      ...approved,
      notice: { ...approved.notice!, rules: { ...ERFURT_RULES, socialContributionFlatRate: '21.5' } },
    };
    expect(fundingSharesOf(position, [ownRate]).flatRate).toBe('21.5');
  });

  it('is confirmed funding for the funding end only while approved or closed', () => {
    expect(linkFunding(position, [withStatus('approved')])[0]).toMatchObject({
      planned: false,
      period: { end: '2025-12-31' },
    });
    expect(linkFunding(position, [withStatus('submitted')])[0]).toMatchObject({ planned: true });
    expect(linkFunding(position, [undefined])).toEqual([]);
  });
});

describe('the programme’s VbE cap counts links to submitted or approved applications only', () => {
  it('counts submitted and approved, nothing else', () => {
    const counted = (
      ['draft', 'submitted', 'approved', 'rejected', 'withdrawn', 'closed', 'revoked'] as const
    ).filter(countsTowardCap);
    expect(counted).toEqual(['submitted', 'approved']);
  });

  it('totals the counted links per programme in millionths of a VbE', () => {
    const two = {
      fte: 0.75,
      fundedBy: [
        { ...link, applicationId: 'A1', shareBasisPoints: 6000, programId: 'SSR' },
        { ...link, applicationId: 'A2', shareBasisPoints: 4000, programId: 'SSR' },
      ],
    };
    expect(linkFteMillionths(two, { shareBasisPoints: 6000 })).toBe(450_000);
    expect(Object.fromEntries(fteByProgram(two, (id) => id === 'A1'))).toEqual({ SSR: 450_000 });
    expect(Object.fromEntries(fteByProgram(two, () => true))).toEqual({ SSR: 750_000 });
    expect(fteByProgram(two, () => false).size).toBe(0);
  });
});

describe('funding links name applications that can fund', () => {
  it('takes an approved application, and a draft or submitted one only when declared planned', () => {
    expect(checkFundingLinks([{ ...link, planned: undefined }], [withStatus('approved')])).toEqual([
      { ...link, planned: false, programId: approvedApplication().programId },
    ]);
    expect(checkFundingLinks([link], [draftApplication()])[0]?.planned).toBe(true);
    expect(
      errorOf(() => checkFundingLinks([{ ...link, planned: undefined }], [withStatus('submitted')]))
        .errors?.[0]?.message,
    ).toContain('planned');
  });

  it('refuses an unknown application and one that funds nothing', () => {
    expect(errorOf(() => checkFundingLinks([link], [undefined])).errors?.[0]).toEqual({
      path: 'fundedBy.0.applicationId',
      message: 'no such application',
    });
    for (const status of ['rejected', 'withdrawn', 'closed', 'revoked'] as const) {
      expect(errorOf(() => checkFundingLinks([link], [withStatus(status)])).errors?.[0]?.message).toBe(
        `a ${status} application funds nothing`,
      );
    }
  });
});
