import type { Condition } from './table.ts';

/** Condition for a first write of a key. */
export const mustNotExist: Condition = { expression: 'attribute_not_exists(pk)' };

/** Condition for optimistic locking: the stored version must still be the one read. */
export const versionIs = (version: number): Condition => ({
  expression: '#version = :expectedVersion',
  names: { '#version': 'version' },
  values: { ':expectedVersion': version },
});

/** A filter or condition: the attribute has this value. */
export const attributeIs = (attribute: string, value: unknown): Condition => ({
  expression: `#${attribute} = :${attribute}`,
  names: { [`#${attribute}`]: attribute },
  values: { [`:${attribute}`]: value },
});

/** Conditions that must all hold; none: no condition at all. */
export function allOf(conditions: readonly Condition[]): Condition | undefined {
  if (conditions.length === 0) return undefined;
  return {
    expression: conditions.map((condition) => condition.expression).join(' AND '),
    names: Object.assign({}, ...conditions.map((condition) => condition.names)),
    values: Object.assign({}, ...conditions.map((condition) => condition.values)),
  };
}

/** A query's filter on one attribute when a value is given, else no filter: for spreading into query options. */
export const filterWhen = (attribute: string, value: unknown): { filter?: Condition } =>
  value === undefined ? {} : { filter: attributeIs(attribute, value) };
