import { createRoute } from '@hono/zod-openapi';
import { createDocumentSchema, documentSchema } from '../../../shared/domain/document.ts';
import type { Role } from '../../../shared/domain/roles.ts';
import type { DocumentTarget } from '../../../shared/store/document.repository.ts';
import * as z from '../../../shared/zod.ts';
import { type ApiDependencies, writeContext } from '../dependencies.ts';
import { ANY_ROLE, allow } from '../platform/auth.ts';
import { newApp } from '../platform/new-app.ts';
import {
  changeProblems,
  createProblems,
  idempotencyHeaders,
  json,
  jsonBody,
  readProblems,
  ulidSchema,
} from '../platform/openapi.ts';

const param = (name: string, schema: z.ZodString = ulidSchema) =>
  schema.openapi({ param: { name, in: 'path' } });
const noticeVersion = z.string().regex(/^[1-9]\d{0,3}$/, 'is not a notice version');
const reportId = z.string().regex(/^(final|interim-\d{4})$/, 'is not a report id');

const FUNDING_WRITERS: Role[] = ['finance', 'admin'];
const WORK_WRITERS: Role[] = ['coordinator', 'admin'];

interface TargetDefinition {
  type: string;
  /** The record's path below /v1 in OpenAPI syntax. */
  route: string;
  params: z.ZodObject<Record<string, z.ZodString>>;
  writers: Role[];
  target(params: Record<string, string>): Omit<DocumentTarget, 'type' | 'path'>;
}

/** Every record a document can be attached to, with who may attach. */
const TARGETS: TargetDefinition[] = [
  {
    type: 'application',
    route: '/applications/{id}',
    params: z.object({ id: param('id') }),
    writers: FUNDING_WRITERS,
    target: (p) => ({ key: { pk: `APP#${p.id}`, sk: 'APP' }, reference: 'APP' }),
  },
  {
    type: 'notice',
    route: '/applications/{id}/notices/{version}',
    params: z.object({ id: param('id'), version: param('version', noticeVersion) }),
    writers: FUNDING_WRITERS,
    target: (p) => {
      const sk = `NOTICE#${String(p.version).padStart(4, '0')}`;
      return { key: { pk: `APP#${p.id}`, sk }, reference: sk };
    },
  },
  {
    type: 'funds call',
    route: '/applications/{id}/funds-calls/{callId}',
    params: z.object({ id: param('id'), callId: param('callId') }),
    writers: FUNDING_WRITERS,
    target: (p) => ({ key: { pk: `APP#${p.id}`, sk: `CALL#${p.callId}` }, reference: `CALL#${p.callId}` }),
  },
  {
    type: 'report',
    route: '/applications/{id}/reports/{reportId}',
    params: z.object({ id: param('id'), reportId: param('reportId', reportId) }),
    writers: FUNDING_WRITERS,
    target: (p) => ({
      key: { pk: `APP#${p.id}`, sk: `REPORT#${p.reportId}` },
      reference: `REPORT#${p.reportId}`,
    }),
  },
  {
    type: 'position',
    route: '/positions/{id}',
    params: z.object({ id: param('id') }),
    writers: FUNDING_WRITERS,
    target: (p) => ({ key: { pk: `POS#${p.id}`, sk: 'POS' }, reference: 'POS' }),
  },
  {
    type: 'task',
    route: '/tasks/{id}',
    params: z.object({ id: param('id') }),
    writers: WORK_WRITERS,
    target: (p) => ({ key: { pk: `TASK#${p.id}`, sk: 'TASK' }, reference: 'TASK' }),
  },
  {
    type: 'concept',
    route: '/concepts/{id}',
    params: z.object({ id: param('id') }),
    writers: WORK_WRITERS,
    target: (p) => ({ key: { pk: `CONCEPT#${p.id}`, sk: 'CONCEPT' }, reference: 'CONCEPT' }),
  },
  {
    type: 'milestone',
    route: '/concepts/{id}/milestones/{milestoneId}',
    params: z.object({ id: param('id'), milestoneId: param('milestoneId') }),
    writers: WORK_WRITERS,
    target: (p) => ({
      key: { pk: `CONCEPT#${p.id}`, sk: `MILESTONE#${p.milestoneId}` },
      reference: `MILESTONE#${p.milestoneId}`,
    }),
  },
  {
    type: 'milestone report',
    route: '/concepts/{id}/milestones/{milestoneId}/reports/{reportId}',
    params: z.object({ id: param('id'), milestoneId: param('milestoneId'), reportId: param('reportId') }),
    writers: WORK_WRITERS,
    target: (p) => {
      const sk = `MILESTONE#${p.milestoneId}#REPORT#${p.reportId}`;
      return { key: { pk: `CONCEPT#${p.id}`, sk }, reference: sk };
    },
  },
];

