import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';

/**
 * The Lambda entry. It holds only what the health check needs; the API (zod schemas, the
 * AWS SDK, the routes) is in separate chunks loaded by the first request that needs them,
 * so a health probe or a warm-up never pays for it (see infra/lambda-bundle.ts: splitting),
 * and a request loads only its own route group (route-groups.ts).
 */
const light = handle(new Hono().get('/health', (c) => c.json({ status: 'ok' })));

let full: Promise<typeof import('./full-handler.ts')> | undefined;

export const handler = middy(async (event: APIGatewayProxyEventV2, context: Context) => {
  if (event.rawPath === '/health' && event.requestContext.http.method === 'GET') {
    return light(event as unknown as Parameters<typeof light>[0], context);
  }
  full ??= import('./full-handler.ts');
  const handlerFor = (await full).handlerFor;
  return (await handlerFor(event.rawPath))(event, context) as Promise<APIGatewayProxyResultV2>;
});
