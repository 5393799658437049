import { OpenAPIHono } from '@hono/zod-openapi';
import { AppError } from '../../../shared/domain/errors.ts';
import { fieldErrors } from '../../../shared/domain/validation.ts';
import type { AppEnv } from './app-env.ts';

/** Every (sub-)app shares one validation hook: zod issues become a 400 problem with field paths. */
export function newApp() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new AppError('validation', 'The request is not valid', {
          errors: fieldErrors(result.error.issues),
        });
      }
    },
  });
}
