import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, Query } from '../../client/index.ts';
import {
  ALEX,
  type CoordinationSteps,
  coordinationApi,
  holdTransactionsUntil,
  KIM,
  putPosition,
  taskBody,
} from '../fixtures/coordinator.ts';
import { dataOf, NO_IF_MATCH, type TestApi } from '../support/test-api.ts';

let api: TestApi;
let steps: CoordinationSteps;
let viewer: ApiClient;
let positionId: string;

beforeAll(async () => {
  ({ api, steps, viewer } = await coordinationApi({ clock: () => new Date('2024-01-15T09:00:00Z') }));
  positionId = await putPosition(api);
});

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const ids = (items: { id: string }[]) => items.map((item) => item.id);
const taskPath = (id: string) => ({ path: { id } });

async function taskDeadlines(taskId: string, status?: 'open' | 'done') {
  const query = { from: '2023-01-01', to: '2024-12-31', kind: 'task_due', limit: 100, status } as const;
  const deadlines = dataOf(await viewer.GET('/v1/deadlines', { params: { query } }));
  return deadlines.items.filter((deadline) => deadline.subject.id === taskId);
}

/** Everything a refused write must leave as it was: the task, its entries and its history. */
async function snapshot(taskId: string) {
  const [task, entries, history] = await Promise.all([
    viewer.GET('/v1/tasks/{id}', { params: taskPath(taskId) }),
    viewer.GET('/v1/tasks/{id}/progress', { params: { ...taskPath(taskId), query: { limit: 100 } } }),
    viewer.GET('/v1/tasks/{id}/history', { params: taskPath(taskId) }),
  ]);
  return { task: dataOf(task), entries: dataOf(entries).items, history: dataOf(history).items };
}

describe('recording a task', () => {
  it('creates an open task at 0 % with ETag and Location', async () => {
    const { data: created, response } = await steps.kim.POST('/v1/tasks', { body: taskBody(positionId) });
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.headers.get('location')).toBe(`/v1/tasks/${created?.id}`);
    expect(created).toMatchObject({
      status: 'open',
      percent: 0,
      lastProgressAt: null,
      positionId,
      conceptId: null,
      assignee: KIM,
      version: 1,
    });
    const read = await viewer.GET('/v1/tasks/{id}', { params: taskPath(created!.id) });
    expect(read.data).toEqual(created);
  });

  it('makes its due date a deadline owned by the assignee', async () => {
    const task = await steps.task(positionId, { dueOn: '2023-05-15' });
    expect(await taskDeadlines(task.id)).toEqual([
      expect.objectContaining({
        id: `${task.id}.task_due`,
        kind: 'task_due',
        dueOn: '2023-05-15',
        status: 'open',
        owner: KIM,
        subject: {
          type: 'task',
          id: task.id,
          title: task.title,
          path: `/v1/tasks/${task.id}`,
          // The coordinator's page of the task in the web app, at this deadline.
          page: `/aufgaben/${task.id}#frist-${task.id}.task_due`,
        },
        nature: 'duty',
      }),
    ]);
  });

  it.each([
    ['an unknown position', { positionId: '01JC0Z6XKX2P4T3C8Y5W7QF9AB' }, 'positionId'],
    ['an unknown concept', { conceptId: '01JC0Z6XKX2P4T3C8Y5W7QF9AB' }, 'conceptId'],
    ['a due date that is not a date', { dueOn: '2023-02-30' }, 'dueOn'],
    ['an unknown area', { area: 'catering' }, 'area'],
    ['an empty title', { title: '  ' }, 'title'],
    ['an assignee without a valid e-mail', { assignee: { name: 'Kim', email: 'kim' } }, 'assignee.email'],
    ['an unknown field', { priority: 'high' }, ''],
    ['a server-owned field', { percent: 50 }, ''],
  ])('refuses %s with 400 and stores nothing', async (_case, overrides, path) => {
    const tasksOfPosition = { params: { query: { positionId, limit: 100 } } };
    const before = dataOf(await viewer.GET('/v1/tasks', tasksOfPosition));
    // Raw: the bodies are wrong on purpose (unknown and server-owned fields among them).
    const response = await api
      .raw('coordinator', KIM.email)
      .post('/v1/tasks', taskBody(positionId, overrides));
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    if (path) expect(response.json.errors.map((error: { path: string }) => error.path)).toContain(path);
    const after = dataOf(await viewer.GET('/v1/tasks', tasksOfPosition));
    expect(after.items).toHaveLength(before.items.length);
  });

  it('refuses finance and viewer with 403, and an unknown task with 404', async () => {
    for (const role of ['finance', 'viewer'] as const) {
      const { response } = await api.client(role).POST('/v1/tasks', { body: taskBody(positionId) });
      expect(response.status).toBe(403);
    }
    const { response } = await viewer.GET('/v1/tasks/{id}', {
      params: taskPath('01JC0Z6XKX2P4T3C8Y5W7QF9AB'),
    });
    expect(response.status).toBe(404);
  });
});

