import type { Actor } from '../domain/actor.ts';
import { AppError, invalid } from '../domain/errors.ts';
import type { HistoryEntry } from '../domain/history.ts';
import type { Person } from '../domain/person.ts';
import { mustNotExist } from './conditions.ts';
import type { CursorCodec } from './cursor.ts';
import { defineEntity } from './entity.ts';
import { type Item, type QueryInput, type Table, type Write, withoutKeys } from './table.ts';

/** What every write needs besides its data: who, when, and fresh ids. */
export interface WriteContext {
  actor: Actor;
  now: Date;
  newId: () => string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

/** History entries live in the partition of the record they describe, in the order they were made. */
export const historyEntity = defineEntity<HistoryEntry>()({
  tag: 'history',
  pk: [':partition'],
  sk: ['HIST', ':id'],
});

export const staleVersion = (what: string) =>
  new AppError('precondition_failed', `The ${what} was changed since you read it; reload and retry`);

/** What a change says of itself in the record's history. */
export type HistoryChange = Pick<HistoryEntry, 'action'> &
  Partial<Pick<HistoryEntry, 'from' | 'to' | 'note' | 'changes'>>;

export function historyWrite(pk: string, context: WriteContext, change: HistoryChange): Write {
  const entry: HistoryEntry = {
    id: context.newId(),
    at: context.now.toISOString(),
    actor: { sub: context.actor.sub, email: context.actor.email },
    action: change.action,
    from: change.from ?? null,
    to: change.to ?? null,
    note: change.note ?? null,
    changes: change.changes ?? [],
  };
  return { put: historyEntity.item(entry, { partition: pk }), condition: mustNotExist };
}

export async function readHistory(table: Table, pk: string): Promise<HistoryEntry[]> {
  const items = await table.queryAll(historyEntity.partitionQuery({ partition: pk }));
  return items.map((item) => withoutKeys<HistoryEntry>(item));
}

/** Reads one page of a query as domain objects with an opaque cursor bound to the list. */
export async function queryPage<T>(
  table: Table,
  cursors: CursorCodec,
  query: Omit<QueryInput, 'startKey' | 'limit'>,
  options: PageRequest,
  map: (item: Item) => T = (item) => withoutKeys<T>(item),
): Promise<Page<T>> {
  const scope = JSON.stringify(query);
  const result = await table.query({
    ...query,
    limit: options.limit,
    startKey: cursors.decode(options.cursor, scope),
  });
  return { items: result.items.map(map), nextCursor: cursors.encode(result.lastKey, scope) };
}

/** Owner of a new record when none is named: the acting user, who must then have an e-mail. */
export function actorAsOwner(context: WriteContext): Person {
  const email = context.actor.email;
  if (!email) throw invalid('owner', 'is required when your token carries no e-mail');
  return { name: email, email };
}
