import { createRoute } from '@hono/zod-openapi';
import {
  createPositionSchema,
  positionSchema,
  staffingChangeSchema,
  updatePositionSchema,
} from '../../../shared/domain/position.ts';
import { actualCostSchema, costPlanSchema } from '../../../shared/domain/position-costs.ts';
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
} from '../platform/openapi.ts';
import { expectedVersion } from '../platform/preconditions.ts';
import { historyRoute } from './history-route.ts';
import { positionReader } from './position-view.ts';
import { versionHeaders } from './respond.ts';

const tags = ['Positions'];
const WRITERS = ['finance', 'admin'] as const;

const positionViewSchema = positionSchema
  .extend({
    fundingEnd: z.string().nullable(),
    warnings: z.array(z.looseObject({ code: z.string(), message: z.string() })),
  })
  .openapi('PositionView');

const costYearSchema = z.object({
  year: z.number(),
  planned: z
    .object({ grossCents: z.number(), contributionCents: z.number(), totalCents: z.number() })
    .nullable(),
  actual: z.object({
    grossCents: z.number(),
    contributionCents: z.number(),
    totalCents: z.number(),
    months: z.number(),
  }),
  funded: z.array(z.object({ source: z.string(), cents: z.number() })),
  ownShareCents: z.number(),
  unfundedCents: z.number(),
});

const yearParams = idParams.extend({
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .openapi({ param: { name: 'year', in: 'path' }, example: 2024 }),
});
const monthParams = idParams.extend({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
    .openapi({ param: { name: 'month', in: 'path' }, example: '2024-03' }),
});

const routes = {
  list: createRoute({
    method: 'get',
    path: '/',
    tags,
    summary: 'List positions',
    middleware: [allow(...ANY_ROLE)],
    request: { query: pageQuery },
    responses: { 200: json(pageOf(positionSchema), 'Positions'), ...readProblems },
  }),
  create: createRoute({
    method: 'post',
    path: '/',
    tags,
    summary: 'Record a funded position (starts as planned)',
    middleware: [allow(...WRITERS)],
    request: { headers: idempotencyHeaders, body: jsonBody(createPositionSchema) },
    responses: { 201: json(positionViewSchema, 'Created'), ...createProblems },
  }),
  read: createRoute({
    method: 'get',
    path: '/{id}',
    tags,
    summary: 'Read a position with its funding end and current warnings',
    middleware: [allow(...ANY_ROLE)],
    request: { params: idParams },
    responses: { 200: json(positionViewSchema, 'The position'), ...readProblems },
  }),
  update: createRoute({
    method: 'patch',
    path: '/{id}',
    tags,
    summary: 'Change a position (If-Match)',
    middleware: [allow(...WRITERS)],
    request: { params: idParams, headers: ifMatchHeaders, body: jsonBody(updatePositionSchema) },
    responses: { 200: json(positionViewSchema, 'Changed'), ...changeProblems },
  }),
  staffing: createRoute({
    method: 'post',
    path: '/{id}/staffing',
    tags,
    summary: 'Advertise, fill or vacate the position (If-Match)',
    middleware: [allow(...WRITERS)],
    request: { params: idParams, headers: ifMatchHeaders, body: jsonBody(staffingChangeSchema) },
    responses: { 200: json(positionViewSchema, 'Changed'), ...changeProblems },
  }),
  history: historyRoute(tags, 'Every change, oldest first', (deps, id) => deps.store.positions.history(id)),
  costs: createRoute({
    method: 'get',
    path: '/{id}/costs',
    tags,
    summary: 'Personnel costs per budget year: plan vs actual, funded share per source',
    middleware: [allow(...ANY_ROLE)],
    request: { params: idParams },
    responses: {
      200: json(z.object({ flatRate: z.string(), years: z.array(costYearSchema) }), 'Costs'),
      ...readProblems,
    },
  }),
  plan: createRoute({
    method: 'put',
    path: '/{id}/cost-plan/{year}',
    tags,
    summary: 'Set the planned gross salary of a budget year',
    middleware: [allow(...WRITERS)],
    request: { params: yearParams, body: jsonBody(costPlanSchema) },
    responses: {
      200: json(z.object({ year: z.number(), plannedGrossSalaryCents: z.number() }), 'Set'),
      ...createProblems,
    },
  }),
  actual: createRoute({
    method: 'put',
    path: '/{id}/costs/{month}',
    tags,
    summary: 'Record the actual gross salary of a month',
    middleware: [allow(...WRITERS)],
    request: { params: monthParams, body: jsonBody(actualCostSchema) },
    responses: {
      200: json(z.object({ month: z.string(), grossSalaryCents: z.number() }), 'Recorded'),
      ...createProblems,
    },
  }),
};

export function positionRoutes(deps: ApiDependencies) {
  const { positions, positionCosts } = deps.store;
  return newApp()
    .openapi(routes.list, async (c) => c.json(await positions.list(c.req.valid('query')), 200))
    .openapi(routes.create, async (c) => {
      const reader = positionReader(deps);
      const position = await positions.create(
        c.req.valid('json'),
        writeContext(c, deps),
        reader.findApplication,
      );
      versionHeaders(c, position, `/v1/positions/${position.id}`);
      return c.json(await reader.view(position), 201);
    })
    .openapi(routes.read, async (c) => {
      const position = await positions.get(c.req.valid('param').id);
      versionHeaders(c, position);
      return c.json(await positionReader(deps).view(position), 200);
    })
    .openapi(routes.update, async (c) => {
      const version = expectedVersion(c);
      const reader = positionReader(deps);
      const position = await positions.update(
        c.req.valid('param').id,
        version,
        c.req.valid('json'),
        deps.vacancyWarningDays,
        writeContext(c, deps),
        reader.findApplication,
      );
      versionHeaders(c, position);
      return c.json(await reader.view(position), 200);
    })
    .openapi(routes.staffing, async (c) => {
      const version = expectedVersion(c);
      const { id } = c.req.valid('param');
      const position = await positions.changeStaffing(
        id,
        version,
        c.req.valid('json'),
        deps.vacancyWarningDays,
        writeContext(c, deps),
      );
      versionHeaders(c, position);
      return c.json(await positionReader(deps).view(position), 200);
    })
    .openapi(routes.history.route, routes.history.handler)
    .openapi(routes.costs, async (c) => {
      const position = await positions.get(c.req.valid('param').id);
      return c.json(await positionReader(deps).costs(position), 200);
    })
    .openapi(routes.plan, async (c) => {
      const { id, year } = c.req.valid('param');
      return c.json(await positionCosts.setPlan(id, year, c.req.valid('json'), writeContext(c, deps)), 200);
    })
    .openapi(routes.actual, async (c) => {
      const { id, month } = c.req.valid('param');
      return c.json(
        await positionCosts.setActual(id, month, c.req.valid('json'), writeContext(c, deps)),
        200,
      );
    });
}
