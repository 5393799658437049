import { isDeepStrictEqual } from 'node:util';
import { berlinDate } from '../domain/calendar-date.ts';
import {
  applyConceptUpdate,
  applyMilestoneReportUpdate,
  applyMilestoneUpdate,
  type Concept,
  type CreateConcept,
  type CreateMilestone,
  type CreateMilestoneReport,
  conceptDeadlines,
  type Milestone,
  type MilestoneReport,
  newConcept,
  newMilestone,
  newMilestoneReport,
  type UpdateConcept,
  type UpdateMilestone,
  type UpdateMilestoneReport,
} from '../domain/concept.ts';
import type { Deadline } from '../domain/deadline.ts';
import { AppError, notFound } from '../domain/errors.ts';
import type { HistoryEntry } from '../domain/history.ts';
import type { CursorCodec } from './cursor.ts';
import { DEADLINE_PREFIX, putDeadline, removeDeadline } from './deadline.items.ts';
import { positionKey } from './position.repository.ts';
import {
  changedFields,
  findRecord,
  getRecord,
  historyWrite,
  type Page,
  type PageRequest,
  queryPage,
  readHistory,
  staleVersion,
  type WriteContext,
} from './records.ts';
import {
  type Condition,
  conflict,
  type Item,
  mustNotExist,
  type Table,
  versionIs,
  type Write,
  withoutKeys,
} from './table.ts';

export const conceptPk = (id: string) => `CONCEPT#${id}`;
const conceptKey = (id: string) => ({ pk: conceptPk(id), sk: 'CONCEPT' });
const MILESTONE_PREFIX = 'MILESTONE#';
const milestoneSk = (milestoneId: string) => `${MILESTONE_PREFIX}${milestoneId}`;
const reportPrefix = (milestoneId: string) => `${milestoneSk(milestoneId)}#REPORT#`;

export interface PositionRef {
  id: string;
  title: string;
}

/** Reads a position record by key, for references and the narrative report. */
export async function findPosition(table: Table, id: string): Promise<PositionRef | undefined> {
  const item = await table.get(positionKey(id));
  return item ? { id, title: String(item.title) } : undefined;
}

/** A referenced position must exist; otherwise the request is invalid at `path`. */
export async function requirePosition(table: Table, id: string, path = 'positionId'): Promise<void> {
  if (!(await findPosition(table, id))) {
    throw new AppError('validation', `Position ${id} does not exist`, {
      errors: [{ path, message: 'no such position' }],
    });
  }
}

/**
 * gsi1: all concepts by district; gsi3: the concepts a position accompanies. `revision` is the
 * aggregate's lock: every write in the concept's partition (concept, milestone, report) moves
 * it on, so the deadlines derived from all of them are always computed from a current view.
 */
function conceptItem(concept: Concept, revision: number) {
  const sortKey = `${concept.district.toLowerCase()}#${concept.id}`;
  return {
    ...conceptKey(concept.id),
    entity: 'concept',
    gsi1pk: 'CONCEPTS',
    gsi1sk: sortKey,
    ...(concept.positionId ? { gsi3pk: `POSITION#${concept.positionId}#CONCEPTS`, gsi3sk: sortKey } : {}),
    ...concept,
    revision,
  };
}

function toConcept(item: Item): Concept {
  const { revision: _revision, ...concept } = withoutKeys<Concept & { revision: number }>(item);
  return concept;
}

const milestoneItem = (milestone: Milestone) => ({
  pk: conceptPk(milestone.conceptId),
  sk: milestoneSk(milestone.id),
  entity: 'milestone',
  ...milestone,
});

const reportItem = (report: MilestoneReport) => ({
  pk: conceptPk(report.conceptId),
  sk: `${reportPrefix(report.milestoneId)}${report.id}`,
  entity: 'milestone_report',
  ...report,
});

const byDueDate = (a: Milestone, b: Milestone) => a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id);

