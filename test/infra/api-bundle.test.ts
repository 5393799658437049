import { pathToFileURL } from 'node:url';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../shared/config/environment-keys.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { httpApiEvent, lambdaContext } from '../support/http-api-event.ts';
import { type LambdaBundles, synthLambdaBundles } from '../support/lambda-bundles.ts';

type Handler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

const ADMIN = {
  sub: 'b1f0c2d4-0000-4000-8000-000000000001',
  email: 'admin@erfurt.example',
  'cognito:groups': ['admin'],
};

let bundles: LambdaBundles;
let handler: Handler;
const previousEnv = { ...process.env };

beforeAll(async () => {
  const [table, synthesized] = await Promise.all([createTestTable(), synthLambdaBundles()]);
  bundles = synthesized;
  // What CDK sets in AWS, pointed at DynamoDB Local; set before the import, which reads it.
  Object.assign(process.env, {
    [ENV.tableName]: table.tableName,
    [ENV.dynamodbEndpoint]: table.endpoint,
    [ENV.authMode]: 'apigateway',
    [ENV.cursorSecret]: 'bundle-test-cursor-secret-0123456789',
    [ENV.logLevel]: 'ERROR',
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  const bundle = (await import(pathToFileURL(bundles.api).href)) as { handler: Handler };
  handler = bundle.handler;
}, 120_000);

afterAll(async () => {
  process.env = previousEnv;
  await bundles?.cleanup();
});

const invoke = (input: Parameters<typeof httpApiEvent>[0]) => handler(httpApiEvent(input), lambdaContext());

function header(response: APIGatewayProxyStructuredResultV2, name: string): string | undefined {
  const found = Object.entries(response.headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return found === undefined ? undefined : String(found[1]);
}

describe('the bundled API handler (what cdk deploy uploads)', () => {
  it('answers the health check', async () => {
    const response = await invoke({ method: 'GET', path: '/health' });

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body ?? '')).toEqual({ status: 'ok' });
  });

  it('serves an OpenAPI 3.1 document', async () => {
    const response = await invoke({ method: 'GET', path: '/openapi.json' });

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body ?? '{}').openapi).toMatch(/^3\.1/);
  });

  it('serves the interactive docs page', async () => {
    const response = await invoke({ method: 'GET', path: '/docs' });

    expect(response.statusCode).toBe(200);
    expect(header(response, 'content-type')).toMatch(/^text\/html/);
    expect(response.body).toContain('swagger-ui');
  });

  it('serves Swagger UI assets from the swagger-ui folder copied next to the bundle', async () => {
    const response = await invoke({ method: 'GET', path: '/docs/swagger-ui.css' });

    expect(response.statusCode).toBe(200);
    expect(header(response, 'content-type')).toMatch(/^text\/css/);
  });

  it('lists programs for an admin the JWT authorizer let through', async () => {
    const response = await invoke({ method: 'GET', path: '/v1/programs', claims: ADMIN });

    expect(response.statusCode).toBe(200);
    expect(Array.isArray(JSON.parse(response.body ?? '{}').items)).toBe(true);
  });

  it('answers 401 problem+json when the request carries no verified claims', async () => {
    const response = await invoke({ method: 'GET', path: '/v1/programs' });

    expect(response.statusCode).toBe(401);
    expect(header(response, 'content-type')).toMatch(/^application\/problem\+json/);
  });
});
