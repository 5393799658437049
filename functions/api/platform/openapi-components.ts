import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { LimitViolation } from '../../../shared/domain/submission-limits.ts';
import * as z from '../../../shared/zod.ts';
import { MAX_BODY_BYTES } from './body-rules.ts';
import { KEY_PATTERN } from './idempotency.ts';
import { PROBLEM_CONTENT_TYPE } from './problem.ts';

/** The document's shared components: the problem schema and responses, response headers, the Idempotency-Key parameter. */

const fieldErrorSchema = z.object({ path: z.string(), message: z.string() });
/** Every rule a submission can break (submission-limits.ts), each once: the type makes a new one appear here. */
const LIMIT_RULES: { [Rule in LimitViolation['rule']]: Rule } = {
  min_eligible_costs: 'min_eligible_costs',
  max_funding_period: 'max_funding_period',
  min_own_share: 'min_own_share',
  personnel_cap: 'personnel_cap',
};
const limitViolationSchema = z
  .object({
    rule: z.enum(LIMIT_RULES),
    path: z.string(),
    message: z.string(),
    limit: z.number(),
    actual: z.number(),
  })
  .openapi({ description: 'A programme limit the application breaks: the rule, where, and the numbers' });

const cents = (description: string) => z.number().int().optional().openapi({ description });

/**
 * A refusal (RFC 9457 problem details), with the members some problems add: each is present only
 * where its description says.
 */