/** A concept with everything in its partition that its deadlines derive from. */
interface ConceptState {
  concept: Concept;
  revision: number;
  milestones: Milestone[];
  reports: MilestoneReport[];
  deadlines: Deadline[];
}

/**
 * The writes that make the stored deadlines equal the desired ones: changed or new ones are
 * put, vanished ones removed, unchanged ones left alone. A deadline keeps the moment it was
 * first closed.
 */
function syncDeadlines(pk: string, desired: Deadline[], existing: Deadline[], now: Date): Write[] {
  const writes: Write[] = [];
  for (const deadline of desired) {
    const current = existing.find((candidate) => candidate.id === deadline.id);
    const next: Deadline =
      deadline.status === 'done'
        ? {
            ...deadline,
            closedAt:
              current?.status === 'done' ? (current.closedAt ?? now.toISOString()) : now.toISOString(),
          }
        : deadline;
    if (!current || !isDeepStrictEqual(current, next)) writes.push(putDeadline(pk, next));
  }
  for (const current of existing) {
    if (!desired.some((deadline) => deadline.id === current.id)) writes.push(removeDeadline(pk, current.id));
  }
  return writes;
}

const replaced = <T extends { id: string }>(list: T[], record: T | undefined) =>
  record ? [...list.filter((candidate) => candidate.id !== record.id), record] : list;

const noteFor = (subject: string, note: string | undefined) => (note ? `${subject}: ${note}` : subject);

export interface ConceptFilter {
  status?: Concept['status'] | undefined;
  district?: string | undefined;
  positionId?: string | undefined;
}

export class ConceptRepository {
  constructor(
    private readonly table: Table,
    private readonly cursors: CursorCodec,
  ) {}

  async create(input: CreateConcept, context: WriteContext): Promise<Concept> {
    if (input.positionId) await requirePosition(this.table, input.positionId);
    const concept = newConcept(input, { id: context.newId(), now: context.now });
    await this.table.transact([
      { put: conceptItem(concept, 0), condition: mustNotExist },
      historyWrite(conceptPk(concept.id), context, { action: 'create', to: concept.status }),
    ]);
    return concept;
  }

  find(id: string): Promise<Concept | undefined> {
    return findRecord<Concept>(this.table, conceptKey(id), toConcept);
  }

  async get(id: string): Promise<Concept> {
    return getRecord(await this.find(id), 'Concept', id);
  }

  /** By district (gsi1), or a position's concepts (gsi3); a status narrows either. */
  list(filter: ConceptFilter, page: PageRequest): Promise<Page<Concept>> {
    const statusFilter: Condition | undefined = filter.status
      ? {
          expression: '#status = :status',
          names: { '#status': 'status' },
          values: { ':status': filter.status },
        }
      : undefined;
    const query = {
      ...(filter.positionId
        ? { index: 'gsi3' as const, partition: `POSITION#${filter.positionId}#CONCEPTS` }
        : { index: 'gsi1' as const, partition: 'CONCEPTS' }),
      ...(filter.district ? { sortKeyPrefix: `${filter.district.toLowerCase()}#` } : {}),
      ...(statusFilter ? { filter: statusFilter } : {}),
    };
    return queryPage(this.table, this.cursors, query, page, toConcept);
  }

  async listForPosition(positionId: string): Promise<Concept[]> {
    const items = await this.table.queryAll({ index: 'gsi3', partition: `POSITION#${positionId}#CONCEPTS` });
    return items.map(toConcept);
  }

