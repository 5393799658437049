import type { Application } from './application.ts';
import { addDays, daysBetween } from './calendar-date.ts';
import { AppError, type FieldError } from './errors.ts';
import { type CreatePosition, fteHundredths, type Position } from './position.ts';
import type { FundingShareOfPosition } from './position-costs.ts';

/** Funding that pays: an approved grant, or one closed after it paid. */
const pays = (application: Application) =>
  application.status === 'approved' || application.status === 'closed';

/** The funding periods of the linked applications, as far as the links know them. */
export interface LinkedFunding {
  applicationId: string;
  shareBasisPoints: number;
  planned: boolean;
  programId: string;
  period: { start: string; end: string } | null;
}

export interface PositionWarning {
  code: 'contract_past_funding' | 'unfunded_gap' | 'fte_cap_exceeded' | 'long_vacancy' | 'planned_funding';
  message: string;
  [detail: string]: unknown;
}

/** The last day any confirmed funding covers; null when nothing confirmed funds the position. */
export function fundingEndOf(links: LinkedFunding[]): string | null {
  const ends = links.filter((link) => !link.planned && link.period).map((link) => link.period!.end);
  return ends.length ? ends.sort().at(-1)! : null;
}

/** Stretches of the position's term that no confirmed funding covers. */
export function unfundedGaps(
  position: Pick<Position, 'start' | 'end'>,
  links: LinkedFunding[],
): { start: string; end: string | null }[] {
  const periods = links
    .filter((link) => !link.planned && link.period)
    .map((link) => link.period!)
    .sort((a, b) => a.start.localeCompare(b.start));
  const gaps: { start: string; end: string | null }[] = [];
  let cursor = position.start;
  for (const period of periods) {
    if (position.end && cursor > position.end) break;
    if (period.end < cursor) continue;
    if (period.start > cursor) gaps.push({ start: cursor, end: addDays(period.start, -1) });
    cursor = addDays(period.end, 1);
  }
  if (!position.end || cursor <= position.end) gaps.push({ start: cursor, end: position.end ?? null });
  return gaps.filter((gap) => !gap.end || gap.end >= gap.start);
}

export interface WarningFacts {
  today: string;
  vacancyWarningDays: number;
  /** FTE funded under each programme across all of the city's positions, in hundredths. */
  programFte: {
    programId: string;
    programName: string;
    capFte: number | undefined;
    fundedFteHundredths: number;
  }[];
  /** What the funding pays per month for this position, from this year's cost plan; null without a plan. */
  monthlyFundedCents: number | null;
}

/** Warnings are computed on every read from current facts, so they are never stale. */
export function positionWarnings(
  position: Position,
  links: LinkedFunding[],
  facts: WarningFacts,
): PositionWarning[] {
  const warnings: PositionWarning[] = [];
  const fundingEnd = fundingEndOf(links);
  if (fundingEnd && (!position.end || position.end > fundingEnd)) {
    warnings.push({
      code: 'contract_past_funding',
      message: `The contract ${position.end ? `runs until ${position.end}` : 'has no end'}, but funding ends on ${fundingEnd}`,
      contractEnd: position.end,
      fundingEnd,
    });
  }
  const gaps = unfundedGaps(position, links);
  if (gaps.length) {
    warnings.push({ code: 'unfunded_gap', message: 'Part of the term has no confirmed funding', gaps });
  }
  for (const link of links.filter((candidate) => candidate.planned)) {
    warnings.push({
      code: 'planned_funding',
      message: `Funding by application ${link.applicationId} is planned, not approved`,
      applicationId: link.applicationId,
    });
  }
  for (const program of facts.programFte) {
    if (program.capFte !== undefined && program.fundedFteHundredths > Math.round(program.capFte * 100)) {
      warnings.push({
        code: 'fte_cap_exceeded',
        message: `${program.fundedFteHundredths / 100} VbE are funded under ${program.programName}, above its cap of ${program.capFte}`,
        programId: program.programId,
      });
    }
  }
  if (position.staffing === 'vacant' && position.staffingSince) {
    const days = daysBetween(position.staffingSince, facts.today);
    if (days > facts.vacancyWarningDays) {
      warnings.push({
        code: 'long_vacancy',
        message: `Vacant for ${days} days; funding of ${facts.monthlyFundedCents ?? 'unknown'} cents per month is not used`,
        vacantDays: days,
        forfeitedPerMonthCents: facts.monthlyFundedCents,
      });
    }
  }
  return warnings;
}

