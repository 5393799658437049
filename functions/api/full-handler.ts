import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { handle } from 'hono/aws-lambda';
import { loadConfig } from '../../shared/config/config.ts';
import { createApp } from './app.ts';
import { buildDependencies } from './build-dependencies.ts';
import { apiGatewayAuthenticator } from './platform/auth.ts';

// Built once per cold start; API Gateway's JWT authorizer has verified the token already.
const dependencies = buildDependencies(loadConfig(process.env), apiGatewayAuthenticator);
const app = createApp(dependencies);

/** The whole API: middy adds the Lambda context to the logs; Hono owns HTTP. Loaded by handler.ts on first use. */
export const handler = middy(handle(app)).use(injectLambdaContext(dependencies.logger));
