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

describe('who pays, for applications without a notice', () => {
  it('is nobody while the application has no notice yet', () => {
    expect(fundingSharesOf(position, [draftApplication({ status: 'submitted' })])).toEqual({
      shares: [],
      flatRate: '0',
    });
  });

  it('takes the flat rate of the first paying notice', () => {
    const first = approvedApplication();
    const second = {
      ...first,
      notice: { ...first.notice!, rules: { ...ERFURT_RULES, socialContributionFlatRate: '21.5' } },
    };
    const two = { fundedBy: [link, { ...link, applicationId: 'A2', shareBasisPoints: 0 }] };
    expect(fundingSharesOf(two, [draftApplication(), second]).flatRate).toBe('21.5');
    expect(fundingSharesOf(two, [first, second]).flatRate).toBe('19.975');
  });
});

describe('the funding period a link stands for', () => {
  it('is the notice’s period, which may be shorter than the one applied for', () => {
    const approved = approvedApplication();
    const shorter = {
      ...approved,
      notice: { ...approved.notice!, fundingPeriod: { start: '2023-01-01', end: '2024-12-31' } },
    };
    expect(linkFunding(position, [shorter])).toEqual([
      {
        applicationId: link.applicationId,
        shareBasisPoints: 10_000,
        planned: false,
        programId: approved.programId,
        period: { start: '2023-01-01', end: '2024-12-31' },
      },
    ]);
  });

  it('is the period applied for when a paying grant has no notice recorded, and none for a draft', () => {
    expect(linkFunding(position, [approvedApplication({ notice: null })])[0]?.period).toEqual({
      start: '2023-01-01',
      end: '2025-12-31',
    });
    expect(linkFunding(position, [draftApplication()])[0]).toMatchObject({ planned: true, period: null });
  });
});

describe('funding links that cannot fund are refused as one problem', () => {
  it('names every link that cannot fund', () => {
    expect(
      errorOf(() =>
        checkFundingLinks([link, { ...link, applicationId: 'A2' }], [undefined, withStatus('revoked')]),
      ),
    ).toMatchObject({
      kind: 'validation',
      message: 'The funding links are not valid',
      errors: [
        { path: 'fundedBy.0.applicationId', message: 'no such application' },
        { path: 'fundedBy.1.applicationId', message: 'a revoked application funds nothing' },
      ],
    });
  });

  it('tells how to link an application that is not approved yet', () => {
    expect(
      errorOf(() => checkFundingLinks([{ ...link, planned: false }], [withStatus('submitted')])).errors,
    ).toEqual([
      {
        path: 'fundedBy.0.applicationId',
        message: 'is submitted, not approved: link it with "planned": true',
      },
    ]);
  });
});

describe('a grant pays by the rules of its notice, and without one pays nothing', () => {
  it('pays nothing for an approved application whose notice is missing', () => {
    expect(fundingSharesOf(position, [approvedApplication({ notice: null })])).toEqual({
      shares: [],
      flatRate: '0',
    });
  });
});
