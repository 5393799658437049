import fc from 'fast-check';
import { type JsonSchema, type OpenApiDocument, resolveRef, UNKNOWN_ID } from './openapi-paths.ts';

/**
 * Walking and generating the JSON Schemas of the OpenAPI document: which fields a body has,
 * a valid value of a schema (deterministic, or as a fast-check arbitrary), and a value put at
 * a field's place.
 */

/** Where a field sits in a JSON value: property names and array indexes. */
export type FieldPath = (string | number)[];

/** `notice.budgetYears[0].approvedCents`: how a person names the field. */
export const fieldLabel = (path: FieldPath) =>
  path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index ? `.${part}` : part)).join('');

/** `notice.budgetYears.0.approvedCents`: how a 400 problem names it in `errors[].path`. */
export const issuePath = (path: FieldPath) => path.join('.');

export const ULID_PATTERN = '^[0-9A-HJKMNP-TV-Z]{26}$';
const DATE_PATTERN = '^(\\d{4})-(\\d{2})-(\\d{2})$';

/** The schema's types, inferred where it names none. */
export function typesOf(schema: JsonSchema): string[] {
  if (schema.type !== undefined) return [schema.type].flat();
  if (schema.properties) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

export const isNumeric = (schema: JsonSchema) =>
  typesOf(schema).some((type) => type === 'number' || type === 'integer');

export const isText = (schema: JsonSchema) => typesOf(schema).includes('string') && !schema.enum;

export interface Field {
  path: FieldPath;
  schema: JsonSchema;
}

/**
 * Every field of a schema that `accepts` (nested objects and arrays included; an array's fields
 * at index 0): `fieldsOf(document, body, isNumeric)`.
 */
export function fieldsOf(
  document: OpenApiDocument,
  root: JsonSchema,
  accepts: (schema: JsonSchema) => boolean,
): Field[] {
  const found: Field[] = [];
  const walk = (node: JsonSchema, path: FieldPath, depth: number) => {
    const schema = resolveRef<JsonSchema>(document, node);
    if (depth > 10) return;
    for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) {
      walk(branch, path, depth + 1);
    }
    if (path.length && accepts(schema)) found.push({ path, schema });
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      walk(property, [...path, name], depth + 1);
    }
    if (schema.items) walk(schema.items, [...path, 0], depth + 1);
  };
  walk(root, [], 0);
  return found;
}

const round = (value: number, step: number) => {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return Number(value.toFixed(decimals));
};

/** A valid value of the schema, always the same: examples, minimums, required properties only. */
export function exampleOf(document: OpenApiDocument, node: JsonSchema): unknown {
  const schema = resolveRef<JsonSchema>(document, node);
  const branch = schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema.allOf?.[0];
  if (branch) return exampleOf(document, branch);
  if (schema.enum) return schema.enum[0];
  if (schema.example !== undefined) return schema.example;
  const type = typesOf(schema).find((candidate) => candidate !== 'null') ?? 'null';
  switch (type) {
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((name) => [name, exampleOf(document, schema.properties?.[name] ?? {})]),
      );
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => exampleOf(document, schema.items ?? {}));
    case 'integer':
    case 'number': {
      const low = schema.minimum ?? (schema.exclusiveMinimum ?? -1) + 1;
      return schema.multipleOf
        ? round(Math.ceil(low / schema.multipleOf) * schema.multipleOf, schema.multipleOf)
        : low;
    }
    case 'string':
      return stringExample(schema);
    case 'boolean':
      return false;
    default:
      return null;
  }
}

function stringExample(schema: JsonSchema): string {
  if (schema.format === 'date' || schema.pattern === DATE_PATTERN) return '2024-01-01';
  if (schema.format === 'email') return 'someone@erfurt.example';
  if (schema.pattern === ULID_PATTERN) return UNKNOWN_ID;
  if (schema.pattern)
    return fc.sample(fc.stringMatching(new RegExp(schema.pattern)), { numRuns: 1, seed: 1 })[0]!;
  return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
}

/**
 * `value` with `leaf` at `path`, the containers on the way made from the schema where the value
 * has none (an optional object, an empty array): the body stays valid but for that field.
 */
export function placeAt(
  document: OpenApiDocument,
  root: JsonSchema,
  value: unknown,
  path: FieldPath,
  leaf: unknown,
): unknown {
  if (!path.length) return leaf;
  const schema = resolveRef<JsonSchema>(document, root);
  const [head, ...rest] = path as [string | number, ...FieldPath];
  if (typeof head === 'number') {
    const items = schema.items ?? {};
    const array = Array.isArray(value) ? [...value] : [];
    while (array.length <= head) array.push(exampleOf(document, items));
    array[head] = placeAt(document, items, array[head], rest, leaf);
    return array;
  }
  const property = schema.properties?.[head] ?? {};
  const object =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? { ...(value as Record<string, unknown>) }
      : {};
  object[head] = placeAt(
    document,
    property,
    head in object ? object[head] : exampleOf(document, property),
    rest,
    leaf,
  );
  return object;
}

/**
 * The JSON text of `value` with `raw` (JSON text, e.g. a number JSON.stringify would round such
 * as `0.1234567890123456789012345678901234567890`) at `path`.
 */
