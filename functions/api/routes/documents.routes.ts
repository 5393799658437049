import { createDocumentSchema, documentSchema } from '../../../shared/domain/document.ts';
import type { DocumentTarget } from '../../../shared/store/document.repository.ts';
import * as z from '../../../shared/zod.ts';
import { allow } from '../platform/auth.ts';
import { changeProblems, itemsOf, json, specs } from '../platform/openapi.ts';
import { route, writeContext } from '../platform/route-kit.ts';
import { param, TARGETS, type TargetDefinition } from './document-targets.ts';

const tags = ['Documents'];

const uploadSchema = z.object({
  document: documentSchema,
  upload: z.object({
    method: z.literal('PUT'),
    url: z.string(),
    headers: z.record(z.string(), z.string()),
    expiresAt: z.string(),
  }),
});

/** The document routes of one record type, below the record's own path. */
function routesFor(definition: TargetDefinition) {
  const { read, create } = specs(tags, definition.writers);
  const base = definition.route;
  const withDoc = definition.params.extend({ documentId: param('documentId') });
  const resolve = (params: Record<string, string>): DocumentTarget => {
    const path = `/v1${base.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '')}`;
    return { type: definition.type, path, ...definition.target(params) };
  };
  /** The record a request's path names, and the document in it. */
  const documentOf = ({ documentId = '', ...record }: Record<string, string | undefined>) =>
    [resolve(record as Record<string, string>), documentId] as const;
  /** A change of a document by the record's writers, without If-Match. */
  const write = <const P extends string, const O extends object>(path: P, summary: string, ok: O) => ({
    path,
    tags,
    summary,
    middleware: [allow(...definition.writers)],
    request: { params: withDoc },
    responses: { ...ok, ...changeProblems },
  });

  return [
    route(
      {
        method: 'post',
        ...create(
          `${base}/documents`,
          `Announce a document for a ${definition.type}; returns a short-lived upload URL`,
          { params: definition.params, body: createDocumentSchema },
          json(uploadSchema, 'Announced: PUT the bytes to upload.url, then complete'),
        ),
      },
      async (c) => {
        const target = resolve(c.req.valid('param'));
        const result = await c.var.deps.documents.announce(target, c.req.valid('json'), writeContext(c));
        c.header('Location', `${target.path}/documents/${result.document.id}`);
        return c.json(result, 201);
      },
    ),
    route(
      {
        method: 'post',
        ...write(
          `${base}/documents/{documentId}/complete`,
          'Verify the uploaded bytes (size, type sniffed from content, sha256) and make the document available',
          { 200: json(documentSchema, 'Available') },
        ),
      },
      async (c) =>
        c.json(
          await c.var.deps.documents.complete(...documentOf(c.req.valid('param')), writeContext(c)),
          200,
        ),
    ),
    route(
      {
        method: 'get',
        ...read(
          `${base}/documents`,
          `Documents of a ${definition.type}`,
          { params: definition.params },
          json(itemsOf(documentSchema), 'Documents'),
        ),
      },
      async (c) => {
        const { deps } = c.var;
        return c.json({ items: await deps.documents.list(resolve(c.req.valid('param')), deps.clock()) }, 200);
      },
    ),
    route(
      {
        method: 'get',
        ...read(
          `${base}/documents/{documentId}`,
          'A document’s metadata',
          { params: withDoc },
          json(documentSchema, 'The document'),
        ),
      },
      async (c) => {
        const { deps } = c.var;
        return c.json(await deps.documents.get(...documentOf(c.req.valid('param')), deps.clock()), 200);
      },
    ),
    route(
      {
        method: 'get',
        ...read(
          `${base}/documents/{documentId}/download`,
          'A short-lived download URL',
          { params: withDoc },
          json(z.object({ url: z.string(), expiresAt: z.string() }), 'Download URL'),
        ),
      },
      async (c) => {
        const { deps } = c.var;
        return c.json(await deps.documents.download(...documentOf(c.req.valid('param')), deps.clock()), 200);
      },
    ),
    route(
      {
        method: 'delete',
        ...write(
          `${base}/documents/{documentId}`,
          'Delete a document (admin, or the uploader within 24 hours); recorded in the record’s history',
          { 204: { description: 'Deleted' } },
        ),
      },
      async (c) => {
        await c.var.deps.documents.remove(...documentOf(c.req.valid('param')), writeContext(c));
        return c.body(null, 204);
      },
    ),
  ];
}

/** Document routes for every record type, mounted under /v1. */
export const documentRoutes = TARGETS.flatMap(routesFor);