/** Only these may fund a position; a draft or submitted one only when declared planned. */
const USABLE_FOR_FUNDING: Application['status'][] = ['draft', 'submitted', 'approved'];

/**
 * Links must name existing applications; one that is not approved is allowed only when
 * declared `planned` (and is flagged); rejected, withdrawn or revoked ones never fund.
 * `applications` are the linked applications as read, in the order of the links.
 */
export function checkFundingLinks(
  links: CreatePosition['fundedBy'],
  applications: readonly (Application | undefined)[],
): Position['fundedBy'] {
  const errors: FieldError[] = [];
  const checked: Position['fundedBy'] = [];
  for (const [index, link] of links.entries()) {
    const application = applications[index];
    const path = `fundedBy.${index}.applicationId`;
    if (!application) {
      errors.push({ path, message: 'no such application' });
    } else if (!USABLE_FOR_FUNDING.includes(application.status)) {
      errors.push({ path, message: `a ${application.status} application funds nothing` });
    } else if (application.status !== 'approved' && !link.planned) {
      errors.push({
        path,
        message: `is ${application.status}, not approved: link it with "planned": true`,
      });
    } else {
      checked.push({
        ...link,
        planned: application.status !== 'approved',
        programId: application.programId,
      });
    }
  }
  if (errors.length) throw new AppError('validation', 'The funding links are not valid', { errors });
  return checked;
}

/**
 * The funding links with what their applications say now (status, approved period);
 * `applications` as read, in the order of the links (missing ones are left out).
 */
export function linkFunding(
  position: Pick<Position, 'fundedBy'>,
  applications: readonly (Application | undefined)[],
): LinkedFunding[] {
  const links: LinkedFunding[] = [];
  for (const [index, link] of position.fundedBy.entries()) {
    const application = applications[index];
    if (!application) continue;
    const approved = pays(application);
    links.push({
      applicationId: link.applicationId,
      shareBasisPoints: link.shareBasisPoints,
      planned: !approved,
      programId: application.programId,
      period: application.notice?.fundingPeriod ?? (approved ? application.fundingPeriod : null),
    });
  }
  return links;
}

/**
 * A programme's VbE cap counts a position's link only while its application is submitted or
 * approved: a draft is not yet asked for, a rejected, withdrawn, revoked or closed one funds
 * nothing (any more).
 */
export const countsTowardCap = (status: Application['status']) =>
  status === 'submitted' || status === 'approved';

/** The FTE one link carries, in millionths of a VbE (hundredths of FTE × basis points), so sums stay exact. */
export const linkFteMillionths = (position: Pick<Position, 'fte'>, link: { shareBasisPoints: number }) =>
  fteHundredths(position.fte) * link.shareBasisPoints;

/**
 * FTE a position contributes to each programme's cap, in millionths of a VbE: only the links
 * whose applications count (`counts`, by application id).
 */
export function fteByProgram(
  position: Pick<Position, 'fte' | 'fundedBy'>,
  counts: (applicationId: string) => boolean,
): Map<string, number> {
  const totals = new Map<string, number>();
  for (const link of position.fundedBy.filter((candidate) => counts(candidate.applicationId))) {
    totals.set(link.programId, (totals.get(link.programId) ?? 0) + linkFteMillionths(position, link));
  }
  return totals;
}

/**
 * Who pays a position's costs, as each linked application stands now: an approved (or closed)
 * grant pays its link's share by the rules of its notice (sources, own share); a planned,
 * rejected, withdrawn or revoked one pays nothing. The employer's flat rate is that of the first
 * paying notice; without one no contribution is assumed. `applications` as read, in link order.
 */
export function fundingSharesOf(
  position: Pick<Position, 'fundedBy'>,
  applications: readonly (Application | undefined)[],
): { shares: FundingShareOfPosition[]; flatRate: string } {
  const shares: FundingShareOfPosition[] = [];
  let flatRate: string | undefined;
  position.fundedBy.forEach((link, index) => {
    const application = applications[index];
    const rules = application?.notice?.rules;
    if (!application || !rules || !pays(application)) return;
    flatRate ??= rules.socialContributionFlatRate;
    shares.push({
      applicationId: link.applicationId,
      shareBasisPoints: link.shareBasisPoints,
      sources: rules.sources,
      ownShareBasisPoints: rules.ownShareBasisPoints,
    });
  });
  return { shares, flatRate: flatRate ?? '0' };
}
