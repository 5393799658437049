import { isDeepStrictEqual } from 'node:util';
import { berlinDate, type Period } from '../domain/calendar-date.ts';
import { deadlineId } from '../domain/deadline.ts';
import { AppError, invalid, notFound } from '../domain/errors.ts';
import type { HistoryEntry } from '../domain/history.ts';
import {
  applyTaskUpdate,
  type CreateTask,
  checkTaskAccess,
  decideProgress,
  newTask,
  type ProgressEntry,
  type ProgressInput,
  type Task,
  taskDeadline,
  type UpdateTask,
} from '../domain/task.ts';
import { type ConceptRepository, requirePosition } from './concept.repository.ts';
import type { CursorCodec } from './cursor.ts';
import { putDeadline, removeDeadline } from './deadline.items.ts';
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
  mustNotExist,
  type QueryInput,
  type Table,
  versionIs,
  type Write,
  withoutKeys,
} from './table.ts';

export const taskPk = (id: string) => `TASK#${id}`;
const taskKey = (id: string) => ({ pk: taskPk(id), sk: 'TASK' });
const PROGRESS_PREFIX = 'PROGRESS#';
/** Sorts after every date: undated tasks come last and never fall inside a due range. */
const NO_DUE_DATE = '~';
const positionTasks = (positionId: string) => `POSITION#${positionId}#TASKS`;

/**
 * gsi1: all tasks by status, then due date; gsi2: a concept's tasks by due date (only tasks
 * with a concept); gsi3: a position's tasks by due date. Due dates lead the sort keys so a
 * due range is a key condition, never a scan.
 */
function taskItem(task: Task) {
  const due = `${task.dueOn ?? NO_DUE_DATE}#${task.id}`;
  return {
    ...taskKey(task.id),
    entity: 'task',
    gsi1pk: 'TASKS',
    gsi1sk: `${task.status}#${due}`,
    ...(task.conceptId ? { gsi2pk: `CONCEPT#${task.conceptId}`, gsi2sk: `TASK#${due}` } : {}),
    gsi3pk: positionTasks(task.positionId),
    gsi3sk: due,
    ...task,
  };
}

const progressItem = (entry: ProgressEntry) => ({
  pk: taskPk(entry.taskId),
  sk: `${PROGRESS_PREFIX}${entry.id}`,
  entity: 'progress',
  ...entry,
});

/** The deadline writes a change needs: only when the derived deadline actually changes. */
function deadlineWrites(before: Task | undefined, after: Task): Write[] {
  const previous = before && taskDeadline(before);
  const next = taskDeadline(after);
  if (isDeepStrictEqual(previous, next)) return [];
  if (next) return [putDeadline(taskPk(after.id), next)];
  return [removeDeadline(taskPk(after.id), deadlineId(after.id, 'task_due'))];
}

export interface TaskFilter {
  status?: Task['status'] | undefined;
  conceptId?: string | undefined;
  positionId?: string | undefined;
  /** The assignee's e-mail. */
  assignee?: string | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
}

/** A due range as sort-key bounds under a prefix; `to` takes every id of its last day. */
function dueKeys(
  prefix: string,
  due: [string, string] | undefined,
): Pick<QueryInput, 'sortKeyPrefix' | 'sortKeyBetween'> {
  if (due) return { sortKeyBetween: [`${prefix}${due[0]}`, `${prefix}${due[1]}#~`] };
  return prefix ? { sortKeyPrefix: prefix } : {};
}

function andAll(conditions: Condition[]): Condition | undefined {
  if (conditions.length === 0) return undefined;
  return {
    expression: conditions.map((condition) => condition.expression).join(' AND '),
    names: Object.assign({}, ...conditions.map((condition) => condition.names)),
    values: Object.assign({}, ...conditions.map((condition) => condition.values)),
  };
}

const equals = (attribute: string, value: string): Condition => ({
  expression: `#${attribute} = :${attribute}`,
  names: { [`#${attribute}`]: attribute },
  values: { [`:${attribute}`]: value },
});

export class TaskRepository {
  constructor(
    private readonly table: Table,
    private readonly cursors: CursorCodec,
    private readonly concepts: ConceptRepository,
  ) {}

  async create(input: CreateTask, context: WriteContext): Promise<Task> {
    await requirePosition(this.table, input.positionId);
    if (input.conceptId) await this.#requireConcept(input.conceptId);
    const task = newTask(input, { id: context.newId(), now: context.now });
    await this.table.transact([
      { put: taskItem(task), condition: mustNotExist },
      historyWrite(taskPk(task.id), context, { action: 'create', to: task.status }),
      ...deadlineWrites(undefined, task),
    ]);
    return task;
  }

  find(id: string): Promise<Task | undefined> {
    return findRecord<Task>(this.table, taskKey(id));
  }

  async get(id: string): Promise<Task> {
    return getRecord(await this.find(id), 'Task', id);
  }

