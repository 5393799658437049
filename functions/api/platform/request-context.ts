import type { MiddlewareHandler } from 'hono';
import { ulid } from 'ulid';
import type { Logger } from '../../../shared/logger.ts';
import type { AppEnv } from './app-env.ts';

/** Gives every request an id (Lambda's, or a fresh one) and a logger that prints it on every line. */
export function requestContext(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requestId = c.env?.lambdaContext?.awsRequestId ?? c.env?.event?.requestContext?.requestId ?? ulid();
    const log = logger.createChild({ persistentKeys: { requestId } });
    c.set('requestId', requestId);
    c.set('log', log);
    const started = performance.now();
    await next();
    c.header('x-request-id', requestId);
    log.info('request', {
      method: c.req.method,
      path: redactSecrets(c.req.path),
      status: c.res.status,
      durationMs: Math.round(performance.now() - started),
    });
  };
}

/** Calendar feed URLs carry their token in the path; logs must never hold it. */
export const redactSecrets = (path: string) => path.replace(/^\/calendar\/[^/]+/, '/calendar/[redacted]');
