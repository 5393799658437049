import type { HistoryEntry } from '../../../shared/domain/history.ts';
import * as z from '../../../shared/zod.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { ANY_ROLE, allow } from '../platform/auth.ts';
import { historyEntrySchema, idParams, json, readProblems } from '../platform/openapi.ts';
import { route } from '../platform/route-kit.ts';

/** `GET /{id}/history`: every record type documents, guards and answers its history the same way. */
export const historyRoute = (
  tags: string[],
  summary: string,
  read: (deps: ApiDependencies, id: string) => Promise<HistoryEntry[]>,
) =>
  route(
    {
      method: 'get',
      path: '/{id}/history',
      tags,
      summary,
      middleware: [allow(...ANY_ROLE)],
      request: { params: idParams },
      responses: { 200: json(z.object({ items: z.array(historyEntrySchema) }), 'History'), ...readProblems },
    },
    async (c) => c.json({ items: await read(c.var.deps, c.req.valid('param').id) }, 200),
  );
