import {
  APPLICATION_STATUSES,
  applicationSchema,
  createApplicationSchema,
  statusChangeSchema,
  updateApplicationSchema,
} from '../../../shared/domain/application.ts';
import { budgetByYear } from '../../../shared/domain/funding-views.ts';
import { noticeInputSchema, noticeSchema } from '../../../shared/domain/notice.ts';
import { personSchema } from '../../../shared/domain/person.ts';
import * as z from '../../../shared/zod.ts';
import { idParams, itemsOf, json, pageOf, pageQuery, specs, ulidSchema } from '../platform/openapi.ts';
import { creation, route, versionedChange, versionedRead } from '../platform/route-kit.ts';
import { historyRoute } from './history-route.ts';

const tags = ['Applications'];

const budgetSchema = itemsOf(
  z.object({
    year: z.number(),
    approvedCents: z.number(),
    calledCents: z.number(),
    spentCents: z.number(),
    remainingCents: z.number(),
  }),
);

const { read, create, change } = specs(tags, ['finance', 'admin']);

/** A change of an application: with If-Match, answered with the application. */
const changeOf = <B extends z.ZodType>(path: string, summary: string, body: B, description = 'Changed') =>
  change(path, summary, { params: idParams, body }, json(applicationSchema, description));

export const applicationRoutes = [
  route(
    {
      method: 'get',
      ...read(
        '/',
        'List applications, newest first; filter by status and programme',
        {
          query: pageQuery.extend({
            status: z.enum(APPLICATION_STATUSES).optional(),
            programId: ulidSchema.optional(),
          }),
        },
        json(pageOf(applicationSchema), 'Applications'),
      ),
    },
    async (c) => {
      const { status, programId, ...page } = c.req.valid('query');
      return c.json(await c.var.deps.store.applications.list({ status, programId }, page), 200);
    },
  ),
  creation(
    {
      method: 'post',
      ...create(
        '/',
        'Record an application (draft)',
        { body: createApplicationSchema },
        json(applicationSchema, 'Created'),
      ),
    },
    async (c, { deps, context }) => {
      const body = await deps.store.applications.create(c.req.valid('json'), context);
      return { body, location: `/v1/applications/${body.id}` };
    },
  ),
  versionedRead(
    {
      method: 'get',
      ...read(
        '/{id}',
        'Read an application with its current notice and amounts',
        { params: idParams },
        json(applicationSchema, 'The application'),
      ),
    },
    (c, deps) => deps.store.applications.get(c.req.valid('param').id),
  ),
  versionedChange(
    { method: 'patch', ...changeOf('/{id}', 'Edit a draft application (If-Match)', updateApplicationSchema) },
    (c, { version, context, deps }) =>
      deps.store.applications.update(c.req.valid('param').id, version, c.req.valid('json'), context),
  ),
  versionedChange(
    {
      method: 'post',
      ...changeOf(
        '/{id}/status',
        'Move an application to another status (If-Match); approval needs the grant notice',
        statusChangeSchema,
      ),
    },
    (c, { version, context, deps }) =>
      deps.store.applications.changeStatus(c.req.valid('param').id, version, c.req.valid('json'), context),
  ),
  versionedChange(
    {
      method: 'put',
      ...changeOf(
        '/{id}/owner',
        'Hand the application, in any status, to a new owner; its open deadlines follow (If-Match)',
        personSchema,
        'Handed over',
      ),
    },
    (c, { version, context, deps }) =>
      deps.store.applications.handOver(c.req.valid('param').id, version, c.req.valid('json'), context),
  ),
  versionedChange(
    {
      method: 'post',
      ...changeOf(
        '/{id}/amendments',
        'Record an amendment notice (Änderungsbescheid) as a new notice version (If-Match)',
        noticeInputSchema,
        'Amended',
      ),
    },
    (c, { version, context, deps }) =>
      deps.store.applications.amend(c.req.valid('param').id, version, c.req.valid('json'), context),
  ),
  route(
    {
      method: 'get',
      ...read(
        '/{id}/notices',
        'Every notice version, oldest first',
        { params: idParams },
        json(itemsOf(noticeSchema), 'Notice versions'),
      ),
    },
    async (c) => c.json({ items: await c.var.deps.store.applications.notices(c.req.valid('param').id) }, 200),
  ),
  historyRoute(tags, 'Every change, oldest first', (deps, id) => deps.store.applications.history(id)),
  route(
    {
      method: 'get',
      ...read(
        '/{id}/budget',
        'Approved, called and remaining money per budget year',
        { params: idParams },
        json(budgetSchema, 'Budget by year'),
      ),
    },
    async (c) => {
      const { calls, application } = await c.var.deps.store.fundsCalls.list(c.req.valid('param').id);
      return c.json({ items: budgetByYear(application, calls) }, 200);
    },
  ),
];