const uploadSchema = z.object({
  document: documentSchema,
  upload: z.object({
    method: z.literal('PUT'),
    url: z.string(),
    headers: z.record(z.string(), z.string()),
    expiresAt: z.string(),
  }),
});

function routesFor(definition: TargetDefinition, deps: ApiDependencies) {
  const tags = ['Documents'];
  const base = definition.route;
  const withDoc = definition.params.extend({ documentId: param('documentId') });
  const resolve = (params: Record<string, string>): DocumentTarget => {
    const path = `/v1${base.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '')}`;
    return { type: definition.type, path, ...definition.target(params) };
  };
  const routes = {
    announce: createRoute({
      method: 'post',
      path: `${base}/documents`,
      tags,
      summary: `Announce a document for a ${definition.type}; returns a short-lived upload URL`,
      middleware: [allow(...definition.writers)],
      request: {
        params: definition.params,
        headers: idempotencyHeaders,
        body: jsonBody(createDocumentSchema),
      },
      responses: {
        201: json(uploadSchema, 'Announced: PUT the bytes to upload.url, then complete'),
        ...createProblems,
      },
    }),
    complete: createRoute({
      method: 'post',
      path: `${base}/documents/{documentId}/complete`,
      tags,
      summary:
        'Verify the uploaded bytes (size, type sniffed from content, sha256) and make the document available',
      middleware: [allow(...definition.writers)],
      request: { params: withDoc },
      responses: { 200: json(documentSchema, 'Available'), ...changeProblems },
    }),
    list: createRoute({
      method: 'get',
      path: `${base}/documents`,
      tags,
      summary: `Documents of a ${definition.type}`,
      middleware: [allow(...ANY_ROLE)],
      request: { params: definition.params },
      responses: { 200: json(z.object({ items: z.array(documentSchema) }), 'Documents'), ...readProblems },
    }),
    read: createRoute({
      method: 'get',
      path: `${base}/documents/{documentId}`,
      tags,
      summary: 'A document’s metadata',
      middleware: [allow(...ANY_ROLE)],
      request: { params: withDoc },
      responses: { 200: json(documentSchema, 'The document'), ...readProblems },
    }),
    download: createRoute({
      method: 'get',
      path: `${base}/documents/{documentId}/download`,
      tags,
      summary: 'A short-lived download URL',
      middleware: [allow(...ANY_ROLE)],
      request: { params: withDoc },
      responses: {
        200: json(z.object({ url: z.string(), expiresAt: z.string() }), 'Download URL'),
        ...readProblems,
      },
    }),
    remove: createRoute({
      method: 'delete',
      path: `${base}/documents/{documentId}`,
      tags,
      summary: 'Delete a document (admin, or the uploader within 24 hours); recorded in the record’s history',
      middleware: [allow(...definition.writers)],
      request: { params: withDoc },
      responses: { 204: { description: 'Deleted' }, ...changeProblems },
    }),
  };
  const documents = deps.documents;
  return newApp()
    .openapi(routes.announce, async (c) => {
      const target = resolve(c.req.valid('param'));
      const result = await documents.announce(target, c.req.valid('json'), writeContext(c, deps));
      c.header('Location', `${target.path}/documents/${result.document.id}`);
      return c.json(result, 201);
    })
    .openapi(routes.complete, async (c) => {
      const [documentId, params] = splitDocumentId(c.req.valid('param'));
      return c.json(await documents.complete(resolve(params), documentId, writeContext(c, deps)), 200);
    })
    .openapi(routes.list, async (c) =>
      c.json({ items: await documents.list(resolve(c.req.valid('param')), deps.clock()) }, 200),
    )
    .openapi(routes.read, async (c) => {
      const [documentId, params] = splitDocumentId(c.req.valid('param'));
      return c.json(await documents.get(resolve(params), documentId, deps.clock()), 200);
    })
    .openapi(routes.download, async (c) => {
      const [documentId, params] = splitDocumentId(c.req.valid('param'));
      return c.json(await documents.download(resolve(params), documentId, deps.clock()), 200);
    })
    .openapi(routes.remove, async (c) => {
      const [documentId, params] = splitDocumentId(c.req.valid('param'));
      await documents.remove(resolve(params), documentId, writeContext(c, deps));
      return c.body(null, 204);
    });
}

function splitDocumentId(params: Record<string, string | undefined>): [string, Record<string, string>] {
  const { documentId = '', ...rest } = params;
  return [documentId, rest as Record<string, string>];
}

/** Document routes for every record type, mounted under /v1. */
export function documentRoutes(deps: ApiDependencies) {
  const app = newApp();
  for (const definition of TARGETS) app.route('/', routesFor(definition, deps));
  return app;
}
