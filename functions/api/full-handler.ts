import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import { loadConfig } from '../../shared/config/config.ts';
import { createApp } from './app.ts';
import { buildDependencies } from './build-dependencies.ts';
import { apiGatewayAuthenticator } from './platform/auth.ts';
import { routeGroupOf } from './route-groups.ts';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

// Built once per cold start; API Gateway's JWT authorizer has verified the token already.
const dependencies = buildDependencies(loadConfig(process.env), apiGatewayAuthenticator);
const handlers = new Map<string, Promise<Handler>>();

/**
 * The handler for a request path: an app with only the route group that serves it, built on
 * the first request to that group (the whole API for its documents or an unknown path).
 * Middy adds the Lambda context to the logs; Hono owns HTTP. Loaded by handler.ts on first use.
 */
export function handlerFor(path: string): Promise<Handler> {
  const group = routeGroupOf(path);
  const key = group ?? 'all';
  let handler = handlers.get(key);
  if (handler === undefined) {
    handler = createApp(dependencies, group === undefined ? undefined : [group]).then(
      (app) => middy(handle(app)).use(injectLambdaContext(dependencies.logger)) as unknown as Handler,
    );
    // A failed load is not cached: the next request tries again.
    handler.catch(() => handlers.delete(key));
    handlers.set(key, handler);
  }
  return handler;
}
