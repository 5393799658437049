import {
  createMilestoneSchema,
  milestoneSchema,
  updateMilestoneSchema,
} from '../../../shared/domain/milestone.ts';
import {
  createMilestoneReportSchema,
  milestoneReportSchema,
  updateMilestoneReportSchema,
} from '../../../shared/domain/milestone-report.ts';
import { idParams, itemsOf, json, specs, ulidSchema } from '../platform/openapi.ts';
import { creation, route, versionedChange, versionedRead } from '../platform/route-kit.ts';
import { conceptTags } from './concepts.routes.ts';
import { COORDINATION_WRITERS } from './tasks.routes.ts';

const { read, create, change } = specs(conceptTags, COORDINATION_WRITERS);

const milestoneParams = idParams.extend({
  milestoneId: ulidSchema.openapi({ param: { name: 'milestoneId', in: 'path' } }),
});
const reportParams = milestoneParams.extend({
  reportId: ulidSchema.openapi({ param: { name: 'reportId', in: 'path' } }),
});

/** The milestones of a concept and the reports on them, mounted with the concepts. */
export const milestoneRoutes = [
  route(
    {
      method: 'get',
      ...read(
        '/{id}/milestones',
        'Milestones of a concept by due date',
        { params: idParams },
        json(itemsOf(milestoneSchema), 'Milestones'),
      ),
    },
    async (c) =>
      c.json({ items: await c.var.deps.store.milestones.milestones(c.req.valid('param').id) }, 200),
  ),
  creation(
    {
      method: 'post',
      ...create(
        '/{id}/milestones',
        'Plan a milestone; its due date and report due date become deadlines of the concept owner',
        { params: idParams, body: createMilestoneSchema },
        json(milestoneSchema, 'Created'),
      ),
    },
    async (c, { deps, context }) => {
      const { id } = c.req.valid('param');
      const body = await deps.store.milestones.createMilestone(id, c.req.valid('json'), context);
      return { body, location: `/v1/concepts/${id}/milestones/${body.id}` };
    },
  ),
  versionedRead(
    {
      method: 'get',
      ...read(
        '/{id}/milestones/{milestoneId}',
        'Read a milestone',
        { params: milestoneParams },
        json(milestoneSchema, 'The milestone'),
      ),
    },
    (c, deps) => {
      const { id, milestoneId } = c.req.valid('param');
      return deps.store.milestones.milestone(id, milestoneId);
    },
  ),
  versionedChange(
    {
      method: 'patch',
      ...change(
        '/{id}/milestones/{milestoneId}',
        'Edit a milestone or mark it in progress, achieved (achievedOn) or missed (If-Match)',
        { params: milestoneParams, body: updateMilestoneSchema },
        json(milestoneSchema, 'Changed'),
      ),
    },
    (c, { version, context, deps }) => {
      const { id, milestoneId } = c.req.valid('param');
      return deps.store.milestones.updateMilestone(id, milestoneId, version, c.req.valid('json'), context);
    },
  ),
  route(
    {
      method: 'get',
      ...read(
        '/{id}/milestones/{milestoneId}/reports',
        'Reports on a milestone, oldest first',
        { params: milestoneParams },
        json(itemsOf(milestoneReportSchema), 'Milestone reports'),
      ),
    },
    async (c) => {
      const { id, milestoneId } = c.req.valid('param');
      return c.json({ items: await c.var.deps.store.milestones.reports(id, milestoneId) }, 200);
    },
  ),
  creation(
    {
      method: 'post',
      ...create(
        '/{id}/milestones/{milestoneId}/reports',
        'Draft a report on the milestone to a steering body',
        { params: milestoneParams, body: createMilestoneReportSchema },
        json(milestoneReportSchema, 'Created'),
      ),
    },
    async (c, { deps, context }) => {
      const { id, milestoneId } = c.req.valid('param');
      const body = await deps.store.milestones.createReport(id, milestoneId, c.req.valid('json'), context);
      return { body, location: `/v1/concepts/${id}/milestones/${milestoneId}/reports/${body.id}` };
    },
  ),
  versionedRead(
    {
      method: 'get',
      ...read(
        '/{id}/milestones/{milestoneId}/reports/{reportId}',
        'Read a milestone report',
        { params: reportParams },
        json(milestoneReportSchema, 'The report'),
      ),
    },
    (c, deps) => {
      const { id, milestoneId, reportId } = c.req.valid('param');
      return deps.store.milestones.report(id, milestoneId, reportId);
    },
  ),
  versionedChange(
    {
      method: 'patch',
      ...change(
        '/{id}/milestones/{milestoneId}/reports/{reportId}',
        'Edit a report or submit it, accept it or ask for a revision (If-Match)',
        { params: reportParams, body: updateMilestoneReportSchema },
        json(milestoneReportSchema, 'Changed'),
      ),
    },
    (c, { version, context, deps }) => {
      const { id, milestoneId, reportId } = c.req.valid('param');
      const body = c.req.valid('json');
      return deps.store.milestones.updateReport(id, milestoneId, reportId, version, body, context);
    },
  ),
];
