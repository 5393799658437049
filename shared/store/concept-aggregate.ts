import type { Concept } from '../domain/concept.ts';
import { conceptDeadlines } from '../domain/concept-deadlines.ts';
import type { Deadline } from '../domain/deadline.ts';
import { notFound } from '../domain/errors.ts';
import type { Milestone } from '../domain/milestone.ts';
import type { MilestoneReport } from '../domain/milestone-report.ts';
import { conceptKey, conceptPk, milestoneEntity, milestoneReportEntity } from './concept.keys.ts';
import { deadlineEntity } from './deadline.keys.ts';
import { syncDeadlines, toDeadline } from './deadline-sync.ts';
import type { WriteContext } from './records.ts';
import { conflict } from './store-errors.ts';
import { type Item, type Table, type Write, withoutKeys } from './table.ts';

/** A concept as stored: `revision` is the aggregate's lock (see `ConceptAggregate`). */
export function toConcept(item: Item): Concept {
  const { revision: _revision, ...concept } = withoutKeys<Concept & { revision: number }>(item);
  return concept;
}

export const byDueDate = (a: Milestone, b: Milestone) =>
  a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id);

/** A concept with everything in its partition that its deadlines derive from. */
export interface ConceptState {
  concept: Concept;
  revision: number;
  milestones: Milestone[];
  reports: MilestoneReport[];
  deadlines: Deadline[];
}

const replaced = <T extends { id: string }>(list: T[], record: T | undefined) =>
  record ? [...list.filter((candidate) => candidate.id !== record.id), record] : list;

/**
 * The concept aggregate: the concept, its milestones and their reports, whose deadlines derive
 * from all of them. `revision` on the concept item is the aggregate's lock: every write in the
 * partition (concept, milestone, report) moves it on, so the deadlines are always computed from
 * a current view.
 */
export class ConceptAggregate {
  constructor(private readonly table: Table) {}

  async read(id: string): Promise<ConceptState> {
    const [item, parts, deadlines] = await Promise.all([
      this.table.get(conceptKey(id)),
      this.table.queryAll(milestoneEntity.partitionQuery({ conceptId: id })),
      this.table.queryAll(deadlineEntity.partitionQuery({ partition: conceptPk(id) })),
    ]);
    if (!item) throw notFound('Concept', id);
    return {
      concept: toConcept(item),
      revision: Number(item.revision ?? 0),
      milestones: parts
        .filter((part) => part.entity === milestoneEntity.tag)
        .map((part) => withoutKeys<Milestone>(part))
        .sort(byDueDate),
      reports: parts
        .filter((part) => part.entity === milestoneReportEntity.tag)
        .map((part) => withoutKeys<MilestoneReport>(part)),
      deadlines: deadlines.map(toDeadline),
    };
  }

  /**
   * Writes a change of the aggregate in one transaction with the deadlines it moves and, unless
   * the concept item itself is written (conditioned on the revision), the revision lock. A
   * change of one milestone or its reports re-derives only that milestone's deadlines; a change
   * of the concept re-derives them all.
   */
  async commit(
    state: ConceptState,
    context: WriteContext,
    change: { writes: Write[]; concept?: Concept; milestone?: Milestone; report?: MilestoneReport },
  ): Promise<void> {
    const concept = change.concept ?? state.concept;
    const scope = change.milestone?.id;
    const inScope = (milestoneId: string | undefined) => scope === undefined || milestoneId === scope;
    const desired = conceptDeadlines(
      concept,
      replaced(state.milestones, change.milestone).filter((milestone) => inScope(milestone.id)),
      replaced(state.reports, change.report),
    );
    const stored = state.deadlines.filter((deadline) => inScope(deadline.subject.partId));
    const lock: Write[] = change.concept
      ? []
      : [
          {
            update: conceptKey(concept.id),
            set: {
              expression: 'SET #revision = :nextRevision',
              values: { ':nextRevision': state.revision + 1 },
            },
            condition: this.revisionIs(state.revision),
            onConditionFailed: () =>
              conflict('The concept changed while this was being saved; nothing was changed, please retry'),
          },
        ];
    await this.table.transact([
      ...change.writes,
      ...lock,
      ...syncDeadlines(conceptPk(concept.id), stored, desired, context.now),
    ]);
  }

  revisionIs(revision: number) {
    return {
      expression: '#revision = :revision',
      names: { '#revision': 'revision' },
      values: { ':revision': revision },
    };
  }
}
