import { createRoute } from '@hono/zod-openapi';
import { createProgramSchema, programSchema, updateProgramSchema } from '../../../shared/domain/program.ts';
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
import { versionHeaders } from './respond.ts';

const tags = ['Programmes'];

const listPrograms = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'List funding programmes',
  middleware: [allow(...ANY_ROLE)],
  request: { query: pageQuery },
  responses: { 200: json(pageOf(programSchema), 'Programmes by name'), ...readProblems },
});

const createProgram = createRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Create a funding programme (admin)',
  middleware: [allow('admin')],
  request: { headers: idempotencyHeaders, body: jsonBody(createProgramSchema) },
  responses: { 201: json(programSchema, 'Created'), ...createProblems },
});

const getProgram = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'Read a funding programme',
  middleware: [allow(...ANY_ROLE)],
  request: { params: idParams },
  responses: { 200: json(programSchema, 'The programme; ETag carries its version'), ...readProblems },
});

const updateProgram = createRoute({
  method: 'patch',
  path: '/{id}',
  tags,
  summary: 'Change a funding programme (admin; If-Match)',
  middleware: [allow('admin')],
  request: { params: idParams, headers: ifMatchHeaders, body: jsonBody(updateProgramSchema) },
  responses: { 200: json(programSchema, 'Changed'), ...changeProblems },
});

const programHistory = historyRoute(tags, 'Every change of a programme, oldest first', (deps, id) =>
  deps.store.programs.history(id),
);

export function programRoutes(deps: ApiDependencies) {
  const { programs } = deps.store;
  return newApp()
    .openapi(listPrograms, async (c) => c.json(await programs.list(c.req.valid('query')), 200))
    .openapi(createProgram, async (c) => {
      const program = await programs.create(c.req.valid('json'), writeContext(c, deps));
      versionHeaders(c, program, `/v1/programs/${program.id}`);
      return c.json(program, 201);
    })
    .openapi(getProgram, async (c) => {
      const program = await programs.get(c.req.valid('param').id);
      versionHeaders(c, program);
      return c.json(program, 200);
    })
    .openapi(updateProgram, async (c) => {
      const version = expectedVersion(c);
      const program = await programs.update(
        c.req.valid('param').id,
        version,
        c.req.valid('json'),
        writeContext(c, deps),
      );
      versionHeaders(c, program);
      return c.json(program, 200);
    })
    .openapi(programHistory.route, programHistory.handler);
}
