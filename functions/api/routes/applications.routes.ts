import { createRoute } from '@hono/zod-openapi';
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

const routes = {
  list: createRoute({
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
  }),
  create: createRoute({
    method: 'post',
    path: '/',
    tags,
    summary: 'Record an application (draft)',
    middleware: [allow(...FUNDING_WRITERS)],
    request: { headers: idempotencyHeaders, body: jsonBody(createApplicationSchema) },
    responses: { 201: json(applicationSchema, 'Created'), ...createProblems },
  }),
  read: createRoute({
    method: 'get',
    path: '/{id}',
    tags,
    summary: 'Read an application with its current notice and amounts',
    middleware: [allow(...ANY_ROLE)],
    request: { params: idParams },
    responses: { 200: json(applicationSchema, 'The application'), ...readProblems },
  }),
  update: createRoute({
    method: 'patch',
    path: '/{id}',
    tags,
    summary: 'Edit a draft application (If-Match)',
    middleware: [allow(...FUNDING_WRITERS)],
    request: { params: idParams, headers: ifMatchHeaders, body: jsonBody(updateApplicationSchema) },
    responses: { 200: json(applicationSchema, 'Changed'), ...changeProblems },
  }),
  status: createRoute({
    method: 'post',
    path: '/{id}/status',
    tags,
    summary: 'Move an application to another status (If-Match); approval needs the grant notice',
    middleware: [allow(...FUNDING_WRITERS)],
    request: { params: idParams, headers: ifMatchHeaders, body: jsonBody(statusChangeSchema) },
    responses: { 200: json(applicationSchema, 'Changed'), ...changeProblems },
  }),
  owner: createRoute({
    method: 'put',
    path: '/{id}/owner',
    tags,
    summary: 'Hand the application, in any status, to a new owner; its open deadlines follow (If-Match)',
    middleware: [allow(...FUNDING_WRITERS)],
    request: { params: idParams, headers: ifMatchHeaders, body: jsonBody(personSchema) },
    responses: { 200: json(applicationSchema, 'Handed over'), ...changeProblems },
  }),
  amend: createRoute({
    method: 'post',
    path: '/{id}/amendments',
    tags,
    summary: 'Record an amendment notice (Änderungsbescheid) as a new notice version (If-Match)',
    middleware: [allow(...FUNDING_WRITERS)],
    request: { params: idParams, headers: ifMatchHeaders, body: jsonBody(noticeInputSchema) },
    responses: { 200: json(applicationSchema, 'Amended'), ...changeProblems },
  }),
  notices: createRoute({
    method: 'get',
    path: '/{id}/notices',
    tags,
    summary: 'Every notice version, oldest first',
    middleware: [allow(...ANY_ROLE)],
    request: { params: idParams },
    responses: { 200: json(z.object({ items: z.array(noticeSchema) }), 'Notice versions'), ...readProblems },
  }),
  history: historyRoute(tags, 'Every change, oldest first'),
  budget: createRoute({
    method: 'get',
    path: '/{id}/budget',
    tags,
    summary: 'Approved, called and remaining money per budget year',
    middleware: [allow(...ANY_ROLE)],
    request: { params: idParams },
    responses: { 200: json(budgetSchema, 'Budget by year'), ...readProblems },
  }),
};

export function applicationRoutes(deps: ApiDependencies) {
  const { applications, fundsCalls } = deps.store;
  return newApp()
    .openapi(routes.list, async (c) => {
      const { status, programId, ...page } = c.req.valid('query');
      return c.json(await applications.list({ status, programId }, page), 200);
    })
    .openapi(routes.create, async (c) => {
      const application = await applications.create(c.req.valid('json'), writeContext(c, deps));
      versionHeaders(c, application, `/v1/applications/${application.id}`);
      return c.json(application, 201);
    })
    .openapi(routes.read, async (c) => {
      const application = await applications.get(c.req.valid('param').id);
      versionHeaders(c, application);
      return c.json(application, 200);
    })
    .openapi(routes.update, async (c) => {
      const version = expectedVersion(c);
      const { id } = c.req.valid('param');
      const application = await applications.update(id, version, c.req.valid('json'), writeContext(c, deps));
      versionHeaders(c, application);
      return c.json(application, 200);
    })
    .openapi(routes.status, async (c) => {
      const version = expectedVersion(c);
      const { id } = c.req.valid('param');
      const application = await applications.changeStatus(
        id,
        version,
        c.req.valid('json'),
        writeContext(c, deps),
      );
      versionHeaders(c, application);
      return c.json(application, 200);
    })
    .openapi(routes.owner, async (c) => {
      const version = expectedVersion(c);
      const { id } = c.req.valid('param');
      const application = await applications.handOver(
        id,
        version,
        c.req.valid('json'),
        writeContext(c, deps),
      );
      versionHeaders(c, application);
      return c.json(application, 200);
    })
    .openapi(routes.amend, async (c) => {
      const version = expectedVersion(c);
      const { id } = c.req.valid('param');
      const application = await applications.amend(id, version, c.req.valid('json'), writeContext(c, deps));
      versionHeaders(c, application);
      return c.json(application, 200);
    })
    .openapi(routes.notices, async (c) =>
      c.json({ items: await applications.notices(c.req.valid('param').id) }, 200),
    )
    .openapi(routes.history, async (c) =>
      c.json({ items: await applications.history(c.req.valid('param').id) }, 200),
    )
    .openapi(routes.budget, async (c) => {
      const { calls, application } = await fundsCalls.list(c.req.valid('param').id);
      return c.json({ items: budgetByYear(application, calls) }, 200);
    });
}
