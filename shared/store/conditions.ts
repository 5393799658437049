import type { Condition } from './table.ts';

/** Condition for a first write of a key. */
export const mustNotExist: Condition = { expression: 'attribute_not_exists(pk)' };

/** Condition for optimistic locking: the stored version must still be the one read. */
export const versionIs = (version: number): Condition => ({
  expression: '#version = :expectedVersion',
  names: { '#version': 'version' },
  values: { ':expectedVersion': version },
});
