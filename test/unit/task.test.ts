import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/domain/actor.ts';
import type { AppError } from '../../shared/domain/errors.ts';
import {
  applyTaskUpdate,
  checkTaskAccess,
  createTaskSchema,
  decideProgress,
  newTask,
  type ProgressInput,
  progressInputSchema,
  TASK_STATUSES,
  TASK_TRANSITIONS,
  type Task,
  taskDeadlines,
  updateTaskSchema,
} from '../../shared/domain/task.ts';
import { KIM, POSITION_ID, taskBody } from '../fixtures/coordinator.ts';
import { errorOf } from '../support/app-error.ts';

const now = new Date('2024-01-15T09:00:00Z');
const today = '2024-01-15';
const kim: Actor = { sub: 'kim', email: KIM.email, roles: ['coordinator'] };

const task = (overrides: Partial<Task> = {}): Task => ({
  ...newTask(createTaskSchema.parse(taskBody(POSITION_ID)), {
    id: '01JC0Z6XKX2P4T3C8Y5W7QF9T1',
    now: new Date('2023-01-02T08:00:00Z'),
  }),
  ...overrides,
});

const progress = (current: Task, input: Partial<ProgressInput> = {}) =>
  decideProgress(
    current,
    { note: 'Träger eingeladen', percent: 30, ...input },
    { id: '01JC0Z6XKX2P4T3C8Y5W7QF9E1', now, today, actor: kim },
  );

const pathsOf = (error: AppError) => error.errors?.map((fieldError) => fieldError.path);

describe('task status machine', () => {
  it('allows exactly the documented moves', () => {
    const moves = TASK_STATUSES.flatMap((from) => TASK_TRANSITIONS[from].map((to) => `${from}→${to}`));
    expect(moves.sort()).toEqual(
      [
        'open→in_progress',
        'open→blocked',
        'open→done',
        'open→cancelled',
        'in_progress→blocked',
        'in_progress→done',
        'in_progress→cancelled',
        'blocked→open',
        'blocked→in_progress',
        'blocked→cancelled',
        'done→in_progress',
        'cancelled→open',
      ].sort(),
    );
  });

  it('refuses every other move with a conflict naming the allowed ones', () => {
    const error = errorOf(() => applyTaskUpdate(task({ status: 'in_progress' }), { status: 'open' }, now));
    expect(error.kind).toBe('conflict');
    expect(error.extensions).toEqual({ from: 'in_progress', allowed: ['blocked', 'done', 'cancelled'] });
  });

  it('needs a reason to block and clears it when unblocking', () => {
    expect(pathsOf(errorOf(() => applyTaskUpdate(task(), { status: 'blocked' }, now)))).toEqual([
      'blockedReason',
    ]);
    const blocked = applyTaskUpdate(task(), { status: 'blocked', blockedReason: 'Träger fehlt' }, now);
    expect(blocked).toMatchObject({ status: 'blocked', blockedReason: 'Träger fehlt', version: 2 });
    expect(applyTaskUpdate(blocked, { status: 'in_progress' }, now).blockedReason).toBeNull();
  });

  it('refuses a blocked reason on a task that is not blocked', () => {
    const error = errorOf(() => applyTaskUpdate(task(), { blockedReason: 'x' }, now));
    expect(pathsOf(error)).toEqual(['blockedReason']);
  });

  it('sets 100 percent and the closing time when a task is marked done', () => {
    const done = applyTaskUpdate(
      task({ status: 'in_progress', percent: 60, percentFloor: 60 }),
      { status: 'done' },
      now,
    );
    expect(done).toMatchObject({
      status: 'done',
      percent: 100,
      percentFloor: 100,
      closedAt: now.toISOString(),
    });
  });

  it('reopens a done task with its floor dropped to 0 and no closing time', () => {
    const done = task({
      status: 'done',
      percent: 100,
      percentFloor: 100,
      closedAt: '2023-06-01T10:00:00.000Z',
    });
    expect(applyTaskUpdate(done, { status: 'in_progress' }, now)).toMatchObject({
      status: 'in_progress',
      percent: 100,
      percentFloor: 0,
      closedAt: null,
    });
  });
});

