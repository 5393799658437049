import { AppError } from '../domain/errors.ts';
import type { Item, Key, QueryInput } from './table.ts';
import type { IndexName } from './table-definition.ts';

/**
 * One item kind of the single table, declared once: its entity tag, the key it lives at and
 * the access patterns (named GSI keys) it appears in. ElectroDB's entity shape without the
 * library: key templates are segment lists, `':name'` standing for a value, anything else
 * for itself; segments are joined with `#`. The same template writes an item's keys and
 * builds every query on it, so the two can never disagree.
 */
export type Template = readonly string[];

/** The value names a template reads: `['APP', ':id']` → `'id'`. */
type NamesOf<T extends Template> = {
  [I in keyof T]: T[I] extends `:${infer Name}` ? Name : never;
}[number];

export type KeyValues<T extends Template> = { [Name in NamesOf<T>]: string };

interface IndexDeclaration {
  index: IndexName;
  pk: Template;
  sk: Template;
}

interface EntityDeclaration<
  R,
  P extends Template,
  S extends Template,
  I extends Record<string, IndexDeclaration>,
> {
  tag: string;
  pk: P;
  sk: S;
  indexes?: I;
  /**
   * Values templates read that are not the record's own attributes as they are (a lower-cased
   * name, a due month). Templates read the record's attributes, then these, then what the
   * caller adds (the partition a deadline lives in). Absent or null: the item carries no keys
   * for that index, which makes it sparse.
   */
  derived?: (record: R) => Record<string, string | null | undefined>;
  /** An index the record appears in only under a condition (e.g. open deadlines). */
  sparse?: Partial<Record<keyof I, (record: R) => boolean>>;
}

/** What a list query may add after its partition: a sort-key prefix or a range on one value. */
export interface QueryOptions<Name extends string = string> {
  /** Leading sort-key values; the query takes every item that begins with them. */
  prefix?: Partial<Record<Name, string>>;
  /** A range on the value after the prefix; `to` takes every item of its last value. */
  between?: [string, string];
  newestFirst?: boolean;
  filter?: QueryInput['filter'];
}

const SEPARATOR = '#';
/** Sorts after every character a value uses, so `…#to#~` closes a range on its last value. */
const AFTER_ALL = '~';

type Values = Record<string, unknown>;

function fill(template: Template, values: Values): string | undefined {
  const parts: string[] = [];
  for (const segment of template) {
    if (!segment.startsWith(':')) {
      parts.push(segment);
      continue;
    }
    const value = values[segment.slice(1)];
    if (value === undefined || value === null) return undefined;
    parts.push(String(value));
  }
  return parts.join(SEPARATOR);
}

/** The leading part of a template the given values fill, ending in a separator when partial. */
function leading(template: Template, values: Record<string, string | undefined>): string {
  const parts: string[] = [];
  for (const segment of template) {
    if (segment.startsWith(':')) {
      const value = values[segment.slice(1)];
      if (value === undefined) return parts.length ? `${parts.join(SEPARATOR)}${SEPARATOR}` : '';
      parts.push(value);
    } else {
      parts.push(segment);
    }
  }
  return parts.join(SEPARATOR);
}

export function defineEntity<R>() {
  return <
    P extends Template,
    S extends Template,
    I extends Record<string, IndexDeclaration> = Record<never, never>,
  >(
    declaration: EntityDeclaration<R, P, S, I>,
  ) => {
    const { tag, pk, sk } = declaration;
    const indexes = (declaration.indexes ?? {}) as I;
    const required = (template: Template, values: Values) => {
      const key = fill(template, values);
      // A record without a value its key needs is our bug, never the client's: an internal error.
      if (key === undefined) {
        throw new AppError('internal', `${tag}: no value for a key segment of ${template.join(SEPARATOR)}`);
      }
      return key;
    };
    const key = (values: KeyValues<P> & KeyValues<S>): Key => ({
      pk: required(pk, values),
      sk: required(sk, values),
    });
    return {
      tag,
      key,
      /** The item as stored: keys, entity tag, the index keys that apply, then the record. */
      item(record: R, extra: Item = {}): Item {
        const values = { ...(record as Values), ...declaration.derived?.(record), ...extra };
        const item: Item = { pk: required(pk, values), sk: required(sk, values), entity: tag };
        for (const [name, index] of Object.entries(indexes)) {
          if (declaration.sparse?.[name as keyof I]?.(record) === false) continue;
          const indexPk = fill(index.pk, values);
          const indexSk = fill(index.sk, values);
          if (indexPk === undefined || indexSk === undefined) continue;
          item[`${index.index}pk`] = indexPk;
          item[`${index.index}sk`] = indexSk;
        }
        return { ...item, ...record };
      },
      /** A query over the partition's items of this kind (sort keys that begin like this kind's). */
      partitionQuery(
        values: KeyValues<P>,
        prefix: Partial<KeyValues<S>> = {},
      ): Omit<QueryInput, 'startKey' | 'limit'> {
        return { partition: required(pk, values), sortKeyPrefix: leading(sk, prefix) };
      },
      /** A list query on a named access pattern: its partition, then an optional prefix or range. */
      query<N extends keyof I & string>(
        name: N,
        partition: KeyValues<I[N]['pk']>,
        options: QueryOptions<NamesOf<I[N]['sk']>> = {},
      ): Omit<QueryInput, 'startKey' | 'limit'> {
        const index = indexes[name] as IndexDeclaration;
        const start = leading(index.sk, (options.prefix ?? {}) as Record<string, string>);
        const range = options.between
          ? {
              sortKeyBetween: [
                `${start}${options.between[0]}`,
                `${start}${options.between[1]}${SEPARATOR}${AFTER_ALL}`,
              ] as [string, string],
            }
          : start
            ? { sortKeyPrefix: start }
            : {};
        return {
          index: index.index,
          partition: required(index.pk, partition),
          ...range,
          ...(options.newestFirst ? { newestFirst: true } : {}),
          ...(options.filter ? { filter: options.filter } : {}),
        };
      },
    };
  };
}
export type Entity = ReturnType<ReturnType<typeof defineEntity>>;