describe('listing tasks', () => {
  let listPosition: string;
  let early: string;
  let late: string;
  let undated: string;
  let alexs: string;
  let conceptTask: string;
  let conceptId: string;

  beforeAll(async () => {
    listPosition = await putPosition(api);
    conceptId = (await steps.concept()).id;
    early = (await steps.task(listPosition, { dueOn: '2023-02-01' })).id;
    late = (await steps.task(listPosition, { dueOn: '2023-08-01' })).id;
    undated = (await steps.task(listPosition, { dueOn: null })).id;
    alexs = (await steps.task(listPosition, { dueOn: '2023-05-01', assignee: ALEX })).id;
    conceptTask = (await steps.task(listPosition, { dueOn: '2023-04-01', conceptId })).id;
    await steps.progress(late, { note: 'begonnen', percent: 10 });
  });

  const tasks = async (query: Query<'/v1/tasks', 'get'>) =>
    dataOf(await viewer.GET('/v1/tasks', { params: { query } }));
  const list = async (query: Query<'/v1/tasks', 'get'>) =>
    ids((await tasks({ positionId: listPosition, limit: 100, ...query })).items);

  it("lists a position's tasks by due date, undated last", async () => {
    expect(await list({})).toEqual([early, conceptTask, alexs, late, undated]);
  });

  it('filters by status, assignee and due range', async () => {
    expect(await list({ status: 'in_progress' })).toEqual([late]);
    expect(await list({ assignee: ALEX.email.toUpperCase() })).toEqual([alexs]);
    expect(await list({ dueFrom: '2023-04-01', dueTo: '2023-05-01' })).toEqual([conceptTask, alexs]);
  });

  it("lists a concept's tasks", async () => {
    expect(ids((await tasks({ conceptId })).items)).toEqual([conceptTask]);
  });

  it('lists all tasks of a status across positions, with a due range as key condition', async () => {
    const inProgress = await tasks({ status: 'in_progress', dueFrom: '2023-08-01', dueTo: '2023-08-01' });
    expect(ids(inProgress.items)).toEqual([late]);
    const all = await tasks({ dueFrom: '2023-02-01', dueTo: '2023-02-01', limit: 100 });
    expect(ids(all.items)).toContain(early);
    expect(all.items.every((task) => task.dueOn === '2023-02-01')).toBe(true);
  });

  it('pages with cursors and refuses a due range the wrong way round', async () => {
    const first = await tasks({ positionId: listPosition, limit: 2 });
    expect(ids(first.items)).toEqual([early, conceptTask]);
    const second = await tasks({ positionId: listPosition, limit: 2, cursor: first.nextCursor! });
    expect(ids(second.items)).toEqual([alexs, late]);
    const wrong = await viewer.GET('/v1/tasks', {
      params: { query: { dueFrom: '2023-05-01', dueTo: '2023-04-01' } },
    });
    expect(wrong.response.status).toBe(400);
    expect(wrong.error?.errors?.[0]?.path).toBe('dueTo');
  });
});

