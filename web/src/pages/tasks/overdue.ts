import type { Task, TaskStatus } from '../../api/types.ts';

/** Statuses of a task still to be worked on. */
export const ACTIVE_STATUSES: readonly TaskStatus[] = ['open', 'in_progress', 'blocked'];

/** A task is overdue when its due date has passed and it is still to be worked on. */
export const isOverdue = (task: Pick<Task, 'dueOn' | 'status'>, today: string) =>
  task.dueOn !== null && task.dueOn < today && ACTIVE_STATUSES.includes(task.status);
