import type { AppError } from '../domain/errors.ts';
import { GLOBAL_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from './table-definition.ts';

/** Items and writes as the store builds them, and how an item is read back without its keys. */
export type Item = Record<string, unknown>;
export type Key = { pk: string; sk: string };

export interface Condition {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

/** One write in a transaction; `onConditionFailed` says what a failed condition means. */
export type Write = (
  | { put: Item; condition?: Condition }
  | { update: Key; set: Condition; condition?: Condition }
  | { check: Key; condition: Condition }
  | { remove: Key; condition?: Condition }
) & { onConditionFailed?: () => AppError };

/** DynamoDB's limit on the items of one TransactWriteItems. */
export const MAX_TRANSACTION_ITEMS = 100;

const KEY_ATTRIBUTES = new Set<string>([
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  TTL_ATTRIBUTE,
  'entity',
  // A deadline's fingerprint of what its record decided (deadline-sync.ts), for conditions only.
  'fingerprint',
  ...GLOBAL_INDEXES.flatMap((index) => [index.partitionKey, index.sortKey]),
]);

/** Strips storage-only attributes so domain objects never see keys. */
export function withoutKeys<T>(item: Item): T {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !KEY_ATTRIBUTES.has(name))) as T;
}