describe('editing and moving a task', () => {
  it('edits with If-Match, moves the deadline and changes its owner with the assignee', async () => {
    const task = await steps.task(positionId);
    const changed = await steps.patchTask(task, { dueOn: '2023-07-15', title: 'Neu', assignee: ALEX });
    expect(changed).toMatchObject({ version: 2, dueOn: '2023-07-15', title: 'Neu' });
    expect(await taskDeadlines(task.id)).toEqual([
      expect.objectContaining({
        dueOn: '2023-07-15',
        owner: ALEX,
        subject: expect.objectContaining({ title: 'Neu' }),
      }),
    ]);
  });

  it('removes the deadline with the due date', async () => {
    const task = await steps.task(positionId);
    await steps.patchTask(task, { dueOn: null });
    expect(await taskDeadlines(task.id)).toEqual([]);
  });

  it('requires If-Match (428) and refuses a stale one (412)', async () => {
    const task = await steps.task(positionId);
    const withoutIfMatch = await steps.kim.PATCH('/v1/tasks/{id}', {
      params: { ...taskPath(task.id), header: NO_IF_MATCH },
      body: { title: 'X' },
    });
    expect(withoutIfMatch.response.status).toBe(428);
    const stale = await steps.kim.PATCH('/v1/tasks/{id}', {
      params: { ...taskPath(task.id), header: ifMatch(2) },
      body: { title: 'X' },
    });
    expect(stale.response.status).toBe(412);
  });

  it('blocks only with a reason and refuses a move the machine does not allow', async () => {
    const task = await steps.task(positionId);
    const noReason = await steps.kim.PATCH('/v1/tasks/{id}', {
      params: { ...taskPath(task.id), header: ifMatch(1) },
      body: { status: 'blocked' },
    });
    expect(noReason.response.status).toBe(400);
    expect(noReason.error?.errors?.[0]?.path).toBe('blockedReason');
    const blocked = await steps.patchTask(task, { status: 'blocked', blockedReason: 'Kein Raum' });
    expect(blocked).toMatchObject({ status: 'blocked', blockedReason: 'Kein Raum' });
    // Raw: the 409 names the allowed moves in `allowed`, which the Problem schema does not declare.
    const refused = await api
      .raw('coordinator', KIM.email)
      .patch(`/v1/tasks/${task.id}`, { status: 'done' }, ifMatch(blocked.version));
    expect(refused.status).toBe(409);
    expect(refused.json.allowed).toEqual(['open', 'in_progress', 'cancelled']);
  });

  it('closes the deadline when done and reopens it with the task', async () => {
    const task = await steps.task(positionId);
    const done = await steps.patchTask(task, { status: 'done', note: 'erledigt' });
    expect(done).toMatchObject({ status: 'done', percent: 100 });
    expect(await taskDeadlines(task.id, 'done')).toEqual([
      expect.objectContaining({ closedAt: done.closedAt }),
    ]);
    expect(await taskDeadlines(task.id, 'open')).toEqual([]);
    await steps.patchTask(done, { status: 'in_progress' });
    expect(await taskDeadlines(task.id, 'open')).toHaveLength(1);
  });

  it('closes the deadline when the task is cancelled', async () => {
    const task = await steps.task(positionId);
    await steps.patchTask(task, { status: 'cancelled' });
    expect(await taskDeadlines(task.id, 'done')).toHaveLength(1);
  });
});

