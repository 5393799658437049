import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { Context } from 'aws-lambda';
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../../shared/domain/errors.ts';
import { mapStoreError } from '../../../shared/store/store-errors.ts';
import type { AppEnv } from './app-env.ts';

interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A response that must not be remembered (an error): the key stays free for a corrected retry. */
class NotRemembered extends Error {
  constructor(readonly response: Response) {
    super('not remembered');
  }
}

const REPLAYED_HEADERS = ['content-type', 'location', 'etag'];
/**
 * Responses that carry a secret (a new calendar feed token) are never stored for replay;
 * a repeated request simply makes another revocable token.
 */
const NEVER_STORED = /^\/v1\/calendar-tokens\/?$/;
/** Outside Lambda a request gets the same bound as the API function's timeout. */
const LOCAL_REQUEST_BUDGET = { getRemainingTimeInMillis: () => 10_000 } as Context;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const IN_PROGRESS_POLLS = 100;
const POLL_MS = 50;

/**
 * `Idempotency-Key` on POST, through Powertools' idempotency utility: the first request
 * with a key runs and its 2xx response is stored (same table, TTL); a repeat with the same
 * body replays it, another body → 422. Concurrent duplicates wait for the first to finish
 * (Powertools' in-progress lock), so only one record is ever created.
 */
type Powertools = typeof import('@aws-lambda-powertools/idempotency');

/** Powertools and its persistence load on the first keyed POST, not at cold start. */
function loadRuntime(loadStore: () => Promise<BasePersistenceLayer>) {
  return Promise.all([import('@aws-lambda-powertools/idempotency'), loadStore()]).then(
    ([powertools, persistenceStore]) => {
      const config = new powertools.IdempotencyConfig({
        eventKeyJmesPath: 'scope',
        payloadValidationJmesPath: 'body',
        expiresAfterSeconds: 24 * 60 * 60,
      });
      const runOnce = powertools.makeIdempotent(
        async (_request: { scope: string; body: string }, execute: () => Promise<StoredResponse>) =>
          execute(),
        { persistenceStore, config, dataIndexArgument: 0 },
      );
      return { powertools, config, runOnce };
    },
  );
}

export function idempotency(loadStore: () => Promise<BasePersistenceLayer>): MiddlewareHandler<AppEnv> {
  let runtime: ReturnType<typeof loadRuntime> | undefined;

  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (c.req.method !== 'POST' || key === undefined || NEVER_STORED.test(c.req.path)) return next();
    if (!KEY_PATTERN.test(key)) {
      throw new AppError('validation', 'Idempotency-Key must be 1–255 visible ASCII characters');
    }
    runtime ??= loadRuntime(loadStore);
    const { powertools, config, runOnce } = await runtime;
    // On Lambda, Powertools bounds the in-progress lock by the invocation's remaining time,
    // so a request that dies with its Lambda frees its key instead of holding it for a day.
    config.registerLambdaContext(c.env?.lambdaContext ?? LOCAL_REQUEST_BUDGET);
    const request = { scope: `${c.get('actor').sub} POST ${c.req.path} ${key}`, body: await c.req.text() };
    const execute = async (): Promise<StoredResponse> => {
      await next();
      if (c.res.status >= 300) throw new NotRemembered(c.res);
      return {
        status: c.res.status,
        headers: Object.fromEntries(REPLAYED_HEADERS.flatMap((name) => pick(c.res.headers, name))),
        body: await c.res.clone().text(),
      };
    };

    for (let poll = 0; ; poll++) {
      try {
        const stored = await runOnce(request, execute);
        c.res = replay(stored);
        return;
      } catch (error) {
        if (error instanceof NotRemembered) {
          c.res = error.response;
          return;
        }
        if (error instanceof powertools.IdempotencyAlreadyInProgressError && poll < IN_PROGRESS_POLLS) {
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
          continue;
        }
        throw translate(error, powertools);
      }
    }
  };
}

function pick(headers: Headers, name: string): [string, string][] {
  const value = headers.get(name);
  return value === null ? [] : [[name, value]];
}

function replay(stored: StoredResponse): Response {
  return new Response(stored.body, { status: stored.status, headers: stored.headers });
}

function translate(error: unknown, powertools: Powertools): unknown {
  if (error instanceof powertools.IdempotencyValidationError) {
    return new AppError('unprocessable', 'This Idempotency-Key was already used with a different body');
  }
  if (error instanceof powertools.IdempotencyAlreadyInProgressError) {
    return new AppError(
      'conflict',
      'A request with this Idempotency-Key is still being processed; retry later',
    );
  }
  if (error instanceof powertools.IdempotencyPersistenceLayerError) return mapStoreError(error.cause);
  return error;
}
