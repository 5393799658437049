import { AppError } from '../../shared/domain/errors.ts';
import type { ApiDependencies } from './dependencies.ts';
import { docsRoutes } from './docs.ts';
import { authenticate } from './platform/auth.ts';
import { bodyRules } from './platform/body-rules.ts';
import { idempotency } from './platform/idempotency.ts';
import { newApp } from './platform/new-app.ts';
import { handleError, problemResponse } from './platform/problem.ts';
import { requestContext } from './platform/request-context.ts';
import { applicationRoutes } from './routes/applications.routes.ts';
import { calendarFeedRoutes, calendarRoutes } from './routes/calendar.routes.ts';
import { conceptRoutes } from './routes/concepts.routes.ts';
import { deadlineRoutes } from './routes/deadlines.routes.ts';
import { documentRoutes } from './routes/documents.routes.ts';
import { exportRoutes } from './routes/exports.routes.ts';
import { fundsCallRoutes } from './routes/funds-calls.routes.ts';
import { narrativeRoutes } from './routes/narrative.routes.ts';
import { positionRoutes } from './routes/positions.routes.ts';
import { programRoutes } from './routes/programs.routes.ts';
import { reminderRoutes } from './routes/reminders.routes.ts';
import { reportRoutes } from './routes/reports.routes.ts';
import { taskRoutes } from './routes/tasks.routes.ts';

export const API_TITLE = 'Fördertracker API';
export const API_VERSION = '1.0.0';

/** Builds the whole HTTP API from its dependencies; the same app runs on Lambda and locally. */
export function createApp(deps: ApiDependencies) {
  const app = newApp();
  app.use('*', requestContext(deps.logger));
  app.onError(handleError);
  app.notFound((c) =>
    problemResponse(c, new AppError('not_found', `No route for ${c.req.method} ${c.req.path}`)),
  );

  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.route('/docs', docsRoutes());
  // Open: calendar apps send no bearer token; the calendar token in the URL is the credential.
  app.route('/calendar', calendarFeedRoutes(deps));

  app.use('/v1/*', ...bodyRules(), authenticate(deps.authenticator), idempotency(deps.idempotencyStore));
  const v1 = newApp();
  v1.route('/programs', programRoutes(deps));
  v1.route('/applications', applicationRoutes(deps));
  v1.route('/applications', fundsCallRoutes(deps));
  v1.route('/applications', reportRoutes(deps));
  v1.route('/positions', positionRoutes(deps));
  v1.route('/positions', narrativeRoutes(deps));
  v1.route('/tasks', taskRoutes(deps));
  v1.route('/concepts', conceptRoutes(deps));
  v1.route('/deadlines', deadlineRoutes(deps));
  v1.route('/exports', exportRoutes(deps));
  v1.route('/reminders', reminderRoutes(deps));
  v1.route('/', calendarRoutes(deps));
  v1.route('/', documentRoutes(deps));
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
export type App = ReturnType<typeof createApp>;