  /**
   * One Query on the most selective index: a concept's tasks (gsi2), else a position's (gsi3),
   * else all tasks by status (gsi1). The due range is a key condition wherever the due date leads
   * the sort key; the other criteria filter that one Query.
   */
  list(filter: TaskFilter, page: PageRequest): Promise<Page<Task>> {
    if (filter.dueFrom && filter.dueTo && filter.dueFrom > filter.dueTo) {
      throw invalid('dueTo', 'must not be before dueFrom');
    }
    const due: [string, string] | undefined =
      filter.dueFrom || filter.dueTo
        ? [filter.dueFrom ?? '0000-01-01', filter.dueTo ?? '9999-12-31']
        : undefined;
    const conditions: Condition[] = [];
    if (filter.assignee) {
      conditions.push({
        expression: '#assignee.#email = :assignee',
        names: { '#assignee': 'assignee', '#email': 'email' },
        values: { ':assignee': filter.assignee.toLowerCase() },
      });
    }
    let query: Omit<QueryInput, 'startKey' | 'limit'>;
    if (filter.conceptId) {
      query = { index: 'gsi2', partition: `CONCEPT#${filter.conceptId}`, ...dueKeys('TASK#', due) };
      if (filter.positionId) conditions.push(equals('positionId', filter.positionId));
      if (filter.status) conditions.push(equals('status', filter.status));
    } else if (filter.positionId) {
      query = { index: 'gsi3', partition: positionTasks(filter.positionId), ...dueKeys('', due) };
      if (filter.status) conditions.push(equals('status', filter.status));
    } else if (filter.status) {
      query = { index: 'gsi1', partition: 'TASKS', ...dueKeys(`${filter.status}#`, due) };
    } else {
      query = { index: 'gsi1', partition: 'TASKS' };
      if (due) {
        conditions.push({
          expression: '#dueOn BETWEEN :dueFrom AND :dueTo',
          names: { '#dueOn': 'dueOn' },
          values: { ':dueFrom': due[0], ':dueTo': due[1] },
        });
      }
    }
    const combined = andAll(conditions);
    return queryPage(this.table, this.cursors, combined ? { ...query, filter: combined } : query, page);
  }

  async listForPosition(positionId: string): Promise<Task[]> {
    const items = await this.table.queryAll({ index: 'gsi3', partition: positionTasks(positionId) });
    return items.map((item) => withoutKeys<Task>(item));
  }

  /** Edits a task and, with `status`, moves it; only its assignee or an admin may. */
  async update(id: string, expectedVersion: number, patch: UpdateTask, context: WriteContext): Promise<Task> {
    const current = await this.get(id);
    checkTaskAccess(context.actor, current);
    if (current.version !== expectedVersion) throw staleVersion('task');
    if (patch.conceptId) await this.#requireConcept(patch.conceptId);
    const next = applyTaskUpdate(current, patch, context.now);
    const moved = next.status !== current.status;
    await this.table.transact([
      {
        put: taskItem(next),
        condition: versionIs(expectedVersion),
        onConditionFailed: () => staleVersion('task'),
      },
      historyWrite(taskPk(id), context, {
        action: moved ? 'status' : 'update',
        ...(moved ? { from: current.status, to: next.status } : {}),
        note: patch.note,
        changes: changedFields(current, next),
      }),
      ...deadlineWrites(current, next),
    ]);
    return next;
  }

  /**
   * Appends a progress entry and moves the task in one transaction conditioned on the task's
   * version: of two entries racing on the same task one is recorded, the other refused
   * unchanged, so the percent floor and the status can never interleave wrongly.
   */
  async logProgress(
    id: string,
    input: ProgressInput,
    context: WriteContext,
  ): Promise<{ task: Task; entry: ProgressEntry }> {
    const current = await this.get(id);
    checkTaskAccess(context.actor, current);
    const { task, entry } = decideProgress(current, input, {
      id: context.newId(),
      now: context.now,
      today: berlinDate(context.now),
      actor: context.actor,
    });
    await this.table.transact([
      {
        put: taskItem(task),
        condition: versionIs(current.version),
        onConditionFailed: () =>
          conflict('The task changed while this entry was being recorded; nothing was saved, please retry'),
      },
      { put: progressItem(entry), condition: mustNotExist },
      historyWrite(taskPk(id), context, {
        action: 'progress',
        ...(entry.statusChange ?? {}),
        note: `${entry.percent} % on ${entry.on}`,
        changes: changedFields(current, task),
      }),
      ...deadlineWrites(current, task),
    ]);
    return { task, entry };
  }

  /** Progress entries, oldest first. */
  async progress(id: string, page: PageRequest): Promise<Page<ProgressEntry>> {
    await this.get(id);
    return queryPage(
      this.table,
      this.cursors,
      { partition: taskPk(id), sortKeyPrefix: PROGRESS_PREFIX },
      page,
    );
  }

  async progressEntry(id: string, entryId: string): Promise<ProgressEntry> {
    const item = await this.table.get({ pk: taskPk(id), sk: `${PROGRESS_PREFIX}${entryId}` });
    if (!item) throw notFound('Progress entry', entryId);
    return withoutKeys<ProgressEntry>(item);
  }

  /** A task's entries dated inside a period, oldest first. */
  async progressIn(id: string, period: Period): Promise<ProgressEntry[]> {
    const items = await this.table.queryAll({
      partition: taskPk(id),
      sortKeyPrefix: PROGRESS_PREFIX,
      filter: {
        expression: '#on BETWEEN :start AND :end',
        names: { '#on': 'on' },
        values: { ':start': period.start, ':end': period.end },
      },
    });
    return items.map((item) => withoutKeys<ProgressEntry>(item));
  }

  async history(id: string): Promise<HistoryEntry[]> {
    await this.get(id);
    return readHistory(this.table, taskPk(id));
  }

  async #requireConcept(conceptId: string): Promise<void> {
    if (!(await this.concepts.find(conceptId))) {
      throw new AppError('validation', `Concept ${conceptId} does not exist`, {
        errors: [{ path: 'conceptId', message: 'no such concept' }],
      });
    }
  }
}
