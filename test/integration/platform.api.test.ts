import { beforeAll, describe, expect, it } from 'vitest';
import { programBody } from '../fixtures/programs.ts';
import { createTestApi, type TestApi } from '../support/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});

const expectProblem = (
  response: { status: number; headers: Headers; json: Record<string, unknown> },
  status: number,
) => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(response.json).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
  expect(typeof response.json.detail).toBe('string');
};

async function programCount() {
  const page = await api.as('viewer').get('/v1/programs?limit=100');
  return page.json.items.length as number;
}

describe('open endpoints', () => {
  it('answers /health without a token', async () => {
    const response = await api.call('GET', '/health');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ status: 'ok' });
  });

  it('serves an OpenAPI 3.1 document that documents the programme routes', async () => {
    const response = await api.call('GET', '/openapi.json');
    expect(response.status).toBe(200);
    expect(response.json.openapi).toMatch(/^3\.1/);
    expect(Object.keys(response.json.paths)).toEqual(
      expect.arrayContaining(['/v1/programs', '/v1/programs/{id}']),
    );
    expect(
      response.json.paths['/v1/programs'].post.requestBody.content['application/json'].schema,
    ).toBeDefined();
  });

  it('serves interactive docs whose assets come from the package, not a CDN', async () => {
    const page = await api.call('GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('/docs/swagger-ui-bundle.js');
    expect(page.text).not.toMatch(/https?:\/\/(cdn|unpkg)/);
    const script = await api.call('GET', '/docs/swagger-ui-bundle.js');
    expect(script.status).toBe(200);
    expect(script.text.length).toBeGreaterThan(100_000);
  });

  it('answers an unknown route with a 404 problem', async () => {
    expectProblem(await api.call('GET', '/nope'), 404);
  });
});

describe('authentication and roles', () => {
  it('refuses a request without a token with 401', async () => {
    expectProblem(await api.call('GET', '/v1/programs'), 401);
  });

  it('refuses a token signed with another key with 401', async () => {
    const forged = (await api.tokenFor('admin')).replace(/\.[^.]+$/, '.AAAA');
    expectProblem(await api.call('GET', '/v1/programs', { token: forged }), 401);
  });

  it('refuses a finance user creating a programme with 403, and creates nothing', async () => {
    const before = await programCount();
    expectProblem(await api.as('finance').post('/v1/programs', programBody()), 403);
    expect(await programCount()).toBe(before);
  });

  it('lets every role read', async () => {
    for (const role of ['finance', 'coordinator', 'viewer', 'admin'] as const) {
      expect((await api.as(role).get('/v1/programs')).status).toBe(200);
    }
  });
});

describe('bad input never reaches the store', () => {
  it('refuses an unknown field with 400 naming it', async () => {
    const before = await programCount();
    const response = await api.as('admin').post('/v1/programs', programBody({ colour: 'blue' }));
    expectProblem(response, 400);
    expect(JSON.stringify(response.json.errors)).toContain('colour');
    expect(await programCount()).toBe(before);
  });

  it('refuses server-owned fields (mass assignment) with 400', async () => {
    const response = await api.as('admin').post('/v1/programs', programBody({ id: 'X', version: 7 }));
    expectProblem(response, 400);
  });

  it('gives field paths for invalid values', async () => {
    const response = await api
      .as('admin')
      .post('/v1/programs', programBody({ fundsUseWithin: { amount: -1, unit: 'months' } }));
    expectProblem(response, 400);
    expect(response.json.errors).toContainEqual(expect.objectContaining({ path: 'fundsUseWithin.amount' }));
  });

  it('refuses malformed JSON with 400', async () => {
    expectProblem(await api.as('admin').post('/v1/programs', '{"name": '), 400);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await api.as('admin').post('/v1/programs', 'name=x', { 'content-type': 'text/plain' });
    expectProblem(response, 415);
  });

  it('refuses a body over 256 KB with 413', async () => {
    const response = await api.as('admin').post('/v1/programs', programBody({ name: 'x'.repeat(300_000) }));
    expectProblem(response, 413);
  });

  it('refuses a malformed id with 400 and an unknown one with 404', async () => {
    expectProblem(await api.as('viewer').get('/v1/programs/not-an-id'), 400);
    expectProblem(await api.as('viewer').get('/v1/programs/01JC0Z6XKX2P4T3C8Y5W7QF9AB'), 404);
  });

  it.each(['garbage', 'eyJwayI6IlgifQ.bad', ''])('refuses the cursor %j with 400', async (cursor) => {
    expectProblem(await api.as('viewer').get(`/v1/programs?cursor=${encodeURIComponent(cursor)}`), 400);
  });

  it.each(['0', '101', 'ten'])('refuses limit=%s with 400', async (limit) => {
    expectProblem(await api.as('viewer').get(`/v1/programs?limit=${limit}`), 400);
  });
});