  async update(id: string, expectedVersion: number, patch: UpdateConcept, context: WriteContext) {
    const state = await this.#state(id);
    if (state.concept.version !== expectedVersion) throw staleVersion('concept');
    if (patch.positionId) await requirePosition(this.table, patch.positionId);
    const current = state.concept;
    const next = applyConceptUpdate(current, patch, context.now);
    const moved = next.status !== current.status;
    const versionAndRevision: Condition = {
      expression: '#version = :expectedVersion AND #revision = :revision',
      names: { '#version': 'version', '#revision': 'revision' },
      values: { ':expectedVersion': expectedVersion, ':revision': state.revision },
    };
    await this.#commit(state, context, {
      concept: next,
      writes: [
        {
          put: conceptItem(next, state.revision + 1),
          condition: versionAndRevision,
          onConditionFailed: () => staleVersion('concept'),
        },
        historyWrite(conceptPk(id), context, {
          action: moved ? 'status' : 'update',
          ...(moved ? { from: current.status, to: next.status } : {}),
          note: patch.note,
          changes: changedFields(current, next),
        }),
      ],
    });
    return next;
  }

  async history(id: string): Promise<HistoryEntry[]> {
    await this.get(id);
    return readHistory(this.table, conceptPk(id));
  }

  /** The concept with all its milestones (by due date) and their reports, for the narrative report. */
  async aggregate(id: string): Promise<Pick<ConceptState, 'concept' | 'milestones' | 'reports'>> {
    const { concept, milestones, reports } = await this.#state(id);
    return { concept, milestones, reports };
  }

  async milestones(conceptId: string): Promise<Milestone[]> {
    await this.get(conceptId);
    const items = await this.table.queryAll({
      partition: conceptPk(conceptId),
      sortKeyPrefix: MILESTONE_PREFIX,
      filter: {
        expression: '#entity = :milestone',
        names: { '#entity': 'entity' },
        values: { ':milestone': 'milestone' },
      },
    });
    return items.map((item) => withoutKeys<Milestone>(item)).sort(byDueDate);
  }

  /** A milestone of this concept; one of another concept is simply not found here. */
  async milestone(conceptId: string, milestoneId: string): Promise<Milestone> {
    const item = await this.table.get({ pk: conceptPk(conceptId), sk: milestoneSk(milestoneId) });
    if (!item) throw notFound('Milestone', milestoneId);
    return withoutKeys<Milestone>(item);
  }

  async createMilestone(
    conceptId: string,
    input: CreateMilestone,
    context: WriteContext,
  ): Promise<Milestone> {
    const state = await this.#state(conceptId);
    const milestone = newMilestone(conceptId, input, {
      id: context.newId(),
      now: context.now,
      today: berlinDate(context.now),
    });
    await this.#commit(state, context, {
      milestone,
      writes: [
        { put: milestoneItem(milestone), condition: mustNotExist },
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
    const state = await this.#state(conceptId);
    const current = await this.milestone(conceptId, milestoneId);
    if (current.version !== expectedVersion) throw staleVersion('milestone');
    const next = applyMilestoneUpdate(current, patch, { now: context.now, today: berlinDate(context.now) });
    const moved = next.status !== current.status;
    await this.#commit(state, context, {
      milestone: next,
      writes: [
        {
          put: milestoneItem(next),
          condition: versionIs(expectedVersion),
          onConditionFailed: () => staleVersion('milestone'),
        },
        historyWrite(conceptPk(conceptId), context, {
          action: moved ? 'milestone_status' : 'milestone_update',
          ...(moved ? { from: current.status, to: next.status } : {}),
          note: noteFor(`milestone ${milestoneId}`, patch.note),
          changes: changedFields(current, next),
        }),
      ],
    });
    return next;
  }

  async reports(conceptId: string, milestoneId: string): Promise<MilestoneReport[]> {
    await this.milestone(conceptId, milestoneId);
    const items = await this.table.queryAll({
      partition: conceptPk(conceptId),
      sortKeyPrefix: reportPrefix(milestoneId),
    });
    return items.map((item) => withoutKeys<MilestoneReport>(item));
  }

  async report(conceptId: string, milestoneId: string, reportId: string): Promise<MilestoneReport> {
    const item = await this.table.get({
      pk: conceptPk(conceptId),
      sk: `${reportPrefix(milestoneId)}${reportId}`,
    });
    if (!item) throw notFound('Milestone report', reportId);
    return withoutKeys<MilestoneReport>(item);
  }

  async createReport(
    conceptId: string,
    milestoneId: string,
    input: CreateMilestoneReport,
    context: WriteContext,
  ): Promise<MilestoneReport> {
    const state = await this.#state(conceptId);
    const milestone = await this.milestone(conceptId, milestoneId);
    const report = newMilestoneReport(milestone, input, { id: context.newId(), now: context.now });
    await this.#commit(state, context, {
      milestone,
      report,
      writes: [
        { put: reportItem(report), condition: mustNotExist },
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
    const state = await this.#state(conceptId);
    const milestone = await this.milestone(conceptId, milestoneId);
    const current = await this.report(conceptId, milestoneId, reportId);
    if (current.version !== expectedVersion) throw staleVersion('milestone report');
    const next = applyMilestoneReportUpdate(current, patch, {
      now: context.now,
      today: berlinDate(context.now),
    });
    const moved = next.status !== current.status;
    await this.#commit(state, context, {
      milestone,
      report: next,
      writes: [
        {
          put: reportItem(next),
          condition: versionIs(expectedVersion),
          onConditionFailed: () => staleVersion('milestone report'),
        },
        historyWrite(conceptPk(conceptId), context, {
          action: moved ? 'report_status' : 'report_update',
          ...(moved ? { from: current.status, to: next.status } : {}),
          note: noteFor(`report ${reportId} on milestone ${milestoneId}`, patch.note),
          changes: changedFields(current, next),
        }),
      ],
    });
    return next;
  }

  async #state(id: string): Promise<ConceptState> {
    const item = await this.table.get(conceptKey(id));
    if (!item) throw notFound('Concept', id);
    const pk = conceptPk(id);
    const [parts, deadlines] = await Promise.all([
      this.table.queryAll({ partition: pk, sortKeyPrefix: MILESTONE_PREFIX }),
      this.table.queryAll({ partition: pk, sortKeyPrefix: DEADLINE_PREFIX }),
    ]);
    return {
      concept: toConcept(item),
      revision: Number(item.revision ?? 0),
      milestones: parts
        .filter((part) => part.entity === 'milestone')
        .map((part) => withoutKeys<Milestone>(part))
        .sort(byDueDate),
      reports: parts
        .filter((part) => part.entity === 'milestone_report')
        .map((part) => withoutKeys<MilestoneReport>(part)),
      deadlines: deadlines.map((deadline) => withoutKeys<Deadline>(deadline)),
    };
  }

  /**
   * Writes a change of the concept aggregate in one transaction with its history, the
   * deadlines it moves and, unless the concept item itself is written, the revision lock.
   * A change of one milestone or its reports re-derives only that milestone's deadlines
   * (from the milestone as just read by key); a change of the concept re-derives them all.
   */
  async #commit(
    state: ConceptState,
    context: WriteContext,
    change: { writes: Write[]; concept?: Concept; milestone?: Milestone; report?: MilestoneReport },
  ): Promise<void> {
    const concept = change.concept ?? state.concept;
    const scope = change.milestone?.id;
    const inScope = (milestoneId: string) => scope === undefined || milestoneId === scope;
    const desired = conceptDeadlines(
      concept,
      replaced(state.milestones, change.milestone).filter((milestone) => inScope(milestone.id)),
      replaced(state.reports, change.report),
    );
    const existing = state.deadlines.filter(
      (deadline) => scope === undefined || deadline.id.endsWith(`.${scope}`),
    );
    const lock: Write[] = change.concept
      ? []
      : [
          {
            update: conceptKey(concept.id),
            set: {
              expression: 'SET #revision = :nextRevision',
              values: { ':nextRevision': state.revision + 1 },
            },
            condition: {
              expression: '#revision = :revision',
              names: { '#revision': 'revision' },
              values: { ':revision': state.revision },
            },
            onConditionFailed: () =>
              conflict('The concept changed while this was being saved; nothing was changed, please retry'),
          },
        ];
    await this.table.transact([
      ...change.writes,
      ...lock,
      ...syncDeadlines(conceptPk(concept.id), desired, existing, context.now),
    ]);
  }
}
