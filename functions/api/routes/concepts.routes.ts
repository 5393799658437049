import { createRoute } from '@hono/zod-openapi';
import {
  CONCEPT_STATUSES,
  conceptSchema,
  createConceptSchema,
  updateConceptSchema,
} from '../../../shared/domain/concept.ts';
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
import { COORDINATION_WRITERS } from './tasks.routes.ts';

const tags = ['District concepts'];

const milestoneParams = idParams.extend({
  milestoneId: ulidSchema.openapi({ param: { name: 'milestoneId', in: 'path' } }),
});
const reportParams = milestoneParams.extend({
  reportId: ulidSchema.openapi({ param: { name: 'reportId', in: 'path' } }),
});

const routes = {
  list: createRoute({
    method: 'get',
    path: '/',
    tags,
    summary: 'List district concepts by district; filter by district, status and position',
    middleware: [allow(...ANY_ROLE)],
    request: {
      query: pageQuery.extend({
        status: z.enum(CONCEPT_STATUSES).optional(),
        district: z.string().trim().min(1).max(200).optional(),
        positionId: ulidSchema.optional(),
      }),
    },
    responses: { 200: json(pageOf(conceptSchema), 'Concepts'), ...readProblems },
  }),
  create: createRoute({
    method: 'post',
    path: '/',
    tags,
    summary: 'Record an integrated district development concept (Stadtteilentwicklungskonzept)',
    middleware: [allow(...COORDINATION_WRITERS)],
    request: { headers: idempotencyHeaders, body: jsonBody(createConceptSchema) },
    responses: { 201: json(conceptSchema, 'Created'), ...createProblems },
  }),
  read: createRoute({
    method: 'get',
    path: '/{id}',
    tags,
    summary: 'Read a concept; its linked tasks are listed by GET /v1/tasks?conceptId=',
    middleware: [allow(...ANY_ROLE)],
    request: { params: idParams },
    responses: { 200: json(conceptSchema, 'The concept'), ...readProblems },
  }),
  update: createRoute({
    method: 'patch',
    path: '/{id}',
    tags,
    summary: 'Edit a concept or move it to its next phase (If-Match)',
    middleware: [allow(...COORDINATION_WRITERS)],
    request: { params: idParams, headers: ifMatchHeaders, body: jsonBody(updateConceptSchema) },
    responses: { 200: json(conceptSchema, 'Changed'), ...changeProblems },
  }),
  history: historyRoute(
    tags,
    'Every change of the concept, its milestones and milestone reports, oldest first',
    (deps, id) => deps.store.concepts.history(id),
  ),
  milestones: createRoute({
    method: 'get',
    path: '/{id}/milestones',
    tags,
    summary: 'Milestones of a concept by due date',
    middleware: [allow(...ANY_ROLE)],
    request: { params: idParams },
    responses: { 200: json(z.object({ items: z.array(milestoneSchema) }), 'Milestones'), ...readProblems },
  }),
  createMilestone: createRoute({
    method: 'post',
    path: '/{id}/milestones',
    tags,
    summary: 'Plan a milestone; its due date and report due date become deadlines of the concept owner',
    middleware: [allow(...COORDINATION_WRITERS)],
    request: { params: idParams, headers: idempotencyHeaders, body: jsonBody(createMilestoneSchema) },
    responses: { 201: json(milestoneSchema, 'Created'), ...createProblems },
  }),
  milestone: createRoute({
    method: 'get',
    path: '/{id}/milestones/{milestoneId}',
    tags,
    summary: 'Read a milestone',
    middleware: [allow(...ANY_ROLE)],
    request: { params: milestoneParams },
    responses: { 200: json(milestoneSchema, 'The milestone'), ...readProblems },
  }),
  updateMilestone: createRoute({
    method: 'patch',
    path: '/{id}/milestones/{milestoneId}',
    tags,
    summary: 'Edit a milestone or mark it in progress, achieved (achievedOn) or missed (If-Match)',
    middleware: [allow(...COORDINATION_WRITERS)],
    request: { params: milestoneParams, headers: ifMatchHeaders, body: jsonBody(updateMilestoneSchema) },
    responses: { 200: json(milestoneSchema, 'Changed'), ...changeProblems },
  }),
  reports: createRoute({
    method: 'get',
    path: '/{id}/milestones/{milestoneId}/reports',
    tags,
    summary: 'Reports on a milestone, oldest first',
    middleware: [allow(...ANY_ROLE)],
    request: { params: milestoneParams },
    responses: {
      200: json(z.object({ items: z.array(milestoneReportSchema) }), 'Milestone reports'),
      ...readProblems,
    },
  }),
  createReport: createRoute({
    method: 'post',
    path: '/{id}/milestones/{milestoneId}/reports',
    tags,
    summary: 'Draft a report on the milestone to a steering body',
    middleware: [allow(...COORDINATION_WRITERS)],
    request: {
      params: milestoneParams,
      headers: idempotencyHeaders,
      body: jsonBody(createMilestoneReportSchema),
    },
    responses: { 201: json(milestoneReportSchema, 'Created'), ...createProblems },
  }),
  report: createRoute({
    method: 'get',
    path: '/{id}/milestones/{milestoneId}/reports/{reportId}',
    tags,
    summary: 'Read a milestone report',
    middleware: [allow(...ANY_ROLE)],
    request: { params: reportParams },
    responses: { 200: json(milestoneReportSchema, 'The report'), ...readProblems },
  }),
  updateReport: createRoute({
    method: 'patch',
    path: '/{id}/milestones/{milestoneId}/reports/{reportId}',
    tags,
    summary: 'Edit a report or submit it, accept it or ask for a revision (If-Match)',
    middleware: [allow(...COORDINATION_WRITERS)],
    request: { params: reportParams, headers: ifMatchHeaders, body: jsonBody(updateMilestoneReportSchema) },
    responses: { 200: json(milestoneReportSchema, 'Changed'), ...changeProblems },
  }),
};

