import { createRoute, defineOpenAPIRoute, type OpenAPIRoute, type RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { WriteContext } from '../../../shared/store/records.ts';
import type * as z from '../../../shared/zod.ts';
import type { ApiDependencies } from '../dependencies.ts';
import type { AppEnv } from './app-env.ts';
import { etagOf, expectedVersion, versionIfMatched } from './preconditions.ts';

/**
 * Routes as specs: each route's OpenAPI description and its handler in one object
 * (`defineOpenAPIRoute`), mounted with `openapiRoutes`. Handlers take what they need from the
 * request context (`c.var.deps`), so a route module is a list of values, not a factory.
 */
type Handler<R extends RouteConfig> = OpenAPIRoute<R, AppEnv>['handler'];
export type RouteContext<R extends RouteConfig> = Parameters<Handler<R>>[0];

/** The JSON body a route documents for a status, as its schema parses it. */
type JsonBody<R extends RouteConfig, Status extends number> = R['responses'][Status] extends {
  content: { 'application/json': { schema: infer S extends z.ZodType } };
}
  ? z.output<S>
  : never;

/** What a change handler gets besides the request: the If-Match version, who and when, the dependencies. */
export interface ChangeBase {
  version: number;
  context: WriteContext;
  deps: ApiDependencies;
}

export const route = <const R extends RouteConfig>(config: R, handler: Handler<R>) =>
  defineOpenAPIRoute<R, AppEnv>({ route: createRoute(config), handler });

/** Who acts, when, with which fresh ids: the context of every write. */
export function writeContext(c: Context<AppEnv>): WriteContext {
  return { actor: c.var.actor, now: c.var.deps.clock(), newId: c.var.deps.newId };
}

/**
 * The kits below handle every route alike, whatever its spec; the spec's precise types are
 * checked where each route's own function is written (its `c` and the body it returns), so
 * inside the kit the context is the app's and the handler is cast once to the route's type.
 */
const asAppContext = (c: unknown) => c as Context<AppEnv>;
const asHandler = <R extends RouteConfig>(handler: (c: RouteContext<R>) => Promise<Response>) =>
  handler as unknown as Handler<R>;

/**
 * A route answering with a versioned record: its ETag, for the next change's If-Match, and
 * where it lives when it is new. Every versioned answer below goes through here.
 */
const versioned = <const R extends RouteConfig>(
  config: R,
  status: 200 | 201,
  answer: (
    c: RouteContext<R>,
    app: Context<AppEnv>,
  ) => Promise<{ body: { version: number }; location?: string }>,
) =>
  route(
    config,
    asHandler<R>(async (c) => {
      const app = asAppContext(c);
      const { body, location } = await answer(c, app);
      app.header('ETag', etagOf(body.version));
      if (location) app.header('Location', location);
      return app.json(body, status);
    }),
  );

/**
 * The one shape of every change of a versioned record: If-Match names the version the change
 * is based on (428 without, 412 when stale), the record answers with its new ETag.
 */
export const versionedChange = <const R extends RouteConfig>(
  config: R,
  change: (c: RouteContext<R>, base: ChangeBase) => Promise<JsonBody<R, 200> & { version: number }>,
) =>
  versioned(config, 200, async (c, app) => ({
    body: await change(c, { version: expectedVersion(app), context: writeContext(app), deps: app.var.deps }),
  }));

/**
 * A replace of an item that may not exist yet (a cost-plan year, a month's costs): replacing
 * one needs If-Match (428 without, 412 when stale) like every other change; creating one does not.
 */
export const versionedPut = <const R extends RouteConfig>(
  config: R,
  put: (
    c: RouteContext<R>,
    base: Omit<ChangeBase, 'version'> & { version: number | undefined },
  ) => Promise<JsonBody<R, 200> & { version: number }>,
) =>
  versioned(config, 200, async (c, app) => ({
    body: await put(c, { version: versionIfMatched(app), context: writeContext(app), deps: app.var.deps }),
  }));

/** A read of one versioned record: its body with its ETag, for the next change's If-Match. */
export const versionedRead = <const R extends RouteConfig>(
  config: R,
  read: (c: RouteContext<R>, deps: ApiDependencies) => Promise<JsonBody<R, 200> & { version: number }>,
) => versioned(config, 200, async (c, app) => ({ body: await read(c, app.var.deps) }));

/** A create: 201 with the record, its ETag and where it lives from now on. */
export const creation = <const R extends RouteConfig>(
  config: R,
  create: (
    c: RouteContext<R>,
    base: Omit<ChangeBase, 'version'>,
  ) => Promise<{ body: JsonBody<R, 201> & { version: number }; location: string }>,
) => versioned(config, 201, (c, app) => create(c, { context: writeContext(app), deps: app.var.deps }));
