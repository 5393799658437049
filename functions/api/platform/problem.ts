import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorKind } from '../../../shared/domain/errors.ts';
import type { AppEnv } from './app-env.ts';

/** The one table from error kind to HTTP status. */
const STATUS: Record<ErrorKind, ContentfulStatusCode> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  precondition_required: 428,
  unavailable: 503,
  internal: 500,
};

const TITLES: Record<ErrorKind, string> = {
  validation: 'Invalid request',
  unauthorized: 'Authentication required',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  precondition_failed: 'Precondition failed',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  unprocessable: 'Unprocessable request',
  precondition_required: 'Precondition required',
  unavailable: 'Service unavailable',
  internal: 'Internal error',
};

const KIND_BY_STATUS = Object.fromEntries(
  Object.entries(STATUS).map(([kind, status]) => [status, kind]),
) as Record<number, ErrorKind>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemResponse(c: Context<AppEnv>, error: AppError): Response {
  if (!error.expose) return internalError(c, error);
  const status = STATUS[error.kind];
  const body = {
    type: `urn:foerdertracker:problem:${error.kind}`,
    title: TITLES[error.kind],
    status,
    detail: error.message,
    ...(error.errors ? { errors: error.errors } : {}),
    ...error.extensions,
  };
  const headers: Record<string, string> = { 'content-type': PROBLEM_CONTENT_TYPE };
  if (error.kind === 'unavailable') headers['retry-after'] = String(error.extensions?.retryAfterSeconds ?? 1);
  if (error.kind === 'unauthorized') headers['www-authenticate'] = 'Bearer';
  return c.body(JSON.stringify(body), status, headers);
}

/** The one error handler: known errors become problems; anything else a generic 500 logged with its cause. */
export function handleError(error: Error, c: Context<AppEnv>): Response {
  if (error instanceof AppError) return problemResponse(c, error);
  if (error instanceof HTTPException && error.status < 500) {
    const kind = KIND_BY_STATUS[error.status] ?? 'validation';
    return problemResponse(c, new AppError(kind, error.message || TITLES[kind]));
  }
  return internalError(c, error);
}

/** A generic 500 that leaks nothing; the cause goes to the log with the request id. */
function internalError(c: Context<AppEnv>, error: Error): Response {
  c.get('log')?.error('Unexpected error', { error });
  const body = {
    type: 'urn:foerdertracker:problem:internal',
    title: 'Internal error',
    status: 500,
    detail: 'Something went wrong on our side; nothing you sent was at fault. The request id identifies it.',
    requestId: c.get('requestId'),
  };
  return c.body(JSON.stringify(body), 500, { 'content-type': PROBLEM_CONTENT_TYPE });
}
