import * as z from '../zod.ts';
import type { Actor } from './actor.ts';
import { calendarDateSchema } from './calendar-date.ts';
import {
  decimalSchema,
  newRecordFields,
  noteSchema,
  recordIdSchema,
  storedRecordFields,
  textSchema,
  updateOf,
} from './common-schemas.ts';
import { type DerivedDeadline, deadlineId } from './deadline.ts';
import { AppError, type FieldError } from './errors.ts';
import { personSchema } from './person.ts';
import { checkTransition } from './state-machine.ts';

/** The three duties the funding names for the position, plus everything else. */
export const TASK_AREAS = [
  'concept_planning',
  'coordination_networking',
  'district_concepts',
  'other',
] as const;
export type TaskArea = (typeof TASK_AREAS)[number];

export const TASK_STATUSES = ['open', 'in_progress', 'blocked', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * The moves a task can make (by PATCH `status` or with a progress entry):
 *
 * | from        | to                                  |
 * |-------------|-------------------------------------|
 * | open        | in_progress, blocked, done, cancelled |
 * | in_progress | blocked, done, cancelled            |
 * | blocked     | open, in_progress, cancelled        |
 * | done        | in_progress (reopen)                |
 * | cancelled   | open (reopen)                       |
 *
 * Work once started is not "un-started" (no in_progress → open); a blocked task is unblocked
 * before it is finished; done and cancelled are closed and can only be reopened, which is the
 * one move that resets the percent floor (see {@link decideProgress}).
 */
export const TASK_TRANSITIONS: Record<TaskStatus, readonly TaskStatus[]> = {
  open: ['in_progress', 'blocked', 'done', 'cancelled'],
  in_progress: ['blocked', 'done', 'cancelled'],
  blocked: ['open', 'in_progress', 'cancelled'],
  done: ['in_progress'],
  cancelled: ['open'],
};

export const isClosed = (status: TaskStatus) => status === 'done' || status === 'cancelled';

/** Upper bound of a progress note. */
export const NOTE_MAX = 10_000;
/** Upper bound of the hours one entry may book. */
export const MAX_HOURS_PER_ENTRY = 24;

const taskFields = {
  title: textSchema(300),
  description: z.string().trim().max(NOTE_MAX).nullable().optional(),
  area: z.enum(TASK_AREAS),
  positionId: recordIdSchema,
  conceptId: recordIdSchema.nullable().optional(),
  dueOn: calendarDateSchema.nullable().optional(),
  assignee: personSchema,
};

export const createTaskSchema = z.strictObject(taskFields);
export type CreateTask = z.infer<typeof createTaskSchema>;

export const updateTaskSchema = updateOf(
  z
    .strictObject({
      ...taskFields,
      status: z.enum(TASK_STATUSES),
      /** Required when the status becomes blocked. */
      blockedReason: textSchema(2000),
      note: noteSchema,
    })
    .omit({ positionId: true }),
);
export type UpdateTask = z.infer<typeof updateTaskSchema>;

const hoursSchema = decimalSchema(0.01, 0, MAX_HOURS_PER_ENTRY, 'must have at most two decimals');

export const progressInputSchema = z.strictObject({
  note: textSchema(NOTE_MAX),
  percent: z
    .number()
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(100, 'must be at most 100'),
  hours: hoursSchema.optional(),
  /** Moves the task along with the entry; moving to blocked takes the note as the reason. */
  status: z.enum(TASK_STATUSES).optional(),
  /** The day the work was done; defaults to today, never in the future. */
  on: calendarDateSchema.optional(),
});
export type ProgressInput = z.infer<typeof progressInputSchema>;

export const taskSchema = z
  .object({
    ...storedRecordFields,
    title: z.string(),
    description: z.string().nullable(),
    area: z.enum(TASK_AREAS),
    positionId: z.string(),
    conceptId: z.string().nullable(),
    dueOn: z.string().nullable(),
    assignee: personSchema,
    status: z.enum(TASK_STATUSES),
    blockedReason: z.string().nullable(),
    /** The percent of the last progress entry (100 once marked done). */
    percent: z.number().int(),
    /** The lowest percent the next entry may give: the last entry's, or 0 after a reopen. */
    percentFloor: z.number().int(),
    hoursTotal: z.number(),
    progressCount: z.number().int(),
    lastProgressAt: z.string().nullable(),
    lastProgressOn: z.string().nullable(),
    /** When the task was last closed (done or cancelled); null while it is not. */
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'Task' });
export type Task = z.infer<typeof taskSchema>;

export const progressEntrySchema = z
  .object({
    id: z.string(),
    taskId: z.string(),
    on: z.string(),
    note: z.string(),
    percent: z.number().int(),
    hours: z.number().nullable(),
    statusChange: z.object({ from: z.enum(TASK_STATUSES), to: z.enum(TASK_STATUSES) }).nullable(),
    recordedAt: z.string(),
    recordedBy: z.object({ sub: z.string(), email: z.string().nullable() }),
  })
  .meta({ id: 'ProgressEntry' });
export type ProgressEntry = z.infer<typeof progressEntrySchema>;

const refuse = (errors: FieldError[]) => new AppError('validation', 'The task is not valid', { errors });

export function newTask(input: CreateTask, context: { id: string; now: Date }): Task {
  return {
    ...newRecordFields(context),
    title: input.title,
    description: input.description ?? null,
    area: input.area,
    positionId: input.positionId,
    conceptId: input.conceptId ?? null,
    dueOn: input.dueOn ?? null,
    assignee: input.assignee,
    status: 'open',
    blockedReason: null,
    percent: 0,
    percentFloor: 0,
    hoursTotal: 0,
    progressCount: 0,
    lastProgressAt: null,
    lastProgressOn: null,
    closedAt: null,
  };
}

/**
 * Object-level access (OWASP API1): a coordinator changes only the tasks assigned to them,
 * identified by the token's e-mail; an admin changes any task.
 */
export function checkTaskAccess(actor: Actor, task: Pick<Task, 'id' | 'assignee'>): void {
  if (actor.roles.includes('admin')) return;
  if (actor.email !== undefined && actor.email === task.assignee.email) return;
  throw new AppError('forbidden', `Only the assignee of task ${task.id} or an admin may change it`);
}

/** The fields a status move sets besides the status itself. */
function moveTo(task: Task, to: TaskStatus, reason: string | undefined, now: Date): Partial<Task> {
  if (to === task.status) return {};
  checkTransition('A task', TASK_TRANSITIONS, task.status, to);
  const reopening = isClosed(task.status);
  return {
    status: to,
    blockedReason: to === 'blocked' ? (reason ?? null) : null,
    closedAt: isClosed(to) ? now.toISOString() : null,
    // Done means done: the percent follows. A reopened task starts afresh (its floor drops to 0).
    ...(to === 'done' ? { percent: 100, percentFloor: 100 } : {}),
    ...(reopening ? { percentFloor: 0 } : {}),
  };
}

/** Edits a task and, with `status`, moves it; blocking needs a reason. */
export function applyTaskUpdate(task: Task, patch: UpdateTask, now: Date): Task {
  const { note: _note, status, blockedReason, ...fields } = patch;
  const to = status ?? task.status;
  if (to === 'blocked' && to !== task.status && blockedReason === undefined) {
    throw refuse([{ path: 'blockedReason', message: 'is required to block a task' }]);
  }
  if (blockedReason !== undefined && to !== 'blocked') {
    throw refuse([{ path: 'blockedReason', message: 'goes with status blocked' }]);
  }
  return {
    ...task,
    ...fields,
    description: fields.description === undefined ? task.description : fields.description,
    conceptId: fields.conceptId === undefined ? task.conceptId : fields.conceptId,
    dueOn: fields.dueOn === undefined ? task.dueOn : fields.dueOn,
    ...moveTo(task, to, blockedReason, now),
    ...(blockedReason !== undefined && to === task.status ? { blockedReason } : {}),
    version: task.version + 1,
    updatedAt: now.toISOString(),
  };
}

const addHours = (total: number, hours: number) => Math.round((total + hours) * 100) / 100;

/**
 * Decides a progress entry and the task it leaves behind. The rules:
 * - Closed tasks (done, cancelled) take no progress: reopen them first (409).
 * - The percent never falls below the task's floor, which is the last entry's percent; only a
 *   reopen (done → in_progress, cancelled → open, by PATCH) drops the floor to 0, so the first
 *   entry after a reopen may start lower.
 * - An entry without a status starts an open task (open → in_progress); with a status it
 *   makes that move, checked against {@link TASK_TRANSITIONS}. Finishing needs 100 percent.
 * - Entries are dated (`on`, default today): never in the future, never before the last entry.
 */
export function decideProgress(
  task: Task,
  input: ProgressInput,
  context: { id: string; now: Date; today: string; actor: Pick<Actor, 'sub' | 'email'> },
): { task: Task; entry: ProgressEntry } {
  if (isClosed(task.status)) {
    throw new AppError('conflict', `Progress cannot be logged on a ${task.status} task; reopen it first`, {
      extensions: { from: task.status, allowed: TASK_TRANSITIONS[task.status] },
    });
  }
  const to = input.status ?? (task.status === 'open' ? 'in_progress' : task.status);
  const on = input.on ?? context.today;
  const errors: FieldError[] = [];
  if (input.percent < task.percentFloor) {
    errors.push({
      path: 'percent',
      message: `must not be lower than ${task.percentFloor}, the percent of the last entry`,
    });
  }
  if (to === 'done' && input.percent !== 100) {
    errors.push({ path: 'percent', message: 'must be 100 to finish the task' });
  }
  if (on > context.today) errors.push({ path: 'on', message: 'must not be in the future' });
  if (task.lastProgressOn && on < task.lastProgressOn) {
    errors.push({ path: 'on', message: `must not be before the last entry (${task.lastProgressOn})` });
  }
  const moved = moveTo(task, to, input.note, context.now);
  if (errors.length) throw new AppError('validation', 'The progress entry is not valid', { errors });
  const at = context.now.toISOString();
  const entry: ProgressEntry = {
    id: context.id,
    taskId: task.id,
    on,
    note: input.note,
    percent: input.percent,
    hours: input.hours ?? null,
    statusChange: to === task.status ? null : { from: task.status, to },
    recordedAt: at,
    recordedBy: { sub: context.actor.sub, email: context.actor.email ?? null },
  };
  const next: Task = {
    ...task,
    ...moved,
    percent: input.percent,
    percentFloor: input.percent,
    hoursTotal: addHours(task.hoursTotal, input.hours ?? 0),
    progressCount: task.progressCount + 1,
    lastProgressAt: at,
    lastProgressOn: on,
    version: task.version + 1,
    updatedAt: at,
  };
  return { task: next, entry };
}

/** The task's due-date deadline id, known from the task's id alone (read with it). */
export const taskDeadlineIds = (taskId: string) => [deadlineId(taskId, 'task_due')];

/** The task's due date as a deadline owned by its assignee; done while the task is closed. */
export function taskDeadlines(task: Task): DerivedDeadline[] {
  if (!task.dueOn) return [];
  return [
    {
      id: deadlineId(task.id, 'task_due'),
      kind: 'task_due',
      dueOn: task.dueOn,
      subject: { type: 'task', id: task.id, title: task.title },
      owner: task.assignee,
      status: isClosed(task.status) ? 'done' : 'open',
    },
  ];
}
