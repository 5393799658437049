import type { HistoryEntry } from '../../../shared/domain/history.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { historyEntrySchema, idParams, itemsOf, json, specs } from '../platform/openapi.ts';
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
      ...specs(tags).read(
        '/{id}/history',
        summary,
        { params: idParams },
        json(itemsOf(historyEntrySchema), 'History'),
      ),
    },
    async (c) => c.json({ items: await read(c.var.deps, c.req.valid('param').id) }, 200),
  );
