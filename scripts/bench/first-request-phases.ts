import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

// A Lambda entry for the bench only: it does what the API's first /v1 request does
// (handler.ts → full-handler.ts), one phase after another, and answers the milliseconds each
// took. Bundled with the deployed options and splitting, so every phase's dynamic import
// evaluates its own chunks as on Lambda. Middy and the logger's Lambda context are left out.

const PHASES = [
  'module evaluation',
  'config',
  'SDK client and store',
  'schema construction',
  'route group mount',
  'request before the query',
  'first query',
  'answer',
] as const;

export const handler = async (event: APIGatewayProxyEventV2, context: Context) => {
  const marks: number[] = [performance.now()];
  const mark = () => marks.push(performance.now());

  const { loadConfig } = await import('../../shared/config/config.ts');
  const config = loadConfig(process.env);
  mark();
  const [{ buildDependencies }, { apiGatewayAuthenticator }] = await Promise.all([
    import('../../functions/api/build-dependencies.ts'),
    import('../../functions/api/platform/auth.ts'),
  ]);
  const deps = buildDependencies(config, apiGatewayAuthenticator);
  let query: { start: number; end: number } | undefined;
  deps.store.table.doc.middlewareStack.add(
    (next) => async (args) => {
      const start = performance.now();
      try {
        return await next(args);
      } finally {
        query ??= { start, end: performance.now() };
      }
    },
    { step: 'initialize', name: 'benchFirstQuery' },
  );
  mark();
  const { ROUTE_GROUPS, routeGroupOf } = await import('../../functions/api/route-groups.ts');
  const group = routeGroupOf(event.rawPath);
  if (group === undefined) throw new Error(`no route group for ${event.rawPath}`);
  await ROUTE_GROUPS[group]();
  mark();
  const [{ createApp }, { handle }] = await Promise.all([
    import('../../functions/api/app.ts'),
    import('hono/aws-lambda'),
  ]);
  const app = await createApp(deps, [group]);
  const answer = handle(app);
  mark();
  const response = await answer(event as unknown as Parameters<typeof answer>[0], context);
  const end = performance.now();
  if (query === undefined) throw new Error('the request read nothing');
  marks.push(query.start, query.end, end);
  const ms = Object.fromEntries(PHASES.map((phase, i) => [phase, marks[i]! - (marks[i - 1] ?? 0)]));
  return { statusCode: response.statusCode, body: JSON.stringify(ms) };
};

export type PhaseName = (typeof PHASES)[number];
export const PHASE_NAMES: readonly PhaseName[] = PHASES;
