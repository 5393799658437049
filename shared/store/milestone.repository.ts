import { berlinDate } from '../domain/calendar-date.ts';
import { notFound } from '../domain/errors.ts';
import { changedValues } from '../domain/history.ts';
import {
  applyMilestoneUpdate,
  type CreateMilestone,
  type Milestone,
  newMilestone,
  type UpdateMilestone,
} from '../domain/milestone.ts';
import {
  applyMilestoneReportUpdate,
  type CreateMilestoneReport,
  type MilestoneReport,
  newMilestoneReport,
  type UpdateMilestoneReport,
} from '../domain/milestone-report.ts';
import { conceptPk, milestoneEntity, milestoneReportEntity } from './concept.keys.ts';
import type { ConceptRepository } from './concept.repository.ts';
import { byDueDate, type ConceptAggregate } from './concept-aggregate.ts';
import { mustNotExist, versionIs } from './conditions.ts';
import { historyWrite, staleVersion, type WriteContext } from './records.ts';
import { type Table, withoutKeys } from './table.ts';

const noteFor = (subject: string, note: string | undefined) => (note ? `${subject}: ${note}` : subject);

/**
 * A concept's milestones and the reports on them to its steering bodies. Each change is a
 * change of the concept aggregate: it moves the aggregate's lock and the deadlines it derives.
 */
export class MilestoneRepository {
  constructor(
    private readonly table: Table,
    private readonly concepts: ConceptRepository,
    private readonly aggregates: ConceptAggregate,
  ) {}

  async milestones(conceptId: string): Promise<Milestone[]> {
    await this.concepts.get(conceptId);
    const items = await this.table.queryAll({
      ...milestoneEntity.partitionQuery({ conceptId }),
      filter: {
        expression: '#entity = :milestone',
        names: { '#entity': 'entity' },
        values: { ':milestone': milestoneEntity.tag },
      },
    });
    return items.map((item) => withoutKeys<Milestone>(item)).sort(byDueDate);
  }

  /** A milestone of this concept; one of another concept is simply not found here. */
  async milestone(conceptId: string, milestoneId: string): Promise<Milestone> {
    const item = await this.table.get(milestoneEntity.key({ conceptId, id: milestoneId }));
    if (!item) throw notFound('Milestone', milestoneId);
    return withoutKeys<Milestone>(item);
  }

  async createMilestone(
    conceptId: string,
    input: CreateMilestone,
    context: WriteContext,
  ): Promise<Milestone> {
    const state = await this.aggregates.read(conceptId);
    const milestone = newMilestone(conceptId, input, {
      id: context.newId(),
      now: context.now,
      today: berlinDate(context.now),
    });
    await this.aggregates.commit(state, context, {
      milestone,
      writes: [
        { put: milestoneEntity.item(milestone), condition: mustNotExist },
        historyWrite(conceptPk(conceptId), context, {
          action: 'milestone_create',
          to: milestone.status,
          note: `milestone ${milestone.id}: ${milestone.title}`,
        }),
      ],
    });
    return milestone;
  }

  async updateMilestone(
    conceptId: string,
    milestoneId: string,
    expectedVersion: number,
    patch: UpdateMilestone,
    context: WriteContext,
  ): Promise<Milestone> {
    const state = await this.aggregates.read(conceptId);
    const current = await this.milestone(conceptId, milestoneId);
    if (current.version !== expectedVersion) throw staleVersion('milestone');
    const next = applyMilestoneUpdate(current, patch, { now: context.now, today: berlinDate(context.now) });
    const moved = next.status !== current.status;
    await this.aggregates.commit(state, context, {
      milestone: next,
      writes: [
        {
          put: milestoneEntity.item(next),
          condition: versionIs(expectedVersion),
          onConditionFailed: () => staleVersion('milestone'),
        },
        historyWrite(conceptPk(conceptId), context, {
          action: moved ? 'milestone_status' : 'milestone_update',
          ...(moved ? { from: current.status, to: next.status } : {}),
          note: noteFor(`milestone ${milestoneId}`, patch.note),
          changes: changedValues(current, next),
        }),
      ],
    });
    return next;
  }

  async reports(conceptId: string, milestoneId: string): Promise<MilestoneReport[]> {
    await this.milestone(conceptId, milestoneId);
    const items = await this.table.queryAll(
      milestoneReportEntity.partitionQuery({ conceptId }, { milestoneId }),
    );
    return items.map((item) => withoutKeys<MilestoneReport>(item));
  }

  async report(conceptId: string, milestoneId: string, reportId: string): Promise<MilestoneReport> {
    const item = await this.table.get(milestoneReportEntity.key({ conceptId, milestoneId, id: reportId }));
    if (!item) throw notFound('Milestone report', reportId);
    return withoutKeys<MilestoneReport>(item);
  }

  async createReport(
    conceptId: string,
    milestoneId: string,
    input: CreateMilestoneReport,
    context: WriteContext,
  ): Promise<MilestoneReport> {
    const state = await this.aggregates.read(conceptId);
    const milestone = await this.milestone(conceptId, milestoneId);
    const report = newMilestoneReport(milestone, input, { id: context.newId(), now: context.now });
    await this.aggregates.commit(state, context, {
      milestone,
      report,
      writes: [
        { put: milestoneReportEntity.item(report), condition: mustNotExist },
        historyWrite(conceptPk(conceptId), context, {
          action: 'report_create',
          to: report.status,
          note: `report ${report.id} on milestone ${milestoneId}`,
        }),
      ],
    });
    return report;
  }

  async updateReport(
    conceptId: string,
    milestoneId: string,
    reportId: string,
    expectedVersion: number,
    patch: UpdateMilestoneReport,
    context: WriteContext,
  ): Promise<MilestoneReport> {
    const state = await this.aggregates.read(conceptId);
    const milestone = await this.milestone(conceptId, milestoneId);
    const current = await this.report(conceptId, milestoneId, reportId);
    if (current.version !== expectedVersion) throw staleVersion('milestone report');
    const next = applyMilestoneReportUpdate(current, patch, {
      now: context.now,
      today: berlinDate(context.now),
    });
    const moved = next.status !== current.status;
    await this.aggregates.commit(state, context, {
      milestone,
      report: next,
      writes: [
        {
          put: milestoneReportEntity.item(next),
          condition: versionIs(expectedVersion),
          onConditionFailed: () => staleVersion('milestone report'),
        },
        historyWrite(conceptPk(conceptId), context, {
          action: moved ? 'report_status' : 'report_update',
          ...(moved ? { from: current.status, to: next.status } : {}),
          note: noteFor(`report ${reportId} on milestone ${milestoneId}`, patch.note),
          changes: changedValues(current, next),
        }),
      ],
    });
    return next;
  }
}