describe('progress entries', () => {
  it('start an open task and record percent, hours and dates', () => {
    const { task: next, entry } = progress(task(), { hours: 2.5, on: '2023-03-08' });
    expect(next).toMatchObject({
      status: 'in_progress',
      percent: 30,
      percentFloor: 30,
      hoursTotal: 2.5,
      progressCount: 1,
      lastProgressAt: now.toISOString(),
      lastProgressOn: '2023-03-08',
      version: 2,
    });
    expect(entry).toEqual({
      id: '01JC0Z6XKX2P4T3C8Y5W7QF9E1',
      taskId: '01JC0Z6XKX2P4T3C8Y5W7QF9T1',
      on: '2023-03-08',
      note: 'Träger eingeladen',
      percent: 30,
      hours: 2.5,
      statusChange: { from: 'open', to: 'in_progress' },
      recordedAt: now.toISOString(),
      recordedBy: { sub: 'kim', email: KIM.email },
    });
  });

  it('are dated today unless given a day, and add up hours without float noise', () => {
    const current = task({ status: 'in_progress', hoursTotal: 0.1, progressCount: 1 });
    const { task: next, entry } = progress(current, { hours: 0.2 });
    expect(entry.on).toBe(today);
    expect(entry.statusChange).toBeNull();
    expect(next.hoursTotal).toBe(0.3);
  });

  it('never lower the percent below the last entry', () => {
    const current = task({ status: 'in_progress', percent: 60, percentFloor: 60 });
    expect(pathsOf(errorOf(() => progress(current, { percent: 50 })))).toEqual(['percent']);
    expect(progress(current, { percent: 60 }).task.percent).toBe(60);
  });

  it('may start lower after a reopen, but only with the first entry after it', () => {
    const reopened = applyTaskUpdate(
      task({ status: 'done', percent: 100, percentFloor: 100 }),
      { status: 'in_progress' },
      now,
    );
    const { task: next } = progress(reopened, { percent: 70 });
    expect(next.percent).toBe(70);
    expect(pathsOf(errorOf(() => progress(next, { percent: 65 })))).toEqual(['percent']);
  });

  it.each(['done', 'cancelled'] as const)('are refused on a %s task with a conflict', (status) => {
    const error = errorOf(() => progress(task({ status })));
    expect(error.kind).toBe('conflict');
    expect(error.extensions).toEqual({ from: status, allowed: TASK_TRANSITIONS[status] });
  });

  it('finish a task only at 100 percent', () => {
    const current = task({ status: 'in_progress' });
    expect(pathsOf(errorOf(() => progress(current, { status: 'done', percent: 90 })))).toEqual(['percent']);
    expect(progress(current, { status: 'done', percent: 100 }).task).toMatchObject({
      status: 'done',
      closedAt: now.toISOString(),
    });
  });

  it('block a task with the note as the reason', () => {
    const { task: next, entry } = progress(task({ status: 'in_progress' }), {
      status: 'blocked',
      note: 'Raum fehlt',
    });
    expect(next).toMatchObject({ status: 'blocked', blockedReason: 'Raum fehlt' });
    expect(entry.statusChange).toEqual({ from: 'in_progress', to: 'blocked' });
  });

  it('refuse a move the status machine does not allow', () => {
    expect(errorOf(() => progress(task({ status: 'in_progress' }), { status: 'open' })).kind).toBe(
      'conflict',
    );
  });

  it('refuse a day in the future or before the last entry', () => {
    expect(pathsOf(errorOf(() => progress(task(), { on: '2024-01-16' })))).toEqual(['on']);
    const current = task({ status: 'in_progress', lastProgressOn: '2023-05-01' });
    expect(pathsOf(errorOf(() => progress(current, { on: '2023-04-30' })))).toEqual(['on']);
  });
});

