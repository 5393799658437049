import {
  APPLICATION_STATUSES,
  applicationSchema,
  createApplicationSchema,
  noticeInputSchema,
  noticeSchema,
  statusChangeSchema,
  updateApplicationSchema,
} from '../../../shared/domain/application.ts';
import { budgetByYear } from '../../../shared/domain/funding-views.ts';
import { personSchema } from '../../../shared/domain/person.ts';
import * as z from '../../../shared/zod.ts';
import { ANY_ROLE, allow } from '../platform/auth.ts';
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
import { creation, route, versionedChange, versionedRead } from '../platform/route-kit.ts';
import { historyRoute } from './history-route.ts';

const tags = ['Applications'];
const FUNDING_WRITERS = ['finance', 'admin'] as const;

const budgetSchema = z.object({
  items: z.array(
    z.object({
      year: z.number(),
      approvedCents: z.number(),
      calledCents: z.number(),
      remainingCents: z.number(),
    }),
  ),
});

/** A change of an application: finance and admin, with If-Match, answered with the application. */
const change = <B extends z.ZodType>(path: string, summary: string, body: B, description = 'Changed') => ({
  path,
  tags,
  summary,
  middleware: [allow(...FUNDING_WRITERS)],
  request: { params: idParams, headers: ifMatchHeaders, body: jsonBody(body) },
  responses: { 200: json(applicationSchema, description), ...changeProblems },
});

export const applicationRoutes = [
  route(
    {
      method: 'get',
      path: '/',
      tags,
      summary: 'List applications, newest first; filter by status and programme',
      middleware: [allow(...ANY_ROLE)],
      request: {
        query: pageQuery.extend({
          status: z.enum(APPLICATION_STATUSES).optional(),
          programId: ulidSchema.optional(),
        }),
      },
      responses: { 200: json(pageOf(applicationSchema), 'Applications'), ...readProblems },
    },
    async (c) => {
      const { status, programId, ...page } = c.req.valid('query');
      return c.json(await c.var.deps.store.applications.list({ status, programId }, page), 200);
    },
  ),
  creation(
    {
      method: 'post',
      path: '/',
      tags,
      summary: 'Record an application (draft)',
      middleware: [allow(...FUNDING_WRITERS)],
      request: { headers: idempotencyHeaders, body: jsonBody(createApplicationSchema) },
      responses: { 201: json(applicationSchema, 'Created'), ...createProblems },
    },
    async (c, { deps, context }) => {
      const body = await deps.store.applications.create(c.req.valid('json'), context);
      return { body, location: `/v1/applications/${body.id}` };
    },
  ),
  versionedRead(
    {
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'Read an application with its current notice and amounts',
      middleware: [allow(...ANY_ROLE)],
      request: { params: idParams },
      responses: { 200: json(applicationSchema, 'The application'), ...readProblems },
    },
    (c, deps) => deps.store.applications.get(c.req.valid('param').id),
  ),
  versionedChange(
    { method: 'patch', ...change('/{id}', 'Edit a draft application (If-Match)', updateApplicationSchema) },
    (c, { version, context, deps }) =>
      deps.store.applications.update(c.req.valid('param').id, version, c.req.valid('json'), context),
  ),
  versionedChange(
    {
      method: 'post',
      ...change(
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
      ...change(
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
      ...change(
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
      path: '/{id}/notices',
      tags,
      summary: 'Every notice version, oldest first',
      middleware: [allow(...ANY_ROLE)],
      request: { params: idParams },
      responses: {
        200: json(z.object({ items: z.array(noticeSchema) }), 'Notice versions'),
        ...readProblems,
      },
    },
    async (c) => c.json({ items: await c.var.deps.store.applications.notices(c.req.valid('param').id) }, 200),
  ),
  historyRoute(tags, 'Every change, oldest first', (deps, id) => deps.store.applications.history(id)),
  route(
    {
      method: 'get',
      path: '/{id}/budget',
      tags,
      summary: 'Approved, called and remaining money per budget year',
      middleware: [allow(...ANY_ROLE)],
      request: { params: idParams },
      responses: { 200: json(budgetSchema, 'Budget by year'), ...readProblems },
    },
    async (c) => {
      const { calls, application } = await c.var.deps.store.fundsCalls.list(c.req.valid('param').id);
      return c.json({ items: budgetByYear(application, calls) }, 200);
    },
  ),
];
