import type { Concept } from '../domain/concept.ts';
import type { Milestone } from '../domain/milestone.ts';
import type { MilestoneReport } from '../domain/milestone-report.ts';
import { filterWhen } from './conditions.ts';
import { defineEntity } from './entity.ts';

/**
 * A concept's partition holds the concept aggregate: the concept, its milestones and their
 * reports, and the deadlines derived from them. byDistrict: all concepts by district;
 * ofPosition: the concepts a position accompanies (only those with a position).
 */
export const conceptEntity = defineEntity<Concept>()({
  tag: 'concept',
  pk: ['CONCEPT', ':id'],
  sk: ['CONCEPT'],
  indexes: {
    byDistrict: { index: 'gsi1', pk: ['CONCEPTS'], sk: [':districtKey', ':id'] },
    ofPosition: { index: 'gsi3', pk: ['POSITION', ':positionId', 'CONCEPTS'], sk: [':districtKey', ':id'] },
  },
  derived: (concept) => ({ districtKey: concept.district.toLowerCase() }),
});

export const conceptKey = (id: string) => conceptEntity.key({ id });
export const conceptPk = (id: string) => conceptKey(id).pk;

export const milestoneEntity = defineEntity<Milestone>()({
  tag: 'milestone',
  pk: ['CONCEPT', ':conceptId'],
  sk: ['MILESTONE', ':id'],
});

/** Reports sort under their milestone: `MILESTONE#<milestone>#REPORT#<report>`. */
export const milestoneReportEntity = defineEntity<MilestoneReport>()({
  tag: 'milestone_report',
  pk: ['CONCEPT', ':conceptId'],
  sk: ['MILESTONE', ':milestoneId', 'REPORT', ':id'],
});

/** The concepts to list: a position's (gsi3) or all (gsi1), by district; a status narrows either. */
export function conceptListQuery(filter: {
  status?: Concept['status'] | undefined;
  district?: string | undefined;
  positionId?: string | undefined;
}) {
  const options = {
    prefix: filter.district ? { districtKey: filter.district.toLowerCase() } : {},
    ...filterWhen('status', filter.status),
  };
  return filter.positionId
    ? conceptEntity.query('ofPosition', { positionId: filter.positionId }, options)
    : conceptEntity.query('byDistrict', {}, options);
}
