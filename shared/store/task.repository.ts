import { berlinDate, type Period } from '../domain/calendar-date.ts';
import { invalid, notFound } from '../domain/errors.ts';
import { changedValues } from '../domain/history.ts';
import {
  applyTaskUpdate,
  type CreateTask,
  checkTaskAccess,
  decideProgress,
  newTask,
  type ProgressEntry,
  type ProgressInput,
  type Task,
  taskDeadlineIds,
  taskDeadlines,
  type UpdateTask,
} from '../domain/task.ts';
import { mustNotExist } from './conditions.ts';
import type { CursorCodec } from './cursor.ts';
import { deadlineKeys, storedDeadlines, syncDeadlines } from './deadline-sync.ts';
import { historyWrite, type Page, type PageRequest, queryPage, type WriteContext } from './records.ts';
import { requireConcept, requirePosition } from './references.ts';
import { conflict } from './store-errors.ts';
import { type Item, type Table, withoutKeys } from './table.ts';
import { progressEntity, type TaskFilter, taskEntity, taskKey, taskListQuery, taskPk } from './task.keys.ts';
import { RecordRepository } from './versioned-records.ts';

export type { TaskFilter } from './task.keys.ts';

export class TaskRepository extends RecordRepository<Task> {
  constructor(
    table: Table,
    private readonly cursors: CursorCodec,
  ) {
    super(table, taskEntity, 'task', taskKey);
  }

  async create(input: CreateTask, context: WriteContext): Promise<Task> {
    await requirePosition(this.table, input.positionId);
    if (input.conceptId) await requireConcept(this.table, input.conceptId);
    const task = newTask(input, { id: context.newId(), now: context.now });
    await this.table.transact([
      this.records.put(task),
      historyWrite(taskPk(task.id), context, { action: 'create', to: task.status }),
      ...syncDeadlines(taskPk(task.id), [], taskDeadlines(task), context.now),
    ]);
    return task;
  }

  list(filter: TaskFilter, page: PageRequest): Promise<Page<Task>> {
    if (filter.dueFrom && filter.dueTo && filter.dueFrom > filter.dueTo) {
      throw invalid('dueTo', 'must not be before dueFrom');
    }
    return queryPage(this.table, this.cursors, taskListQuery(filter), page);
  }

  async listForPosition(positionId: string): Promise<Task[]> {
    const items = await this.table.queryAll(taskEntity.query('ofPosition', { positionId }));
    return items.map((item) => withoutKeys<Task>(item));
  }

  /** Edits a task and, with `status`, moves it; only its assignee or an admin may. */
  async update(id: string, expectedVersion: number, patch: UpdateTask, context: WriteContext): Promise<Task> {
    return this.records.change(this.#withDeadline(id, expectedVersion), context, async (current, read) => {
      checkTaskAccess(context.actor, current);
      if (patch.conceptId) await requireConcept(this.table, patch.conceptId);
      const next = applyTaskUpdate(current, patch, context.now);
      const moved = next.status !== current.status;
      return {
        next,
        history: {
          action: moved ? 'status' : 'update',
          ...(moved ? { from: current.status, to: next.status } : {}),
          note: patch.note,
        },
        writes: this.#deadlineWrites(next, read, context),
      };
    });
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
    const [item, ...read] = await this.table.getMany([
      taskKey(id),
      ...deadlineKeys(taskPk(id), taskDeadlineIds(id)),
    ]);
    if (!item) throw notFound('Task', id);
    const current = withoutKeys<Task>(item);
    checkTaskAccess(context.actor, current);
    const { task, entry } = decideProgress(current, input, {
      id: context.newId(),
      now: context.now,
      today: berlinDate(context.now),
      actor: context.actor,
    });
    await this.table.transact([
      {
        ...this.records.replace(task, current.version),
        onConditionFailed: () =>
          conflict('The task changed while this entry was being recorded; nothing was saved, please retry'),
      },
      { put: progressEntity.item(entry), condition: mustNotExist },
      historyWrite(taskPk(id), context, {
        action: 'progress',
        ...(entry.statusChange ?? {}),
        note: `${entry.percent} % on ${entry.on}`,
        changes: changedValues(current, task),
      }),
      ...this.#deadlineWrites(task, read, context),
    ]);
    return { task, entry };
  }

  /** Progress entries, oldest first. */
  async progress(id: string, page: PageRequest): Promise<Page<ProgressEntry>> {
    await this.get(id);
    return queryPage(this.table, this.cursors, progressEntity.partitionQuery({ taskId: id }), page);
  }

  async progressEntry(id: string, entryId: string): Promise<ProgressEntry> {
    const item = await this.table.get(progressEntity.key({ taskId: id, id: entryId }));
    if (!item) throw notFound('Progress entry', entryId);
    return withoutKeys<ProgressEntry>(item);
  }

  /** A task's entries dated inside a period, oldest first. */
  async progressIn(id: string, period: Period): Promise<ProgressEntry[]> {
    const items = await this.table.queryAll({
      ...progressEntity.partitionQuery({ taskId: id }),
      filter: {
        expression: '#on BETWEEN :start AND :end',
        names: { '#on': 'on' },
        values: { ':start': period.start, ':end': period.end },
      },
    });
    return items.map((item) => withoutKeys<ProgressEntry>(item));
  }

  /** The task with its deadline item, read in one snapshot before a change. */
  #withDeadline(id: string, expectedVersion: number) {
    return { id, key: taskKey(id), expectedVersion, alsoRead: deadlineKeys(taskPk(id), taskDeadlineIds(id)) };
  }

  #deadlineWrites(task: Task, read: readonly (Item | undefined)[], context: WriteContext) {
    return syncDeadlines(taskPk(task.id), storedDeadlines(read), taskDeadlines(task), context.now);
  }
}
