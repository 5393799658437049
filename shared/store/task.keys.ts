import type { ProgressEntry, Task } from '../domain/task.ts';
import { allOf, attributeIs } from './conditions.ts';
import { defineEntity, type QueryOptions } from './entity.ts';
import type { Condition, QueryInput } from './table.ts';

/** Sorts after every date: undated tasks come last and never fall inside a due range. */
const NO_DUE_DATE = '~';

/**
 * byStatus: all tasks by status, then due date; ofConcept: a concept's tasks by due date (only
 * tasks with a concept); ofPosition: a position's tasks by due date. Due dates lead the sort
 * keys after the status, so a due range is a key condition, never a scan.
 */
export const taskEntity = defineEntity<Task>()({
  tag: 'task',
  pk: ['TASK', ':id'],
  sk: ['TASK'],
  indexes: {
    byStatus: { index: 'gsi1', pk: ['TASKS'], sk: [':status', ':due', ':id'] },
    ofConcept: { index: 'gsi2', pk: ['CONCEPT', ':conceptId'], sk: ['TASK', ':due', ':id'] },
    ofPosition: { index: 'gsi3', pk: ['POSITION', ':positionId', 'TASKS'], sk: [':due', ':id'] },
  },
  derived: (task) => ({ due: task.dueOn ?? NO_DUE_DATE }),
});

export const taskKey = (id: string) => taskEntity.key({ id });
export const taskPk = (id: string) => taskKey(id).pk;

/** Progress entries are appended under their task, in the order they were made. */
export const progressEntity = defineEntity<ProgressEntry>()({
  tag: 'progress',
  pk: ['TASK', ':taskId'],
  sk: ['PROGRESS', ':id'],
});

export interface TaskFilter {
  status?: Task['status'] | undefined;
  conceptId?: string | undefined;
  positionId?: string | undefined;
  /** The assignee's e-mail. */
  assignee?: string | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
}

/**
 * One Query on the most selective index: a concept's tasks, else a position's, else all tasks
 * by status. The due range is a key condition wherever the due date follows the fixed part of
 * the sort key; every other criterion filters that one Query.
 */
export function taskListQuery(filter: TaskFilter): Omit<QueryInput, 'startKey' | 'limit'> {
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
  const range = <N extends string>(prefix: QueryOptions<N>['prefix'] = {}): QueryOptions<N> =>
    due ? { prefix, between: due } : { prefix };
  let query: Omit<QueryInput, 'startKey' | 'limit'>;
  if (filter.conceptId) {
    if (filter.positionId) conditions.push(attributeIs('positionId', filter.positionId));
    if (filter.status) conditions.push(attributeIs('status', filter.status));
    query = taskEntity.query('ofConcept', { conceptId: filter.conceptId }, range());
  } else if (filter.positionId) {
    if (filter.status) conditions.push(attributeIs('status', filter.status));
    query = taskEntity.query('ofPosition', { positionId: filter.positionId }, range());
  } else if (filter.status) {
    query = taskEntity.query('byStatus', {}, range({ status: filter.status }));
  } else {
    // All statuses: the due date is not the sort key's first value, so it filters.
    if (due) {
      conditions.push({
        expression: '#dueOn BETWEEN :dueFrom AND :dueTo',
        names: { '#dueOn': 'dueOn' },
        values: { ':dueFrom': due[0], ':dueTo': due[1] },
      });
    }
    query = taskEntity.query('byStatus', {});
  }
  const combined = allOf(conditions);
  return combined ? { ...query, filter: combined } : query;
}