describe('logging progress', () => {
  it('appends an entry and shows percent, status and lastProgressAt on the task', async () => {
    const task = await steps.task(positionId);
    const { data: logged, response } = await steps.kim.POST('/v1/tasks/{id}/progress', {
      params: taskPath(task.id),
      body: { note: 'Träger eingeladen', percent: 30, hours: 2.5, on: '2023-03-08' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/v1/tasks/${task.id}/progress/${logged?.entry.id}`);
    expect(logged?.entry).toMatchObject({
      on: '2023-03-08',
      percent: 30,
      hours: 2.5,
      statusChange: { from: 'open', to: 'in_progress' },
      recordedBy: { email: KIM.email },
    });
    const read = await viewer.GET('/v1/tasks/{id}', { params: taskPath(task.id) });
    expect(read.data).toMatchObject({
      status: 'in_progress',
      percent: 30,
      lastProgressAt: '2024-01-15T09:00:00.000Z',
      lastProgressOn: '2023-03-08',
      hoursTotal: 2.5,
      version: 2,
    });
    expect(read.response.headers.get('etag')).toBe('"2"');
    // Raw: it follows the Location header as it is, not a path of the document.
    const entry = await api.raw('viewer').get(response.headers.get('location')!);
    expect(entry.json).toEqual(logged?.entry);
  });

  it('lists the entries oldest first, with cursors', async () => {
    const task = await steps.task(positionId);
    for (const percent of [10, 20, 30]) await steps.progress(task.id, { note: `${percent}`, percent });
    const page = async (cursor?: string) =>
      dataOf(
        await viewer.GET('/v1/tasks/{id}/progress', {
          params: { ...taskPath(task.id), query: { limit: 2, cursor } },
        }),
      );
    const first = await page();
    expect(first.items.map((entry) => entry.percent)).toEqual([10, 20]);
    const rest = await page(first.nextCursor!);
    expect(rest.items.map((entry) => entry.percent)).toEqual([30]);
  });

  it.each([
    ['a percent above 100', { percent: 101 }, 'percent'],
    ['a negative percent', { percent: -1 }, 'percent'],
    ['a fractional percent', { percent: 40.5 }, 'percent'],
    ['a percent below the last entry', { percent: 19 }, 'percent'],
    ['an empty note', { note: '' }, 'note'],
    ['a note over 10 000 characters', { note: 'x'.repeat(10_001) }, 'note'],
    ['negative hours', { hours: -1 }, 'hours'],
    ['more than 24 hours', { hours: 25 }, 'hours'],
    ['a day that is not a date', { on: '2023-13-01' }, 'on'],
    ['a day in the future', { on: '2024-01-16' }, 'on'],
    ['finishing below 100 %', { status: 'done', percent: 90 }, 'percent'],
    ['an unknown field', { minutes: 30 }, ''],
  ])('refuses %s with 400 and changes nothing', async (_case, overrides, path) => {
    const task = await steps.task(positionId);
    await steps.progress(task.id, { note: 'Start', percent: 20 });
    const before = await snapshot(task.id);
    // Raw: the bodies are wrong on purpose (an unknown field among them).
    const response = await api.raw('coordinator', KIM.email).post(`/v1/tasks/${task.id}/progress`, {
      note: 'Weiter',
      percent: 40,
      ...overrides,
    });
    expect(response.status).toBe(400);
    if (path) expect(response.json.errors.map((error: { path: string }) => error.path)).toContain(path);
    expect(await snapshot(task.id)).toEqual(before);
  });

  it.each(['done', 'cancelled'] as const)(
    'refuses progress on a %s task with 409 and changes nothing',
    async (status) => {
      const task = await steps.task(positionId);
      await steps.patchTask(task, { status });
      const before = await snapshot(task.id);
      const { response } = await steps.kim.POST('/v1/tasks/{id}/progress', {
        params: taskPath(task.id),
        body: { note: 'Nachtrag', percent: 100 },
      });
      expect(response.status).toBe(409);
      expect(await snapshot(task.id)).toEqual(before);
    },
  );

  it('allows a lower percent only with the first entry after a reopen', async () => {
    const task = await steps.task(positionId);
    const { task: done } = await steps.progress(task.id, { note: 'fertig', percent: 100, status: 'done' });
    const reopened = await steps.patchTask(done, { status: 'in_progress', note: 'Nacharbeit nötig' });
    expect(reopened.percentFloor).toBe(0);
    expect((await steps.progress(task.id, { note: 'Nacharbeit', percent: 70 })).task.percent).toBe(70);
    const lower = await steps.kim.POST('/v1/tasks/{id}/progress', {
      params: taskPath(task.id),
      body: { note: 'weniger', percent: 60 },
    });
    expect(lower.response.status).toBe(400);
  });

  it('closes the deadline when an entry finishes the task', async () => {
    const task = await steps.task(positionId);
    await steps.progress(task.id, { note: 'fertig', percent: 100, status: 'done' });
    expect(await taskDeadlines(task.id, 'done')).toHaveLength(1);
    expect(await taskDeadlines(task.id, 'open')).toEqual([]);
  });

  it('records one of two racing entries and refuses the other unchanged', async () => {
    const task = await steps.task(positionId);
    const log = (body: { note: string; percent: number }) =>
      steps.kim.POST('/v1/tasks/{id}/progress', { params: taskPath(task.id), body });
    const release = holdTransactionsUntil(api, 2);
    const results = await Promise.all([
      log({ note: 'A', percent: 40 }),
      log({ note: 'B', percent: 30 }),
    ]).finally(release);
    expect(results.map((result) => result.response.status).sort()).toEqual([201, 409]);
    const after = await snapshot(task.id);
    expect(after.entries).toHaveLength(1);
    expect(after.task).toMatchObject({ progressCount: 1, version: 2, percent: after.entries[0]?.percent });
    expect(after.history.filter((entry) => entry.action === 'progress')).toHaveLength(1);
  });

  it('records every change in the history, progress entries included', async () => {
    const task = await steps.task(positionId);
    await steps.progress(task.id, { note: 'los', percent: 10, on: '2023-03-01' });
    const current = dataOf(await viewer.GET('/v1/tasks/{id}', { params: taskPath(task.id) }));
    await steps.patchTask(current, { status: 'blocked', blockedReason: 'Raum fehlt', note: 'warten' });
    const history = dataOf(await viewer.GET('/v1/tasks/{id}/history', { params: taskPath(task.id) }));
    expect(history.items.map((entry) => [entry.action, entry.from, entry.to, entry.note])).toEqual([
      ['create', null, 'open', null],
      ['progress', 'open', 'in_progress', '10 % on 2023-03-01'],
      ['status', 'in_progress', 'blocked', 'warten'],
    ]);
    expect(history.items[1]?.actor.email).toBe(KIM.email);
  });
});

describe('progress entries are append-only', () => {
  it('offers no way to change or delete an entry', async () => {
    const task = await steps.task(positionId);
    const { entry } = await steps.progress(task.id, { note: 'Original', percent: 25 });
    const entryPath = `/v1/tasks/${task.id}/progress/${entry.id}`;
    // Raw: none of these requests is in the document (that is the point), or it sends a field it lacks.
    const admin = api.raw('admin');
    const attempts = await Promise.all([
      admin.patch(entryPath, { note: 'geändert' }),
      admin.delete(entryPath),
      api.call('PUT', entryPath, { token: await api.tokenFor('admin'), body: { note: 'geändert' } }),
      admin.patch(`/v1/tasks/${task.id}`, { percent: 5 }, ifMatch(2)),
      admin.patch(`/v1/tasks/${task.id}/progress`, { percent: 5 }),
      admin.delete(`/v1/tasks/${task.id}/progress`),
    ]);
    expect(attempts.map((attempt) => attempt.status)).toEqual([404, 404, 404, 400, 404, 404]);
    const read = await viewer.GET('/v1/tasks/{id}/progress/{entryId}', {
      params: { path: { id: task.id, entryId: entry.id } },
    });
    expect(read.data).toEqual(entry);
  });
});

describe('object-level access (OWASP API1)', () => {
  it("refuses progress and changes on someone else's task with 403 and changes nothing", async () => {
    const task = await steps.task(positionId, { assignee: ALEX });
    const before = await snapshot(task.id);
    const kim = steps.kim;
    const progress = await kim.POST('/v1/tasks/{id}/progress', {
      params: taskPath(task.id),
      body: { note: 'fremd', percent: 50 },
    });
    expect(progress.response.status).toBe(403);
    const change = (body: { status: 'cancelled' } | { assignee: typeof KIM }) =>
      kim.PATCH('/v1/tasks/{id}', { params: { ...taskPath(task.id), header: ifMatch(1) }, body });
    expect((await change({ status: 'cancelled' })).response.status).toBe(403);
    expect((await change({ assignee: KIM })).response.status).toBe(403);
    expect(await snapshot(task.id)).toEqual(before);
  });

  it('lets the assignee (by the e-mail in the token) and an admin log progress', async () => {
    const task = await steps.task(positionId, { assignee: ALEX });
    const log = (client: ApiClient, body: { note: string; percent: number }) =>
      client.POST('/v1/tasks/{id}/progress', { params: taskPath(task.id), body });
    const alex = api.client('coordinator', ALEX.email);
    expect((await log(alex, { note: 'eigene', percent: 10 })).response.status).toBe(201);
    expect((await log(api.client('admin'), { note: 'Admin', percent: 20 })).response.status).toBe(201);
  });

  it('refuses viewers and finance staff with 403', async () => {
    const task = await steps.task(positionId);
    for (const role of ['viewer', 'finance'] as const) {
      const { response } = await api.client(role, KIM.email).POST('/v1/tasks/{id}/progress', {
        params: taskPath(task.id),
        body: { note: 'x', percent: 1 },
      });
      expect(response.status).toBe(403);
    }
  });
});