export function jsonWithRawAt(
  document: OpenApiDocument,
  root: JsonSchema,
  value: unknown,
  path: FieldPath,
  raw: string,
): string {
  const marker = `\u{1F9EA}raw-${Math.random().toString(36).slice(2)}`;
  const text = JSON.stringify(placeAt(document, root, value, path, marker));
  return path.length ? text.replace(JSON.stringify(marker), raw) : raw;
}

/** What generated values may refer to: the ids of records that exist, the people who work here. */
export interface SchemaHints {
  ids: readonly string[];
  emails: readonly string[];
}

const WORDS = 'abcdefghijklmnopqrstuvwxyzÄÖÜäöüß0123456789 -.,'.split('');
const DAY_MS = 24 * 60 * 60 * 1000;
const FIRST_DAY = Date.UTC(2022, 0, 1);
/** Dates from 2022 to 2026, the years the world's records are about. */
export const dateArbitrary = fc
  .integer({ min: 0, max: 5 * 365 })
  .map((day) => new Date(FIRST_DAY + day * DAY_MS).toISOString().slice(0, 10));

/**
 * Values valid per the schema, as fast-check generates them: every keyword the document uses
 * (types, enums, bounds, steps, lengths, patterns, formats, required and optional properties).
 * Ids are mostly those of records that exist, so a valid body often is accepted too.
 */
export function schemaArbitrary(
  document: OpenApiDocument,
  node: JsonSchema,
  hints: SchemaHints,
  depth = 0,
): fc.Arbitrary<unknown> {
  const schema = resolveRef<JsonSchema>(document, node);
  const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  if (branches.length)
    return fc.oneof(...branches.map((branch) => schemaArbitrary(document, branch, hints, depth)));
  if (schema.allOf?.length) return schemaArbitrary(document, schema.allOf[0]!, hints, depth);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const types = typesOf(schema);
  if (!types.length) return fc.jsonValue({ maxDepth: 1 });
  const arbitraries = types.map((type) => typedArbitrary(document, schema, type, hints, depth));
  return arbitraries.length === 1 ? arbitraries[0]! : fc.oneof(...arbitraries);
}

function typedArbitrary(
  document: OpenApiDocument,
  schema: JsonSchema,
  type: string,
  hints: SchemaHints,
  depth: number,
): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number':
      return numberArbitrary(schema, type);
    case 'string':
      return stringArbitrary(schema, hints);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 3, 3));
      return fc.array(schemaArbitrary(document, schema.items ?? {}, hints, depth + 1), {
        minLength,
        maxLength,
      });
    }
    case 'object': {
      if (depth > 6) return fc.constant({});
      const properties = Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([name, property]) => [
          name,
          schemaArbitrary(document, property, hints, depth + 1),
        ]),
      );
      const record = fc.record(properties, { requiredKeys: schema.required ?? [] });
      const extra = schema.additionalProperties;
      if (!extra || extra === true || schema.properties) return record;
      return fc.dictionary(
        fc.string({ minLength: 1, maxLength: 10 }),
        schemaArbitrary(document, extra, hints, depth + 1),
        {
          maxKeys: 2,
        },
      );
    }
    default:
      return fc.constant(null);
  }
}

function numberArbitrary(schema: JsonSchema, type: string): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum ?? -1_000_001) + 1;
  const max = schema.maximum ?? (schema.exclusiveMaximum ?? min + 1_000_001) - 1;
  const step = schema.multipleOf ?? (type === 'integer' ? 1 : undefined);
  if (step !== undefined) {
    return fc
      .integer({ min: Math.ceil(min / step), max: Math.floor(max / step) })
      .map((steps) => (step === 1 ? steps : round(steps * step, step)));
  }
  // A decimal whose step the document does not say: round values, its bounds, anything between.
  return fc.oneof(
    fc.constantFrom(min, max),
    fc
      .integer({ min: Math.ceil(min * 100), max: Math.floor(max * 100) })
      .map((hundredths) => hundredths / 100),
    fc.double({ min, max, noNaN: true, noDefaultInfinity: true }),
  );
}

function stringArbitrary(schema: JsonSchema, hints: SchemaHints): fc.Arbitrary<string> {
  if (schema.format === 'date' || schema.pattern === DATE_PATTERN) return dateArbitrary;
  if (schema.pattern === ULID_PATTERN) return fc.constantFrom(...hints.ids, UNKNOWN_ID);
  if (schema.format === 'email') return fc.constantFrom(...hints.emails);
  const minLength = schema.minLength ?? 0;
  if (schema.pattern) {
    const maxPatternLength = schema.maxLength ?? Number.POSITIVE_INFINITY;
    return fc
      .stringMatching(new RegExp(schema.pattern))
      .filter((text) => text.length >= minLength && text.length <= maxPatternLength);
  }
  const maxLength = schema.maxLength ?? Math.max(minLength, 40);
  const text = fc
    .string({
      unit: fc.constantFrom(...WORDS),
      minLength,
      maxLength: Math.max(minLength, Math.min(maxLength, 40)),
    })
    .map((value) => (minLength > 0 && value.trim() === '' ? `x${value}`.slice(0, maxLength) : value));
  return typeof schema.example === 'string' ? fc.oneof(fc.constant(schema.example), text) : text;
}
