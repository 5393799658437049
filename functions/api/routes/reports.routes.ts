import { createRoute } from '@hono/zod-openapi';
import { reportSchema, updateReportSchema } from '../../../shared/domain/report.ts';
import * as z from '../../../shared/zod.ts';
import { type ApiDependencies, writeContext } from '../dependencies.ts';
import { ANY_ROLE, allow } from '../platform/auth.ts';
import { newApp } from '../platform/new-app.ts';
import {
  changeProblems,
  idParams,
  ifMatchHeaders,
  json,
  jsonBody,
  readProblems,
} from '../platform/openapi.ts';
import { expectedVersion } from '../platform/preconditions.ts';
import { versionHeaders } from './respond.ts';

const tags = ['Statements of use'];
const reportParams = idParams.extend({
  reportId: z
    .string()
    .regex(/^(final|interim-\d{4})$/, 'is not a report id')
    .openapi({ param: { name: 'reportId', in: 'path' }, example: 'interim-2023' }),
});

const routes = {
  list: createRoute({
    method: 'get',
    path: '/{id}/reports',
    tags,
    summary: 'Interim and final statements of use the approval created',
    middleware: [allow(...ANY_ROLE)],
    request: { params: idParams },
    responses: { 200: json(z.object({ items: z.array(reportSchema) }), 'Reports'), ...readProblems },
  }),
  read: createRoute({
    method: 'get',
    path: '/{id}/reports/{reportId}',
    tags,
    summary: 'Read a statement of use',
    middleware: [allow(...ANY_ROLE)],
    request: { params: reportParams },
    responses: { 200: json(reportSchema, 'The report'), ...readProblems },
  }),
  update: createRoute({
    method: 'patch',
    path: '/{id}/reports/{reportId}',
    tags,
    summary: 'Mark a statement of use submitted, accepted or rejected (If-Match)',
    middleware: [allow('finance', 'admin')],
    request: { params: reportParams, headers: ifMatchHeaders, body: jsonBody(updateReportSchema) },
    responses: { 200: json(reportSchema, 'Changed'), ...changeProblems },
  }),
};

export function reportRoutes(deps: ApiDependencies) {
  const { reports } = deps.store;
  return newApp()
    .openapi(routes.list, async (c) => c.json({ items: await reports.list(c.req.valid('param').id) }, 200))
    .openapi(routes.read, async (c) => {
      const { id, reportId } = c.req.valid('param');
      const report = await reports.get(id, reportId);
      versionHeaders(c, report);
      return c.json(report, 200);
    })
    .openapi(routes.update, async (c) => {
      const version = expectedVersion(c);
      const { id, reportId } = c.req.valid('param');
      const report = await reports.update(id, reportId, version, c.req.valid('json'), writeContext(c, deps));
      versionHeaders(c, report);
      return c.json(report, 200);
    });
}
