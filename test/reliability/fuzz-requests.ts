import fc from 'fast-check';
import { CALLERS, type Caller } from '../support/callers.ts';
import { JUNK_SEGMENTS, NUMBER_EXTREMES, stringExtremes } from '../support/extremes.ts';
import type { World } from '../support/fuzz-world.ts';
import {
  type FieldPath,
  fieldsOf,
  isNumeric,
  isText,
  jsonWithRawAt,
  placeAt,
  type SchemaHints,
  schemaArbitrary,
} from '../support/json-schema.ts';
import {
  type DocumentedOperation,
  type JsonSchema,
  type OpenApiDocument,
  type OpenApiParameter,
  UNKNOWN_ID,
} from '../support/openapi-paths.ts';

/**
 * fast-check arbitraries of requests to one documented operation, made from the document:
 * its path parameters (records of the world, other and unknown ids, junk), query parameters
 * (valid per schema, missing, invalid, extreme), headers (If-Match current, stale or junk;
 * Idempotency-Key fresh, reused or junk; content types), bodies (valid per schema, the same
 * with one thing wrong — a value of another type, an extreme number or string, a missing or
 * an extra field —, garbage) and callers (each role, none, a wrong group, expired, forged).
 */
export interface FuzzRequest {
  /** The operation the request was made for (its method or path may have been changed). */
  operation: string;
  template: string;
  method: string;
  /** Encoded, with its query. */
  path: string;
  caller: Caller;
  headers: Record<string, string>;
  /** `current`: the ETag the record has right before the request is sent. */
  ifMatch?: 'current';
  body?: string;
}

export interface FuzzContext {
  document: OpenApiDocument;
  world: World;
}

const weighted = <T>(...entries: [number, fc.Arbitrary<T>][]) =>
  fc.oneof(...entries.map(([weight, arbitrary]) => ({ weight, arbitrary })));

/** Percent-encodes text, lone surrogates included (as U+FFFD, which is what a client would send). */
const encode = (text: string) =>
  encodeURIComponent(
    text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'),
  );

const CALLER_WEIGHTS: Record<Caller, number> = {
  admin: 5,
  finance: 4,
  coordinator: 4,
  viewer: 2,
  none: 1,
  'wrong-group': 1,
  expired: 1,
  forged: 1,
  malformed: 1,
};
const callerArbitrary = weighted(
  ...CALLERS.map((caller): [number, fc.Arbitrary<Caller>] => [CALLER_WEIGHTS[caller], fc.constant(caller)]),
);

/** Anything a JSON value can be in place of another. */
const weirdValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    -1,
    0,
    1.5,
    1e13,
    -1e13,
    Number.MAX_SAFE_INTEGER,
    '',
    ' ',
    '2025-02-30',
    '9999-99-99',
    null,
    true,
    [],
    {},
  ),
);

const SERVER_OWNED = [
  'id',
  'version',
  'status',
  'createdAt',
  'updatedAt',
  'calledCents',
  'ownerSub',
  'history',
];
const GARBAGE = [
  '{',
  '{"a":',
  '[',
  'null',
  '',
  '\u0000',
  '{"__proto__": {"admin": true}}',
  '{"constructor": {"prototype": {"admin": true}}}',
  '{"a":1,"a":2}',
  '1e999',
  'NaN',
  '"\\ud800"',
  '[]'.padStart(20_000, '['),
  '\ufeff{}',
];

const VISIBLE_ASCII = fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code));
const JUNK_KEYS = ['', ' ', 'ä', 'x'.repeat(256), 'a b', '\t', '\u00ff\u00fe'];
const JUNK_IF_MATCH = ['*', 'W/"1"', '', '"abc"', '1', '"1", "2"', `"${'9'.repeat(20)}"`, '"-1"', 'ä', '"0"'];
const CONTENT_TYPES = [
  'application/json; charset=utf-8',
  'application/merge-patch+json',
  'APPLICATION/JSON',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/jsonx',
];

/** Every place in a JSON value: its properties and items, at any depth. */
function placesIn(value: unknown, path: FieldPath = []): FieldPath[] {
  if (value === null || typeof value !== 'object') return [path];
  const children = Array.isArray(value)
    ? value.flatMap((item, index) => placesIn(item, [...path, index]))
    : Object.entries(value).flatMap(([key, item]) => placesIn(item, [...path, key]));
  return [path, ...children];
}

const pick = <T>(items: readonly T[], index: number) => items[index % items.length]!;

/**
 * Valid bodies: generated from the schema, and — where the world knows a body the API accepts —
 * that body with some of its fields generated.
 */
