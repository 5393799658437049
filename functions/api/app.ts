import { AppError } from '../../shared/domain/errors.ts';
import type { ApiDependencies } from './dependencies.ts';
import { docsRoutes } from './docs.ts';
import { authenticate } from './platform/auth.ts';
import { bodyRules } from './platform/body-rules.ts';
import { idempotency } from './platform/idempotency.ts';
import { newApp } from './platform/new-app.ts';
import { registerSharedComponents } from './platform/openapi-components.ts';
import { completeDocument } from './platform/openapi-document.ts';
import { handleError, problemResponse } from './platform/problem.ts';
import { requestContext } from './platform/request-context.ts';
import { ALL_ROUTE_GROUPS, ROUTE_GROUPS, type RouteGroupName } from './route-groups.ts';

export const API_TITLE = 'Fördertracker API';
export const API_VERSION = '1.0.0';
/**
 * No licence is granted: the repository is private (package.json) and has no LICENSE file, so
 * there is no licence text to link to. SPDX names a licence not on its list `LicenseRef-…`.
 */
export const API_LICENSE = {
  name: 'Proprietary: all rights reserved, no licence granted',
  identifier: 'LicenseRef-Proprietary',
};

/**
 * Builds the HTTP API from its dependencies: every route group by default (locally, in tests,
 * for the OpenAPI document), or only the named ones (a Lambda cold start, see full-handler.ts),
 * whose app leaves out the OpenAPI document and its pages: the whole API's app serves those.
 * The platform around the routes (context, auth, idempotency, errors) is the same either way.
 */
export async function createApp(deps: ApiDependencies, groups?: readonly RouteGroupName[]) {
  const oneGroup = groups !== undefined;
  const mounts = await Promise.all((groups ?? ALL_ROUTE_GROUPS).map((group) => ROUTE_GROUPS[group]()));
  const newAppLikeThis = () => newApp({ oneGroup });
  const app = newAppLikeThis();
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

  app.use('/v1/*', ...bodyRules(), authenticate(deps.authenticator), idempotency(deps.idempotencyStore));
  const v1 = newAppLikeThis();
  for (const mount of mounts) mount({ app, v1, newApp: newAppLikeThis });
  app.route('/v1', v1);
  if (oneGroup) return app;

  app.route('/docs', docsRoutes());

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  registerSharedComponents(app.openAPIRegistry);
  // Built on the first request for it, then kept: no other request pays for the document.
  let document: unknown;
  app.get('/openapi.json', (c) => {
    document ??= completeDocument(
      app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: API_TITLE,
          version: API_VERSION,
          description: 'Grant and position-funding tracker. Money in euro cents, dates YYYY-MM-DD.',
          license: API_LICENSE,
        },
        // Relative: the API is where its document is, whatever host or PUBLIC_BASE_URL serves it.
        servers: [{ url: '/', description: 'This API, where this document is served' }],
        security: [{ bearer: [] }],
      }),
    );
    return c.json(document);
  });
  return app;
}
export type App = Awaited<ReturnType<typeof createApp>>;
