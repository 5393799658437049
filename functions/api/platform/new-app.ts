import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { OpenAPIHono } from '@hono/zod-openapi';
import { LinearRouter } from 'hono/router/linear-router';
import { AppError } from '../../../shared/domain/errors.ts';
import { fieldErrors } from '../../../shared/domain/validation.ts';
import type { AppEnv } from './app-env.ts';

/**
 * A registry that keeps nothing: an app that never serves the OpenAPI document (one route
 * group's app on Lambda) spends no time on it. The schemas still validate and type the routes.
 */
class Undocumented extends OpenAPIRegistry {
  override registerPath(): void {}
}

export interface AppOptions {
  /**
   * The app of one route group, built for a Lambda's first request (see full-handler.ts): no
   * OpenAPI registry work, and a router that matches without first compiling every route
   * (LinearRouter; the default router compiles its regular expression on the first match).
   */
  oneGroup?: boolean;
}

/** Every (sub-)app shares one validation hook: zod issues become a 400 problem with field paths. */
export function newApp(options: AppOptions = {}) {
  const app = new OpenAPIHono<AppEnv>({
    ...(options.oneGroup ? { router: new LinearRouter() } : {}),
    defaultHook: (result) => {
      if (!result.success) {
        throw new AppError('validation', 'The request is not valid', {
          errors: fieldErrors(result.error.issues),
        });
      }
    },
  });
  if (options.oneGroup) app.openAPIRegistry = new Undocumented();
  return app;
}