function validBodyArbitrary(
  document: OpenApiDocument,
  schema: JsonSchema,
  hints: SchemaHints,
  example: unknown,
) {
  const generated = schemaArbitrary(document, schema, hints);
  if (example === null || typeof example !== 'object') return generated;
  const keys = Object.keys(example);
  const varied = fc
    .tuple(generated, fc.subarray(keys, { maxLength: Math.min(2, keys.length) }))
    .map(([value, replaced]) => {
      const fields = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
      return Object.fromEntries(
        keys.map((key) => [
          key,
          replaced.includes(key) && key in fields ? fields[key] : (example as Record<string, unknown>)[key],
        ]),
      );
    });
  return weighted([1, generated], [2, varied]);
}

function bodyArbitrary(
  context: FuzzContext,
  operation: DocumentedOperation,
  hints: SchemaHints,
): fc.Arbitrary<string> {
  const { document, world } = context;
  const schema = operation.body!;
  const valid = validBodyArbitrary(document, schema, hints, world.examples[operation.label]);
  const numbers = fieldsOf(document, schema, isNumeric);
  const texts = fieldsOf(document, schema, isText);
  const mutations: [number, fc.Arbitrary<string>][] = [
    // Another value in any place.
    [
      3,
      fc
        .tuple(valid, fc.nat(), weirdValue)
        .map(([value, index, weird]) =>
          JSON.stringify(placeAt(document, schema, value, pick(placesIn(value), index), weird)),
        ),
    ],
    // A property less.
    [
      2,
      fc.tuple(valid, fc.nat()).map(([generated, index]) => {
        const value = structuredClone(generated);
        const places = placesIn(value).filter((path) => typeof path.at(-1) === 'string');
        if (!places.length) return JSON.stringify(value);
        const path = pick(places, index);
        const parent = path
          .slice(0, -1)
          .reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], value);
        delete (parent as Record<string, unknown>)[path.at(-1) as string];
        return JSON.stringify(value);
      }),
    ],
    // A property the schema does not have: unknown, or one the server keeps.
    [
      2,
      fc
        .tuple(
          valid,
          fc.oneof(fc.constantFrom(...SERVER_OWNED), fc.string({ minLength: 1, maxLength: 12 })),
          weirdValue,
        )
        .map(([value, key, extra]) =>
          value !== null && typeof value === 'object' && !Array.isArray(value)
            ? JSON.stringify({ ...value, [key]: extra })
            : JSON.stringify(value),
        ),
    ],
  ];
  if (numbers.length) {
    mutations.push([
      2,
      fc
        .tuple(valid, fc.constantFrom(...numbers), fc.constantFrom(...NUMBER_EXTREMES))
        .map(([value, field, raw]) => jsonWithRawAt(document, schema, value, field.path, raw)),
    ]);
  }
  if (texts.length) {
    mutations.push([
      2,
      fc
        .tuple(valid, fc.constantFrom(...texts))
        .chain(([value, field]) =>
          fc
            .constantFrom(...stringExtremes(field.schema.maxLength))
            .map((text) => JSON.stringify(placeAt(document, schema, value, field.path, text))),
        ),
    ]);
  }
  return weighted(
    [8, valid.map((value) => JSON.stringify(value))],
    [8, weighted(...mutations)],
    [
      1,
      fc.oneof(
        fc.constantFrom(...GARBAGE),
        fc.jsonValue().map((value) => JSON.stringify(value)),
        fc.string({ maxLength: 100 }),
      ),
    ],
  );
}

function pathValueArbitrary(
  context: FuzzContext,
  template: string,
  parameter: OpenApiParameter,
  hints: SchemaHints,
) {
  const { world, document } = context;
  const values = world.valuesOf(template, parameter.name);
  return weighted(
    // The first record under a prefix is the one the others hang from (the approved application).
    [12, fc.constant(encode(values[0]!))],
    [4, fc.constantFrom(...values).map(encode)],
    [1, fc.constantFrom(UNKNOWN_ID, ...world.ids)],
    [1, fc.constantFrom(...JUNK_SEGMENTS)],
    [1, schemaArbitrary(document, parameter.schema ?? {}, hints).map((value) => encode(String(value)))],
  );
}

function queryValueArbitrary(context: FuzzContext, parameter: OpenApiParameter, hints: SchemaHints) {
  const schema = parameter.schema ?? {};
  const missing = fc.constant(undefined);
  const valid = schemaArbitrary(context.document, schema, hints).map((value) => String(value));
  const invalid = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('', 'null', '-1', '[]', '%', 'a,b'));
  const extreme = fc.constantFrom(
    ...NUMBER_EXTREMES,
    ...stringExtremes(schema.maxLength).filter((text) => text.length < 5000),
  );
  return parameter.required
    ? weighted<string | undefined>([12, valid], [1, missing], [1, invalid], [1, extreme])
    : weighted<string | undefined>([8, missing], [5, valid], [1, invalid], [1, extreme]);
}

