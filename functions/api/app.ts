import { AppError } from '../../shared/domain/errors.ts';
import type { ApiDependencies } from './dependencies.ts';
import { docsRoutes } from './docs.ts';
import { authenticate } from './platform/auth.ts';
import { bodyRules } from './platform/body-rules.ts';
import { idempotency } from './platform/idempotency.ts';
import { newApp } from './platform/new-app.ts';
import { handleError, problemResponse } from './platform/problem.ts';
import { requestContext } from './platform/request-context.ts';
import { ALL_ROUTE_GROUPS, ROUTE_GROUPS, type RouteGroupName } from './route-groups.ts';

export const API_TITLE = 'Fördertracker API';
export const API_VERSION = '1.0.0';

/**
 * Builds the HTTP API from its dependencies: every route group by default (locally, in tests,
 * for the OpenAPI document), or only the named ones (a Lambda cold start, see full-handler.ts).
 * The platform around the routes (context, auth, idempotency, errors) is the same either way.
 */
export async function createApp(deps: ApiDependencies, groups: readonly RouteGroupName[] = ALL_ROUTE_GROUPS) {
  const mounts = await Promise.all(groups.map((group) => ROUTE_GROUPS[group]()));
  const app = newApp();
  app.use('*', requestContext(deps.logger));
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.onError(handleError);
  app.notFound((c) =>
    problemResponse(c, new AppError('not_found', `No route for ${c.req.method} ${c.req.path}`)),
  );

  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.route('/docs', docsRoutes());

  app.use('/v1/*', ...bodyRules(), authenticate(deps.authenticator), idempotency(deps.idempotencyStore));
  const v1 = newApp();
  for (const mount of mounts) mount({ app, v1 });
  app.route('/v1', v1);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  let document: unknown;
  app.get('/openapi.json', (c) => {
    document ??= app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: API_TITLE,
        version: API_VERSION,
        description: 'Grant and position-funding tracker. Money in euro cents, dates YYYY-MM-DD.',
      },
      security: [{ bearer: [] }],
    });
    return c.json(document);
  });
  return app;
}
export type App = Awaited<ReturnType<typeof createApp>>;
