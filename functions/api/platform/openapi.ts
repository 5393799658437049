import type { RouteConfig } from '@hono/zod-openapi';
import { recordIdSchema } from '../../../shared/domain/common-schemas.ts';
import type { Role } from '../../../shared/domain/roles.ts';
import * as z from '../../../shared/zod.ts';
import { ANY_ROLE, allow } from './auth.ts';
import { changeProblems, createProblems, readProblems } from './openapi-components.ts';
import { IF_MATCH } from './preconditions.ts';

/** Shared OpenAPI building blocks, so every route documents the same shapes the same way. */

export const jsonBody = <S extends z.ZodType>(schema: S) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const ulidSchema = recordIdSchema.openapi({ example: '01JC0Z6XKX2P4T3C8Y5W7QF9AB' });

export const idParams = z.object({ id: ulidSchema.openapi({ param: { name: 'id', in: 'path' } }) });

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(2048).optional(),
});

export const pageOf = <S extends z.ZodType>(item: S) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** All of a record's parts at once, unpaged. */
export const itemsOf = <S extends z.ZodType>(item: S) => z.object({ items: z.array(item) });

/**
 * `If-Match` as `expectedVersion` (preconditions.ts) reads it: the ETag the API sent, weak or
 * strong, quotes optional. Declared, not validated here: the change itself answers a missing one
 * with 428 and one that names no current version with 412, not with a 400.
 */
const IF_MATCH_PATTERN = IF_MATCH.source;
const ifMatch = (required: boolean, description: string) =>
  z
    .string()
    .optional()
    .openapi({ param: { required, description }, pattern: IF_MATCH_PATTERN, example: '"3"' });

/** A change of a versioned record names the version it is based on. */
export const ifMatchHeaders = z.object({
  'if-match': ifMatch(true, 'The ETag you read: 428 without it, 412 when it is not the current version'),
});

/** A replace that may also create: If-Match to replace an existing item, none to create it. */
export const replaceIfMatchHeaders = z.object({
  'if-match': ifMatch(
    false,
    'The ETag you read, to replace an item that exists (428 without it); none to create the item',
  ),
});

export const historyEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.object({ sub: z.string(), email: z.string().optional() }),
    action: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    note: z.string().nullable(),
    /** Every field the change moved, with its old and its new value (null: absent). */
    changes: z.array(
      z
        .object({ field: z.string(), from: z.unknown(), to: z.unknown() })
        .openapi({ description: 'A field the change moved: its value before and after' }),
    ),
    deadline: z
      .object({ id: z.string(), kind: z.string(), dueOn: z.string() })
      .optional()
      .openapi({ description: 'The deadline of the record the entry is about, if it is about one' }),
  })
  .openapi('HistoryEntry');

type RequestSpec = NonNullable<RouteConfig['request']>;
type ResponseSpec = RouteConfig['responses'][number];
/** What a write names besides its headers: its path parameters, if any, and its JSON body's schema. */
type WriteSpec = Omit<RequestSpec, 'body' | 'headers'>;

/**
 * The specs of one part of the API in the shapes its routes share, its tags said once:
 * `read` for any role (read problems, and any the read adds); `create` by its writers (201, create problems; the
 * Idempotency-Key every POST takes is declared for all of them by openapi-document.ts);
 * `change` by its writers (If-Match, change problems); `replace` likewise for a PUT that may
 * also create (If-Match only to replace). Each gives all of a spec but the method, which stays
 * in sight where the route is written: `{ method: 'patch', ...change(…) }`.
 */
export function specs(tags: string[], writers: readonly Role[] = []) {
  const read = <
    const P extends string,
    const Q extends RequestSpec,
    const O extends ResponseSpec,
    const X extends object = Record<never, never>,
  >(
    path: P,
    summary: string,
    request: Q,
    ok: O,
    /** Problems of this read besides every read's, e.g. `{ 409: problems[409] }`. */
    more: X = {} as X,
  ) => ({
    path,
    tags,
    summary,
    middleware: [allow(...ANY_ROLE)],
    request,
    responses: { 200: ok, ...readProblems, ...more },
  });

  /** A write by the writers: its path parameters, if any, the given headers, its JSON body by the schema. */
  const write =
    <const S extends 200 | 201, const H extends z.ZodObject | undefined, const X extends object>(
      status: S,
      headers: H,
      problems: X,
    ) =>
    <const P extends string, const Q extends WriteSpec, B extends z.ZodType, const O extends ResponseSpec>(
      path: P,
      summary: string,
      { body, ...request }: Q & { body: B },
      ok: O,
    ) => ({
      path,
      tags,
      summary,
      middleware: [allow(...writers)],
      request: { ...request, ...(headers ? { headers } : {}), body: jsonBody<B>(body) },
      responses: { [status]: ok, ...problems } as Record<S, O> & X,
    });

  return {
    read,
    create: write(201, undefined, createProblems),
    change: write(200, ifMatchHeaders, changeProblems),
    replace: write(200, replaceIfMatchHeaders, changeProblems),
  };
}
