import { sameData } from './canonical.ts';

/** One field a change moved: what it was and what it is now, so an auditor reads the values, not only the name. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** One immutable entry in a record's history, written in the same transaction as the change. */
export interface HistoryEntry {
  id: string;
  at: string;
  actor: { sub: string; email: string | undefined };
  action: string;
  from: string | null;
  to: string | null;
  note: string | null;
  /** Every top-level field the change moved, with its old and its new value. */
  changes: FieldChange[];
}

/** Bookkeeping that moves with every change and says nothing of its own. */
const BOOKKEEPING = new Set(['version', 'updatedAt']);

/**
 * The top-level fields whose values differ between two versions of a record, with both values
 * (absent becomes null). Compared structurally: a store returns map keys in its own order.
 */
export function changedValues(before: object, after: object): FieldChange[] {
  const was = before as Record<string, unknown>;
  const is = after as Record<string, unknown>;
  return [...new Set([...Object.keys(was), ...Object.keys(is)])]
    .filter((field) => !BOOKKEEPING.has(field) && !sameData(was[field] ?? null, is[field] ?? null))
    .map((field) => ({ field, from: was[field] ?? null, to: is[field] ?? null }));
}
