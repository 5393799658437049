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
import { idParams, json, pageOf, pageQuery, specs, ulidSchema } from '../platform/openapi.ts';
import { creation, route, versionedChange, versionedRead, writeContext } from '../platform/route-kit.ts';
import { historyRoute } from './history-route.ts';

const tags = ['Tasks'];
export const COORDINATION_WRITERS = ['coordinator', 'admin'] as const;
const { read, create, change } = specs(tags, COORDINATION_WRITERS);

const entryParams = idParams.extend({
  entryId: ulidSchema.openapi({ param: { name: 'entryId', in: 'path' } }),
});

const progressResultSchema = z.object({ entry: progressEntrySchema, task: taskSchema });

export const taskRoutes = [
  route(
    {
      method: 'get',
      ...read(
        '/',
        'List tasks by due date; filter by status, concept, position, assignee and due range',
        {
          query: pageQuery.extend({
            status: z.enum(TASK_STATUSES).optional(),
            conceptId: ulidSchema.optional(),
            positionId: ulidSchema.optional(),
            assignee: z.email().optional().openapi({ description: "The assignee's work e-mail" }),
            dueFrom: calendarDateSchema.optional(),
            dueTo: calendarDateSchema.optional(),
          }),
        },
        json(pageOf(taskSchema), 'Tasks'),
      ),
    },
    async (c) => {
      const { limit, cursor, ...filter } = c.req.valid('query');
      return c.json(await c.var.deps.store.tasks.list(filter, { limit, cursor }), 200);
    },
  ),
  creation(
    {
      method: 'post',
      ...create(
        '/',
        "Record a task of a position's coordinator (status open, 0 %)",
        { body: createTaskSchema },
        json(taskSchema, 'Created'),
      ),
    },
    async (c, { deps, context }) => {
      const body = await deps.store.tasks.create(c.req.valid('json'), context);
      return { body, location: `/v1/tasks/${body.id}` };
    },
  ),
  versionedRead(
    {
      method: 'get',
      ...read(
        '/{id}',
        'Read a task with its status, percent and last progress',
        { params: idParams },
        json(taskSchema, 'The task'),
      ),
    },
    (c, deps) => deps.store.tasks.get(c.req.valid('param').id),
  ),
  versionedChange(
    {
      method: 'patch',
      ...change(
        '/{id}',
        'Edit or move a task (If-Match); only its assignee or an admin; blocking needs blockedReason',
        { params: idParams, body: updateTaskSchema },
        json(taskSchema, 'Changed'),
      ),
    },
    (c, { version, context, deps }) =>
      deps.store.tasks.update(c.req.valid('param').id, version, c.req.valid('json'), context),
  ),
  historyRoute(tags, 'Every change of the task, progress entries included, oldest first', (deps, id) =>
    deps.store.tasks.history(id),
  ),
  route(
    {
      method: 'get',
      ...read(
        '/{id}/progress',
        'Progress entries of a task, oldest first',
        { params: idParams, query: pageQuery },
        json(pageOf(progressEntrySchema), 'Progress entries'),
      ),
    },
    async (c) =>
      c.json(await c.var.deps.store.tasks.progress(c.req.valid('param').id, c.req.valid('query')), 200),
  ),
  route(
    {
      method: 'post',
      ...create(
        '/{id}/progress',
        'Append a progress entry (never edited); only the assignee or an admin; closed tasks refuse (409)',
        { params: idParams, body: progressInputSchema },
        json(progressResultSchema, 'The entry and the task it moved'),
      ),
    },
    async (c) => {
      const { id } = c.req.valid('param');
      const result = await c.var.deps.store.tasks.logProgress(id, c.req.valid('json'), writeContext(c));
      c.header('Location', `/v1/tasks/${id}/progress/${result.entry.id}`);
      return c.json(result, 201);
    },
  ),
  route(
    {
      method: 'get',
      ...read(
        '/{id}/progress/{entryId}',
        'Read one progress entry',
        { params: entryParams },
        json(progressEntrySchema, 'The entry'),
      ),
    },
    async (c) => {
      const { id, entryId } = c.req.valid('param');
      return c.json(await c.var.deps.store.tasks.progressEntry(id, entryId), 200);
    },
  ),
];
