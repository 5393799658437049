import { createRoute } from '@hono/zod-openapi';
import * as z from '../../../shared/zod.ts';
import { ANY_ROLE, allow } from '../platform/auth.ts';
import { historyEntrySchema, idParams, json, readProblems } from '../platform/openapi.ts';

/** `GET /{id}/history`: every record type documents and guards its history the same way. */
export const historyRoute = (tags: string[], summary: string) =>
  createRoute({
    method: 'get',
    path: '/{id}/history',
    tags,
    summary,
    middleware: [allow(...ANY_ROLE)],
    request: { params: idParams },
    responses: { 200: json(z.object({ items: z.array(historyEntrySchema) }), 'History'), ...readProblems },
  });
