import type { RouteConfig } from '@hono/zod-openapi';
import { recordIdSchema } from '../../../shared/domain/common-schemas.ts';
import type { Role } from '../../../shared/domain/roles.ts';
import * as z from '../../../shared/zod.ts';
import { ANY_ROLE, allow } from './auth.ts';
import { PROBLEM_CONTENT_TYPE } from './problem.ts';

/** Shared OpenAPI building blocks, so every route documents the same shapes the same way. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

const problem = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } },
});

export const problems = {
  400: problem('Invalid input (field paths in `errors`)'),
  401: problem('No valid bearer token'),
  403: problem('The role may not do this'),
  404: problem('No such record'),
  409: problem('Conflicts with the current state'),
  412: problem('If-Match is stale'),
  415: problem('Body is not JSON'),
  422: problem('Idempotency-Key reused with another body'),
  428: problem('If-Match missing'),
  503: problem('Temporarily unavailable; retry after Retry-After seconds'),
} as const;

export const readProblems = {
  400: problems[400],
  401: problems[401],
  403: problems[403],
  404: problems[404],
};
export const createProblems = { ...readProblems, 409: problems[409], 415: problems[415], 422: problems[422] };
export const changeProblems = { ...createProblems, 412: problems[412], 428: problems[428] };

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

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .openapi({ description: 'Repeat-safe POST: same key + body → same response' }),
});

export const ifMatchHeaders = z.object({
  'if-match': z.string().optional().openapi({ description: 'The ETag you read; required' }),
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
  })
  .openapi('HistoryEntry');

type RequestSpec = NonNullable<RouteConfig['request']>;
type ResponseSpec = RouteConfig['responses'][number];
/** What a write names besides its headers: its path parameters, if any, and its JSON body's schema. */
type WriteSpec = Omit<RequestSpec, 'body' | 'headers'>;

/**
 * The specs of one part of the API in the shapes its routes share, its tags said once:
 * `read` for any role (read problems); `create` by its writers (Idempotency-Key, 201, create
 * problems); `change` by its writers (If-Match, change problems). Each gives all of a spec but
 * the method, which stays in sight where the route is written: `{ method: 'patch', ...change(…) }`.
 */
export function specs(tags: string[], writers: readonly Role[] = []) {
  const read = <const P extends string, const Q extends RequestSpec, const O extends ResponseSpec>(
    path: P,
    summary: string,
    request: Q,
    ok: O,
  ) => ({
    path,
    tags,
    summary,
    middleware: [allow(...ANY_ROLE)],
    request,
    responses: { 200: ok, ...readProblems },
  });

  /** A write by the writers: its path parameters, if any, the given headers, its JSON body by the schema. */
  const write =
    <const S extends 200 | 201, const H extends z.ZodType, const X extends object>(
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
      request: { ...request, headers, body: jsonBody<B>(body) },
      responses: { [status]: ok, ...problems } as Record<S, O> & X,
    });

  return {
    read,
    create: write(201, idempotencyHeaders, createProblems),
    change: write(200, ifMatchHeaders, changeProblems),
  };
}
