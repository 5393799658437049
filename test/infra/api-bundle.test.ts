import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../shared/config/environment-keys.ts';
import { type BundledHandler, importBundledHandler } from '../support/bundled-handler.ts';
import { httpApiEvent, lambdaContext } from '../support/http-api-event.ts';
import { createTestApi } from '../support/test-api.ts';

type Handler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

const ADMIN = {
  sub: 'b1f0c2d4-0000-4000-8000-000000000001',
  email: 'admin@erfurt.example',
  'cognito:groups': ['admin'],
};

let bundled: BundledHandler<Handler>;

beforeAll(async () => {
  bundled = await importBundledHandler<Handler>('api', () => ({
    [ENV.authMode]: 'apigateway',
    [ENV.cursorSecret]: 'bundle-test-cursor-secret-0123456789',
  }));
}, 120_000);

afterAll(() => bundled?.remove());

const invoke = (input: Parameters<typeof httpApiEvent>[0]) =>
  bundled.handler(httpApiEvent(input), lambdaContext());

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

  it('serves the same OpenAPI document as the unbundled app, so the zod edit kept every schema', async () => {
    // infra/lambda-bundle.ts edits how @hono/zod-openapi takes zod; `.openapi()` metadata must survive it.
    const source = await createTestApi();
    const expected = (await source.call('GET', '/openapi.json')).json;
    const response = await invoke({ method: 'GET', path: '/openapi.json' });

    expect(JSON.parse(response.body ?? '{}')).toEqual(expected);
  });

  it("leaves out zod's translations and JSON Schema converters nobody calls", async () => {
    const directory = dirname(bundled.bundles.api);
    const files = (await readdir(directory, { recursive: true })).filter((name) => name.endsWith('.mjs'));
    const code = (await Promise.all(files.map((name) => readFile(join(directory, name), 'utf8')))).join('\n');

    expect(code).toContain('Invalid input'); // zod's English messages are what clients read
    expect(code).not.toContain('Ungültige Eingabe'); // zod's German locale, one of 40
    expect(code).not.toContain('fromJSONSchema');
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

  it.each([
    ['funding', '/v1/programs', 200],
    ['positions', '/v1/positions', 200],
    ['work', '/v1/tasks', 200],
    ['deadlines', '/v1/reminders', 200],
    ['documents', '/v1/applications/01JC0Z6XKX2P4T3C8Y5W7QF9AB/documents', 404],
    ['summary', '/v1/summary', 200],
    ['deadlines (open feed)', '/calendar/not-a-token.ics', 404],
  ])('loads the %s route group on its first request and answers %s', async (_group, path, status) => {
    const response = await invoke({ method: 'GET', path, claims: ADMIN });

    expect(response.statusCode, response.body).toBe(status);
    expect(response.body).not.toContain('No route'); // the group's own answer, not a missing route
  });

  it('answers 401 problem+json when the request carries no verified claims', async () => {
    const response = await invoke({ method: 'GET', path: '/v1/programs' });

    expect(response.statusCode).toBe(401);
    expect(header(response, 'content-type')).toMatch(/^application\/problem\+json/);
  });
});
