import {
  CONCEPT_STATUSES,
  conceptSchema,
  createConceptSchema,
  updateConceptSchema,
} from '../../../shared/domain/concept.ts';
import * as z from '../../../shared/zod.ts';
import { idParams, json, pageOf, pageQuery, specs, ulidSchema } from '../platform/openapi.ts';
import { creation, route, versionedChange, versionedRead } from '../platform/route-kit.ts';
import { historyRoute } from './history-route.ts';
import { COORDINATION_WRITERS } from './tasks.routes.ts';

export const conceptTags = ['District concepts'];
const { read, create, change } = specs(conceptTags, COORDINATION_WRITERS);

/** District concepts; their milestones and milestone reports are in milestones.routes.ts. */
export const conceptRoutes = [
  route(
    {
      method: 'get',
      ...read(
        '/',
        'List district concepts by district; filter by district, status and position',
        {
          query: pageQuery.extend({
            status: z.enum(CONCEPT_STATUSES).optional(),
            district: z.string().trim().min(1).max(200).optional(),
            positionId: ulidSchema.optional(),
          }),
        },
        json(pageOf(conceptSchema), 'Concepts'),
      ),
    },
    async (c) => {
      const { limit, cursor, ...filter } = c.req.valid('query');
      return c.json(await c.var.deps.store.concepts.list(filter, { limit, cursor }), 200);
    },
  ),
  creation(
    {
      method: 'post',
      ...create(
        '/',
        'Record an integrated district development concept (Stadtteilentwicklungskonzept)',
        { body: createConceptSchema },
        json(conceptSchema, 'Created'),
      ),
    },
    async (c, { deps, context }) => {
      const body = await deps.store.concepts.create(c.req.valid('json'), context);
      return { body, location: `/v1/concepts/${body.id}` };
    },
  ),
  versionedRead(
    {
      method: 'get',
      ...read(
        '/{id}',
        'Read a concept; its linked tasks are listed by GET /v1/tasks?conceptId=',
        { params: idParams },
        json(conceptSchema, 'The concept'),
      ),
    },
    (c, deps) => deps.store.concepts.get(c.req.valid('param').id),
  ),
  versionedChange(
    {
      method: 'patch',
      ...change(
        '/{id}',
        'Edit a concept or move it to its next phase (If-Match)',
        { params: idParams, body: updateConceptSchema },
        json(conceptSchema, 'Changed'),
      ),
    },
    (c, { version, context, deps }) =>
      deps.store.concepts.update(c.req.valid('param').id, version, c.req.valid('json'), context),
  ),
  historyRoute(
    conceptTags,
    'Every change of the concept, its milestones and milestone reports, oldest first',
    (deps, id) => deps.store.concepts.history(id),
  ),
];
