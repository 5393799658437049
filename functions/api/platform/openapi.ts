import { recordIdSchema } from '../../../shared/domain/common-schemas.ts';
import * as z from '../../../shared/zod.ts';
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
    changes: z.array(z.string()),
  })
  .openapi('HistoryEntry');
