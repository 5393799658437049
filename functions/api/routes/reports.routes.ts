import { reportSchema, updateReportSchema } from '../../../shared/domain/report.ts';
import * as z from '../../../shared/zod.ts';
import { idParams, itemsOf, json, specs } from '../platform/openapi.ts';
import { route, versionedChange, versionedRead } from '../platform/route-kit.ts';

const { read, change } = specs(['Statements of use'], ['finance', 'admin']);
const reportParams = idParams.extend({
  reportId: z
    .string()
    .regex(/^(final|interim-\d{4})$/, 'is not a report id')
    .openapi({ param: { name: 'reportId', in: 'path' }, example: 'interim-2023' }),
});

export const reportRoutes = [
  route(
    {
      method: 'get',
      ...read(
        '/{id}/reports',
        'Interim and final statements of use the approval created',
        { params: idParams },
        json(itemsOf(reportSchema), 'Reports'),
      ),
    },
    async (c) => c.json({ items: await c.var.deps.store.reports.list(c.req.valid('param').id) }, 200),
  ),
  versionedRead(
    {
      method: 'get',
      ...read(
        '/{id}/reports/{reportId}',
        'Read a statement of use',
        { params: reportParams },
        json(reportSchema, 'The report'),
      ),
    },
    (c, deps) => {
      const { id, reportId } = c.req.valid('param');
      return deps.store.reports.get(id, reportId);
    },
  ),
  versionedChange(
    {
      method: 'patch',
      ...change(
        '/{id}/reports/{reportId}',
        'Mark a statement of use submitted, accepted or rejected (If-Match)',
        { params: reportParams, body: updateReportSchema },
        json(reportSchema, 'Changed'),
      ),
    },
    (c, { version, context, deps }) => {
      const { id, reportId } = c.req.valid('param');
      return deps.store.reports.update(id, reportId, version, c.req.valid('json'), context);
    },
  ),
];
