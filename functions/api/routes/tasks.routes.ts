import { createRoute } from '@hono/zod-openapi';
import { calendarDateSchema } from '../../../shared/domain/calendar-date.ts';
import {
  createTaskSchema,
  progressEntrySchema,
  progressInputSchema,
  TASK_STATUSES,
  taskSchema,
  updateTaskSchema,
} from '../../../shared/domain/task.ts';
import * as z from '../../../shared/zod.ts';
import { type ApiDependencies, writeContext } from '../dependencies.ts';
import { ANY_ROLE, allow } from '../platform/auth.ts';
import { newApp } from '../platform/new-app.ts';
import {
  changeProblems,
  createProblems,
  idempotencyHeaders,
  idParams,
  ifMatchHeaders,
  json,
  jsonBody,
  pageOf,
  pageQuery,
  readProblems,
  ulidSchema,
} from '../platform/openapi.ts';
import { expectedVersion } from '../platform/preconditions.ts';
import { historyRoute } from './history-route.ts';
import { versionHeaders } from './respond.ts';

const tags = ['Tasks'];
export const COORDINATION_WRITERS = ['coordinator', 'admin'] as const;

const entryParams = idParams.extend({
  entryId: ulidSchema.openapi({ param: { name: 'entryId', in: 'path' } }),
});

const progressResultSchema = z.object({ entry: progressEntrySchema, task: taskSchema });

const routes = {
  list: createRoute({
    method: 'get',
    path: '/',
    tags,
    summary: 'List tasks by due date; filter by status, concept, position, assignee and due range',
    middleware: [allow(...ANY_ROLE)],
    request: {
      query: pageQuery.extend({
        status: z.enum(TASK_STATUSES).optional(),
        conceptId: ulidSchema.optional(),
        positionId: ulidSchema.optional(),
        assignee: z.email().optional().openapi({ description: "The assignee's work e-mail" }),
        dueFrom: calendarDateSchema.optional(),
        dueTo: calendarDateSchema.optional(),
      }),
    },
    responses: { 200: json(pageOf(taskSchema), 'Tasks'), ...readProblems },
  }),
  create: createRoute({
    method: 'post',
    path: '/',
    tags,
    summary: "Record a task of a position's coordinator (status open, 0 %)",
    middleware: [allow(...COORDINATION_WRITERS)],
    request: { headers: idempotencyHeaders, body: jsonBody(createTaskSchema) },
    responses: { 201: json(taskSchema, 'Created'), ...createProblems },
  }),
  read: createRoute({
    method: 'get',
    path: '/{id}',
    tags,
    summary: 'Read a task with its status, percent and last progress',
    middleware: [allow(...ANY_ROLE)],
    request: { params: idParams },
    responses: { 200: json(taskSchema, 'The task'), ...readProblems },
  }),
  update: createRoute({
    method: 'patch',
    path: '/{id}',
    tags,
    summary: 'Edit or move a task (If-Match); only its assignee or an admin; blocking needs blockedReason',
    middleware: [allow(...COORDINATION_WRITERS)],
    request: { params: idParams, headers: ifMatchHeaders, body: jsonBody(updateTaskSchema) },
    responses: { 200: json(taskSchema, 'Changed'), ...changeProblems },
  }),
  history: historyRoute(
    tags,
    'Every change of the task, progress entries included, oldest first',
    (deps, id) => deps.store.tasks.history(id),
  ),
  progress: createRoute({
    method: 'get',
    path: '/{id}/progress',
    tags,
    summary: 'Progress entries of a task, oldest first',
    middleware: [allow(...ANY_ROLE)],
    request: { params: idParams, query: pageQuery },
    responses: { 200: json(pageOf(progressEntrySchema), 'Progress entries'), ...readProblems },
  }),
  logProgress: createRoute({
    method: 'post',
    path: '/{id}/progress',
    tags,
    summary:
      'Append a progress entry (never edited); only the assignee or an admin; closed tasks refuse (409)',
    middleware: [allow(...COORDINATION_WRITERS)],
    request: { params: idParams, headers: idempotencyHeaders, body: jsonBody(progressInputSchema) },
    responses: { 201: json(progressResultSchema, 'The entry and the task it moved'), ...createProblems },
  }),
  entry: createRoute({
    method: 'get',
    path: '/{id}/progress/{entryId}',
    tags,
    summary: 'Read one progress entry',
    middleware: [allow(...ANY_ROLE)],
    request: { params: entryParams },
    responses: { 200: json(progressEntrySchema, 'The entry'), ...readProblems },
  }),
};

export function taskRoutes(deps: ApiDependencies) {
  const { tasks } = deps.store;
  return newApp()
    .openapi(routes.list, async (c) => {
      const { limit, cursor, ...filter } = c.req.valid('query');
      return c.json(await tasks.list(filter, { limit, cursor }), 200);
    })
    .openapi(routes.create, async (c) => {
      const task = await tasks.create(c.req.valid('json'), writeContext(c, deps));
      versionHeaders(c, task, `/v1/tasks/${task.id}`);
      return c.json(task, 201);
    })
    .openapi(routes.read, async (c) => {
      const task = await tasks.get(c.req.valid('param').id);
      versionHeaders(c, task);
      return c.json(task, 200);
    })
    .openapi(routes.update, async (c) => {
      const version = expectedVersion(c);
      const { id } = c.req.valid('param');
      const task = await tasks.update(id, version, c.req.valid('json'), writeContext(c, deps));
      versionHeaders(c, task);
      return c.json(task, 200);
    })
    .openapi(routes.history.route, routes.history.handler)
    .openapi(routes.progress, async (c) =>
      c.json(await tasks.progress(c.req.valid('param').id, c.req.valid('query')), 200),
    )
    .openapi(routes.logProgress, async (c) => {
      const { id } = c.req.valid('param');
      const result = await tasks.logProgress(id, c.req.valid('json'), writeContext(c, deps));
      c.header('Location', `/v1/tasks/${id}/progress/${result.entry.id}`);
      return c.json(result, 201);
    })
    .openapi(routes.entry, async (c) => {
      const { id, entryId } = c.req.valid('param');
      return c.json(await tasks.progressEntry(id, entryId), 200);
    });
}