describe('input schemas', () => {
  const entry = (overrides: Record<string, unknown>) =>
    progressInputSchema.safeParse({ note: 'Notiz', percent: 10, ...overrides });
  const failedPath = (result: ReturnType<typeof entry>) =>
    result.error?.issues.map((issue) => issue.path.join('.'));

  it.each([
    ['a percent above 100', { percent: 101 }, 'percent'],
    ['a negative percent', { percent: -1 }, 'percent'],
    ['a fractional percent', { percent: 50.5 }, 'percent'],
    ['a percent as a string', { percent: '50' }, 'percent'],
    ['an empty note', { note: '   ' }, 'note'],
    ['a note above 10 000 characters', { note: 'x'.repeat(10_001) }, 'note'],
    ['negative hours', { hours: -0.5 }, 'hours'],
    ['more than 24 hours', { hours: 24.25 }, 'hours'],
    ['hours with three decimals', { hours: 1.125 }, 'hours'],
    ['a day that does not exist', { on: '2023-02-30' }, 'on'],
    ['an unknown status', { status: 'paused' }, 'status'],
    ['an unknown field', { minutes: 5 }, ''],
  ])('refuse a progress entry with %s', (_case, overrides, path) => {
    expect(failedPath(entry(overrides))).toEqual([path]);
  });

  it('take a note of exactly 10 000 characters and 24 hours', () => {
    expect(entry({ note: 'x'.repeat(10_000), hours: 24 }).success).toBe(true);
  });

  it('refuse a task due on a day that does not exist, an unknown area and server-owned fields', () => {
    const issues = (body: Record<string, unknown>) =>
      createTaskSchema
        .safeParse(taskBody(POSITION_ID, body))
        .error?.issues.map((issue) => issue.path.join('.'));
    expect(issues({ dueOn: '2025-02-30' })).toEqual(['dueOn']);
    expect(issues({ area: 'catering' })).toEqual(['area']);
    expect(issues({ percent: 50 })).toEqual(['']);
    expect(updateTaskSchema.safeParse({ percent: 50 }).success).toBe(false);
    expect(updateTaskSchema.safeParse({ positionId: POSITION_ID }).success).toBe(false);
    expect(updateTaskSchema.safeParse({ note: 'nur eine Notiz' }).success).toBe(false);
  });
});

describe('object-level access', () => {
  it('lets the assignee and any admin change a task', () => {
    expect(() => checkTaskAccess(kim, task())).not.toThrow();
    expect(() =>
      checkTaskAccess({ sub: 'a', email: 'admin@erfurt.example', roles: ['admin'] }, task()),
    ).not.toThrow();
  });

  it('refuses another coordinator and a token without e-mail', () => {
    const other: Actor = { sub: 'o', email: 'other@erfurt.example', roles: ['coordinator'] };
    expect(errorOf(() => checkTaskAccess(other, task())).kind).toBe('forbidden');
    expect(errorOf(() => checkTaskAccess({ ...kim, email: undefined }, task())).kind).toBe('forbidden');
  });
});

describe('task deadline', () => {
  it('is none without a due date', () => {
    expect(taskDeadlines(task({ dueOn: null }))).toEqual([]);
  });

  it('is owned by the assignee and open while the task is', () => {
    expect(taskDeadlines(task())).toEqual([
      {
        id: '01JC0Z6XKX2P4T3C8Y5W7QF9T1.task_due',
        kind: 'task_due',
        dueOn: '2023-06-30',
        subject: {
          type: 'task',
          id: '01JC0Z6XKX2P4T3C8Y5W7QF9T1',
          title: 'Bestandsaufnahme der Quartiersarbeit',
        },
        owner: KIM,
        status: 'open',
      },
    ]);
  });

  it('is done once the task is done or cancelled (the store records when it closed)', () => {
    const closedAt = '2023-06-01T10:00:00.000Z';
    for (const status of ['done', 'cancelled'] as const) {
      expect(taskDeadlines(task({ status, closedAt }))).toMatchObject([{ status: 'done' }]);
    }
  });
});