export function conceptRoutes(deps: ApiDependencies) {
  const { concepts, milestones } = deps.store;
  return newApp()
    .openapi(routes.list, async (c) => {
      const { limit, cursor, ...filter } = c.req.valid('query');
      return c.json(await concepts.list(filter, { limit, cursor }), 200);
    })
    .openapi(routes.create, async (c) => {
      const concept = await concepts.create(c.req.valid('json'), writeContext(c, deps));
      versionHeaders(c, concept, `/v1/concepts/${concept.id}`);
      return c.json(concept, 201);
    })
    .openapi(routes.read, async (c) => {
      const concept = await concepts.get(c.req.valid('param').id);
      versionHeaders(c, concept);
      return c.json(concept, 200);
    })
    .openapi(routes.update, async (c) => {
      const version = expectedVersion(c);
      const { id } = c.req.valid('param');
      const concept = await concepts.update(id, version, c.req.valid('json'), writeContext(c, deps));
      versionHeaders(c, concept);
      return c.json(concept, 200);
    })
    .openapi(routes.history.route, routes.history.handler)
    .openapi(routes.milestones, async (c) =>
      c.json({ items: await milestones.milestones(c.req.valid('param').id) }, 200),
    )
    .openapi(routes.createMilestone, async (c) => {
      const { id } = c.req.valid('param');
      const milestone = await milestones.createMilestone(id, c.req.valid('json'), writeContext(c, deps));
      versionHeaders(c, milestone, `/v1/concepts/${id}/milestones/${milestone.id}`);
      return c.json(milestone, 201);
    })
    .openapi(routes.milestone, async (c) => {
      const { id, milestoneId } = c.req.valid('param');
      const milestone = await milestones.milestone(id, milestoneId);
      versionHeaders(c, milestone);
      return c.json(milestone, 200);
    })
    .openapi(routes.updateMilestone, async (c) => {
      const version = expectedVersion(c);
      const { id, milestoneId } = c.req.valid('param');
      const milestone = await milestones.updateMilestone(
        id,
        milestoneId,
        version,
        c.req.valid('json'),
        writeContext(c, deps),
      );
      versionHeaders(c, milestone);
      return c.json(milestone, 200);
    })
    .openapi(routes.reports, async (c) => {
      const { id, milestoneId } = c.req.valid('param');
      return c.json({ items: await milestones.reports(id, milestoneId) }, 200);
    })
    .openapi(routes.createReport, async (c) => {
      const { id, milestoneId } = c.req.valid('param');
      const report = await milestones.createReport(
        id,
        milestoneId,
        c.req.valid('json'),
        writeContext(c, deps),
      );
      versionHeaders(c, report, `/v1/concepts/${id}/milestones/${milestoneId}/reports/${report.id}`);
      return c.json(report, 201);
    })
    .openapi(routes.report, async (c) => {
      const { id, milestoneId, reportId } = c.req.valid('param');
      const report = await milestones.report(id, milestoneId, reportId);
      versionHeaders(c, report);
      return c.json(report, 200);
    })
    .openapi(routes.updateReport, async (c) => {
      const version = expectedVersion(c);
      const { id, milestoneId, reportId } = c.req.valid('param');
      const report = await milestones.updateReport(
        id,
        milestoneId,
        reportId,
        version,
        c.req.valid('json'),
        writeContext(c, deps),
      );
      versionHeaders(c, report);
      return c.json(report, 200);
    });
}
