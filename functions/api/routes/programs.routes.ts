import { createProgramSchema, programSchema, updateProgramSchema } from '../../../shared/domain/program.ts';
import { idParams, json, pageOf, pageQuery, specs } from '../platform/openapi.ts';
import { creation, route, versionedChange, versionedRead } from '../platform/route-kit.ts';
import { historyRoute } from './history-route.ts';

const tags = ['Programmes'];
const { read, create, change } = specs(tags, ['admin']);

export const programRoutes = [
  route(
    {
      method: 'get',
      ...read(
        '/',
        'List funding programmes',
        { query: pageQuery },
        json(pageOf(programSchema), 'Programmes by name'),
      ),
    },
    async (c) => c.json(await c.var.deps.store.programs.list(c.req.valid('query')), 200),
  ),
  creation(
    {
      method: 'post',
      ...create(
        '/',
        'Create a funding programme (admin)',
        { body: createProgramSchema },
        json(programSchema, 'Created'),
      ),
    },
    async (c, { deps, context }) => {
      const body = await deps.store.programs.create(c.req.valid('json'), context);
      return { body, location: `/v1/programs/${body.id}` };
    },
  ),
  versionedRead(
    {
      method: 'get',
      ...read(
        '/{id}',
        'Read a funding programme',
        { params: idParams },
        json(programSchema, 'The programme; ETag carries its version'),
      ),
    },
    (c, deps) => deps.store.programs.get(c.req.valid('param').id),
  ),
  versionedChange(
    {
      method: 'patch',
      ...change(
        '/{id}',
        'Change a funding programme (admin; If-Match)',
        { params: idParams, body: updateProgramSchema },
        json(programSchema, 'Changed'),
      ),
    },
    (c, { version, context, deps }) =>
      deps.store.programs.update(c.req.valid('param').id, version, c.req.valid('json'), context),
  ),
  historyRoute(tags, 'Every change of a programme, oldest first', (deps, id) =>
    deps.store.programs.history(id),
  ),
];
