import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../../shared/domain/errors.ts';
import type { AppEnv } from './app-env.ts';

export const MAX_BODY_BYTES = 256 * 1024;

/** Bodies are JSON and small; anything else is refused before a handler sees it. */
export function bodyRules(): MiddlewareHandler<AppEnv>[] {
  const jsonOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
    const hasBody =
      (c.req.header('content-length') ?? '0') !== '0' || c.req.header('transfer-encoding') !== undefined;
    const type = c.req.header('content-type') ?? '';
    if (hasBody && !/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
      throw new AppError('unsupported_media_type', 'Send the body as application/json');
    }
    await next();
  };
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new AppError('payload_too_large', `The body must not exceed ${MAX_BODY_BYTES} bytes`);
    },
  });
  return [jsonOnly, limit];
}