/** Requests to `operation`, mostly as documented, often not. */
export function requestArbitrary(
  context: FuzzContext,
  operation: DocumentedOperation,
): fc.Arbitrary<FuzzRequest> {
  const { world } = context;
  const hints: SchemaHints = { ids: world.ids, emails: world.emails };
  const { template, parameters } = operation;
  const inPath = parameters.filter((parameter) => parameter.in === 'path');
  const inQuery = parameters.filter((parameter) => parameter.in === 'query');
  const documents = (name: string) =>
    parameters.some((parameter) => parameter.in === 'header' && parameter.name.toLowerCase() === name);
  const hasBody = operation.body !== undefined;

  const path = fc
    .tuple(
      fc.tuple(...inPath.map((parameter) => pathValueArbitrary(context, template, parameter, hints))),
      weighted<string>([30, fc.constant('')], [1, fc.constantFrom('/', '/x', '/..', '/%2e%2e/x', '.json')]),
    )
    .map(([values, suffix]) => {
      let index = 0;
      return template.replace(/\{\w+\}/g, () => values[index++]!) + suffix;
    });
  const query = fc
    .tuple(
      fc.tuple(...inQuery.map((parameter) => queryValueArbitrary(context, parameter, hints))),
      weighted<string | undefined>(
        [12, fc.constant(undefined)],
        [
          1,
          fc.constantFrom('unknown=1', 'limit=5&limit=6', '__proto__=x', 'cursor=eyJ4IjoxfQ', 'kind=', '&&&'),
        ],
      ),
    )
    .map(([values, extra]) => {
      const pairs = inQuery.flatMap((parameter, index) =>
        values[index] === undefined ? [] : [`${encode(parameter.name)}=${encode(values[index]!)}`],
      );
      return [...pairs, ...(extra ? [extra] : [])].join('&');
    });
  const ifMatch = weighted<string | undefined>(
    ...((documents('if-match')
      ? [
          [6, fc.constant('current')],
          [2, fc.constantFrom('"1"', '"999999"')],
          [1, fc.constant(undefined)],
          [1, fc.constantFrom(...JUNK_IF_MATCH)],
        ]
      : [
          [12, fc.constant(undefined)],
          [1, fc.constantFrom('current', '"1"', ...JUNK_IF_MATCH)],
        ]) as [number, fc.Arbitrary<string | undefined>][]),
  );
  const key = weighted(
    [6, fc.string({ unit: VISIBLE_ASCII, minLength: 1, maxLength: 64 })],
    [2, fc.constantFrom('fuzz-key-1', 'fuzz-key-2', 'x'.repeat(255))],
    [1, fc.constantFrom(...JUNK_KEYS)],
  );
  const idempotencyKey = documents('idempotency-key')
    ? weighted<string | undefined>([4, fc.constant(undefined)], [3, key])
    : weighted<string | undefined>([12, fc.constant(undefined)], [1, key]);
  const method = weighted(
    [30, fc.constant(operation.method)],
    [1, fc.constantFrom('GET', 'PUT', 'PATCH', 'POST', 'DELETE', 'OPTIONS')],
  );
  const body = hasBody
    ? weighted<string | undefined>(
        [operation.bodyRequired ? 1 : 4, fc.constant(undefined)],
        [30, bodyArbitrary(context, operation, hints)],
      )
    : weighted<string | undefined>([12, fc.constant(undefined)], [1, fc.constantFrom('{}', ...GARBAGE)]);
  const contentType = weighted<string | undefined>(
    [12, fc.constant('application/json')],
    [1, fc.constant(undefined)],
    [2, fc.constantFrom(...CONTENT_TYPES)],
  );

  return fc
    .record({ method, path, query, caller: callerArbitrary, ifMatch, idempotencyKey, body, contentType })
    .map((parts): FuzzRequest => {
      const sendsBody = parts.body !== undefined && parts.method !== 'GET';
      const headers: Record<string, string> = {};
      if (parts.contentType && (sendsBody || parts.contentType !== 'application/json')) {
        headers['content-type'] = parts.contentType;
      }
      if (parts.ifMatch !== undefined && parts.ifMatch !== 'current') headers['if-match'] = parts.ifMatch;
      if (parts.idempotencyKey !== undefined) headers['idempotency-key'] = parts.idempotencyKey;
      return {
        operation: operation.label,
        template,
        method: parts.method,
        path: parts.query ? `${parts.path}?${parts.query}` : parts.path,
        caller: parts.caller,
        headers,
        ...(parts.ifMatch === 'current' ? { ifMatch: 'current' as const } : {}),
        ...(sendsBody ? { body: parts.body } : {}),
      };
    });
}
