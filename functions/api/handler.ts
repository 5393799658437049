import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';

/**
 * The Lambda entry. It holds only what the health check needs; the whole API (zod schemas,
 * the AWS SDK, every route) is a separate chunk loaded by the first request that needs it,
 * so a health probe or a warm-up never pays for it (see infra/lambda-bundle.ts: splitting).
 */
const light = handle(new Hono().get('/health', (c) => c.json({ status: 'ok' })));

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;
let full: Promise<Handler> | undefined;
const loadFull = () => {
  full ??= import('./full-handler.ts').then((module) => module.handler as unknown as Handler);
  return full;
};

export const handler = middy(async (event: APIGatewayProxyEventV2, context: Context) =>
  event.rawPath === '/health' && event.requestContext.http.method === 'GET'
    ? light(event as unknown as Parameters<typeof light>[0], context)
    : (await loadFull())(event, context),
);
