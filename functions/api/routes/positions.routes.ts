import {
  createPositionSchema,
  positionSchema,
  staffingChangeSchema,
  updatePositionSchema,
} from '../../../shared/domain/position.ts';
import { actualCostSchema, costPlanSchema } from '../../../shared/domain/position-costs.ts';
import * as z from '../../../shared/zod.ts';
import { idParams, json, pageOf, pageQuery, specs } from '../platform/openapi.ts';
import { creation, route, versionedChange, versionedPut, versionedRead } from '../platform/route-kit.ts';
import { historyRoute } from './history-route.ts';
import { positionReader } from './position-view.ts';

const tags = ['Positions'];
const WRITERS = ['finance', 'admin'] as const;
const { read, create, change, replace } = specs(tags, WRITERS);

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
  planVersion: z.number().int().nullable().openapi({
    description: "The version of the year's cost plan, for If-Match when replacing it; null: no plan yet",
  }),
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

/** A cost item as answered: its values and the version the next replace names in If-Match. */
const costItem = <S extends z.core.$ZodShape>(shape: S) =>
  z.object({ ...shape, version: z.number().int(), updatedAt: z.string() });

export const positionRoutes = [
  route(
    {
      method: 'get',
      ...read('/', 'List positions', { query: pageQuery }, json(pageOf(positionSchema), 'Positions')),
    },
    async (c) => c.json(await c.var.deps.store.positions.list(c.req.valid('query')), 200),
  ),
  creation(
    {
      method: 'post',
      ...create(
        '/',
        'Record a funded position (starts as planned)',
        { body: createPositionSchema },
        json(positionViewSchema, 'Created'),
      ),
    },
    async (c, { deps, context }) => {
      const reader = positionReader(deps);
      const position = await deps.store.positions.create(
        c.req.valid('json'),
        context,
        reader.findApplication,
      );
      return { body: await reader.view(position), location: `/v1/positions/${position.id}` };
    },
  ),
  versionedRead(
    {
      method: 'get',
      ...read(
        '/{id}',
        'Read a position with its funding end and current warnings',
        { params: idParams },
        json(positionViewSchema, 'The position'),
      ),
    },
    async (c, deps) => positionReader(deps).view(await deps.store.positions.get(c.req.valid('param').id)),
  ),
  versionedChange(
    {
      method: 'patch',
      ...change(
        '/{id}',
        'Change a position (If-Match)',
        { params: idParams, body: updatePositionSchema },
        json(positionViewSchema, 'Changed'),
      ),
    },
    async (c, { version, context, deps }) => {
      const reader = positionReader(deps);
      const position = await deps.store.positions.update(
        c.req.valid('param').id,
        version,
        c.req.valid('json'),
        deps.vacancyWarningDays,
        context,
        reader.findApplication,
      );
      return reader.view(position);
    },
  ),
  versionedChange(
    {
      method: 'post',
      ...change(
        '/{id}/staffing',
        'Advertise, fill or vacate the position (If-Match)',
        { params: idParams, body: staffingChangeSchema },
        json(positionViewSchema, 'Changed'),
      ),
    },
    async (c, { version, context, deps }) => {
      const position = await deps.store.positions.changeStaffing(
        c.req.valid('param').id,
        version,
        c.req.valid('json'),
        deps.vacancyWarningDays,
        context,
      );
      return positionReader(deps).view(position);
    },
  ),
  historyRoute(tags, 'Every change, oldest first', (deps, id) => deps.store.positions.history(id)),
  route(
    {
      method: 'get',
      ...read(
        '/{id}/costs',
        'Personnel costs per budget year: plan vs actual, funded share per source',
        { params: idParams },
        json(z.object({ flatRate: z.string(), years: z.array(costYearSchema) }), 'Costs'),
      ),
    },
    async (c) => {
      const { deps } = c.var;
      const position = await deps.store.positions.get(c.req.valid('param').id);
      return c.json(await positionReader(deps).costs(position), 200);
    },
  ),
  versionedPut(
    {
      method: 'put',
      ...replace(
        '/{id}/cost-plan/{year}',
        'Set the planned gross salary of a budget year (If-Match to replace an existing one)',
        { params: yearParams, body: costPlanSchema },
        json(costItem({ year: z.number(), plannedGrossSalaryCents: z.number() }), 'Set'),
      ),
    },
    (c, { version, context, deps }) => {
      const { id, year } = c.req.valid('param');
      return deps.store.positionCosts.setPlan(id, year, c.req.valid('json'), version, context);
    },
  ),
  versionedPut(
    {
      method: 'put',
      ...replace(
        '/{id}/costs/{month}',
        'Record the actual gross salary of a month (If-Match to correct an existing one)',
        { params: monthParams, body: actualCostSchema },
        json(
          costItem({ month: z.string(), grossSalaryCents: z.number(), note: z.string().nullable() }),
          'Recorded',
        ),
      ),
    },
    (c, { version, context, deps }) => {
      const { id, month } = c.req.valid('param');
      return deps.store.positionCosts.setActual(id, month, c.req.valid('json'), version, context);
    },
  ),
];