export const problemSchema = z
  .object({
    type: z.string().openapi({ example: 'urn:foerdertracker:problem:conflict' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z
      .array(fieldErrorSchema)
      .optional()
      .openapi({ description: '400 and some 422: the fields at fault, by path' }),
    from: z.string().optional().openapi({ description: '409: the status the record is in' }),
    allowed: z
      .array(z.string())
      .optional()
      .openapi({ description: '409: the statuses the record may move to from `from`' }),
    availableCents: cents('409: what the approval still has to call, in euro cents'),
    budgetYear: z
      .number()
      .int()
      .optional()
      .openapi({ description: '409: the budget year that has too little left' }),
    remainingCents: cents('409: what the approval for `budgetYear` still has to call, in euro cents'),
    violations: z
      .array(limitViolationSchema)
      .optional()
      .openapi({ description: '422: every programme limit a submission breaks' }),
    rule: z.string().optional().openapi({
      description: '422: the rule a date breaks, e.g. `spend_by_window`',
      example: 'spend_by_window',
    }),
    earliest: z.string().optional().openapi({ description: '422: the earliest date the rule allows' }),
    latest: z.string().optional().openapi({ description: '422: the latest date the rule allows' }),
    retryAfterSeconds: z
      .number()
      .int()
      .optional()
      .openapi({ description: '503: when to retry, as the Retry-After header says' }),
    requestId: z
      .string()
      .optional()
      .openapi({ description: '500: the id the log holds the cause under (also the X-Request-Id header)' }),
  })
  .openapi('Problem');

/**
 * Response headers the API sends, each declared once as a component (`#/components/headers/<name>`)
 * and referred to with `header(name)` where it is sent: X-Request-Id on every response (see
 * openapi-document.ts), ETag with every versioned record (route-kit.ts), Location with every
 * created one (openapi-document.ts), the others with their problems below.
 */
const RESPONSE_HEADERS = {
  'X-Request-Id': {
    description: 'The id of this request in the log; quote it when reporting a problem',
    schema: { type: 'string', example: '01JC0Z6XKX2P4T3C8Y5W7QF9AB' },
  },
  ETag: {
    description: 'The version of the record, for the If-Match of its next change',
    schema: { type: 'string', pattern: '^"[0-9]+"$', example: '"3"' },
  },
  Location: {
    description: 'Where the created record lives from now on',
    schema: {
      type: 'string',
      format: 'uri-reference',
      example: '/v1/applications/01JC0Z6XKX2P4T3C8Y5W7QF9AB',
    },
  },
  'Retry-After': {
    description: 'Seconds to wait before retrying',
    schema: { type: 'integer', minimum: 0, example: 1 },
  },
  'WWW-Authenticate': {
    description: 'The authentication scheme to use',
    schema: { type: 'string', example: 'Bearer' },
  },
} as const;

export type ResponseHeaderName = keyof typeof RESPONSE_HEADERS;
export const header = (name: ResponseHeaderName) => ({ $ref: `#/components/headers/${name}` });

/** Every problem the API answers, by status: its response component's name and description. */
const PROBLEMS = {
  400: ['BadRequest', 'Invalid input: the fields at fault in `errors`; or a malformed Idempotency-Key'],
  401: ['Unauthorized', 'No valid bearer token'],
  403: ['Forbidden', 'The role may not do this'],
  404: ['NotFound', 'No such record'],
  409: [
    'Conflict',
    'Conflicts with the current state: a move the status does not allow (`from`, `allowed`), more money ' +
      'than the approval has left (`availableCents`, or `budgetYear` and `remainingCents`), a change by ' +
      'someone else at the same time, or a request with this Idempotency-Key still running',
  ],
  412: ['PreconditionFailed', 'If-Match names no version, or not the current one: reload and retry'],
  413: ['PayloadTooLarge', `The body is larger than ${MAX_BODY_BYTES} bytes`],
  415: ['UnsupportedMediaType', 'The body is not sent as application/json'],
  422: [
    'UnprocessableContent',
    'Understood but refused: a submission that breaks programme limits (`violations`), a date the ' +
      'rules do not allow (`rule`, `earliest`, `latest`), an upload other than announced, a change too ' +
      'large for one transaction, or an Idempotency-Key reused with another body',
  ],
  428: ['PreconditionRequired', 'If-Match is missing: send the ETag you read'],
  500: [
    'InternalError',
    'Something went wrong on our side; nothing you sent was at fault. `requestId` identifies it',
  ],
  503: [
    'ServiceUnavailable',
    'The database is busy; nothing was changed. Retry after Retry-After seconds (`retryAfterSeconds`)',
  ],
} as const satisfies Record<number, readonly [string, string]>;

type ProblemStatus = keyof typeof PROBLEMS;

/** The headers problem.ts sends with some problems. */
const PROBLEM_HEADERS: Partial<Record<ProblemStatus, ResponseHeaderName>> = {
  401: 'WWW-Authenticate',
  503: 'Retry-After',
};

/**
 * `Idempotency-Key`, which the platform honours on every POST under /v1 but one (idempotency.ts;
 * the calendar token's secret is never stored for replay); openapi-document.ts declares it on
 * those operations. The pattern is the one the middleware checks (400 otherwise).
 */
export const IDEMPOTENCY_KEY = 'IdempotencyKey';
const idempotencyKeyParameter = {
  name: 'idempotency-key',
  in: 'header',
  required: false,
  description:
    'Repeat-safe POST: a repeat with the same key and body gets the first answer again (for 24 hours); ' +
    'another body → 422. 1–255 visible ASCII characters',
  // 0x21–0x7E, '!' to '~': the visible ASCII characters.
  schema: { type: 'string', pattern: KEY_PATTERN.source, example: '3f1c9a52-8d0e-4b7a-9a64-1d2e5c7f0b13' },
} as const;

/**
 * The components every route shares, registered once: the Problem schema, a response per
 * problem (`#/components/responses/<name>`, so each is described once however many operations
 * answer it), the response headers and the Idempotency-Key parameter.
 */
export function registerSharedComponents(registry: OpenAPIRegistry) {
  registry.register('Problem', problemSchema);
  for (const [status, [name, description]] of Object.entries(PROBLEMS)) {
    const sent = PROBLEM_HEADERS[Number(status) as ProblemStatus];
    registry.registerComponent('responses', name, {
      description,
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
      ...(sent ? { headers: { [sent]: header(sent) } } : {}),
    });
  }
  for (const [name, definition] of Object.entries(RESPONSE_HEADERS))
    registry.registerComponent('headers', name, definition);
  registry.registerComponent('parameters', IDEMPOTENCY_KEY, idempotencyKeyParameter);
}

const problem = <S extends ProblemStatus>(status: S) => ({
  $ref: `#/components/responses/${PROBLEMS[status][0]}` as const,
});

export const problems = {
  400: problem(400),
  401: problem(401),
  403: problem(403),
  404: problem(404),
  409: problem(409),
  412: problem(412),
  413: problem(413),
  415: problem(415),
  422: problem(422),
  428: problem(428),
  500: problem(500),
  503: problem(503),
} as const;

/** What any request under /v1 can be answered: besides its own refusals, the platform's (auth, DynamoDB, bugs). */
export const readProblems = {
  400: problems[400],
  401: problems[401],
  403: problems[403],
  404: problems[404],
  500: problems[500],
  503: problems[503],
};
/** A write adds the body's rules (size, JSON), conflicts and refusals of what it asks. */
export const createProblems = {
  ...readProblems,
  409: problems[409],
  413: problems[413],
  415: problems[415],
  422: problems[422],
};
/** A change of a versioned record adds If-Match's: missing (428), stale (412). */
export const changeProblems = { ...createProblems, 412: problems[412], 428: problems[428] };
