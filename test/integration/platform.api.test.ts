import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, Problem } from '../../client/index.ts';
import { programBody } from '../fixtures/programs.ts';
import { programmeApi } from '../support/funding.ts';
import { dataOf, type TestApi } from '../support/test-api.ts';

let api: TestApi;
let admin: ApiClient;
let viewer: ApiClient;
beforeAll(async () => {
  ({ api, admin, viewer } = await programmeApi());
});

/** What either client answered: the typed one's response and problem, or the raw one's. */
type Answer = { response: Response; error?: Problem } | { status: number; headers: Headers; json?: Problem };

const expectProblem = (answer: Answer, status: number) => {
  const response = 'response' in answer ? answer.response : answer;
  const problem = 'response' in answer ? answer.error : answer.json;
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(problem).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
  expect(typeof problem?.detail).toBe('string');
};

async function programCount() {
  return dataOf(await viewer.GET('/v1/programs', { params: { query: { limit: 100 } } })).items.length;
}

// Raw: /health, /openapi.json, /docs and unknown routes are not in the document.
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
    expectProblem(await api.anonymous().GET('/v1/programs'), 401);
  });

  it('refuses a token signed with another key with 401', async () => {
    const forged = (await api.tokenFor('admin')).replace(/\.[^.]+$/, '.AAAA');
    expectProblem(await api.withToken(forged).GET('/v1/programs'), 401);
  });

  it('refuses a finance user creating a programme with 403, and creates nothing', async () => {
    const before = await programCount();
    expectProblem(await api.client('finance').POST('/v1/programs', { body: programBody() }), 403);
    expect(await programCount()).toBe(before);
  });

  it('lets every role read', async () => {
    for (const role of ['finance', 'coordinator', 'viewer', 'admin'] as const) {
      expect((await api.client(role).GET('/v1/programs')).response.status).toBe(200);
    }
  });
});

describe('bad input never reaches the store', () => {
  it('refuses an unknown field with 400 naming it', async () => {
    const before = await programCount();
    // Raw, as the rest that send what the document does not allow: an unknown field.
    const response = await api.raw('admin').post('/v1/programs', programBody({ colour: 'blue' }));
    expectProblem(response, 400);
    expect(JSON.stringify(response.json.errors)).toContain('colour');
    expect(await programCount()).toBe(before);
  });

  it('refuses server-owned fields (mass assignment) with 400', async () => {
    const response = await api.raw('admin').post('/v1/programs', programBody({ id: 'X', version: 7 }));
    expectProblem(response, 400);
  });

  it('gives field paths for invalid values', async () => {
    const response = await admin.POST('/v1/programs', {
      body: programBody({ fundsUseWithin: { amount: -1, unit: 'months' } }),
    });
    expectProblem(response, 400);
    expect(response.error?.errors).toContainEqual(expect.objectContaining({ path: 'fundsUseWithin.amount' }));
  });

  it('refuses malformed JSON with 400', async () => {
    expectProblem(await api.raw('admin').post('/v1/programs', '{"name": '), 400);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await api.raw('admin').post('/v1/programs', 'name=x', { 'content-type': 'text/plain' });
    expectProblem(response, 415);
  });

  it('refuses a body over 256 KB with 413', async () => {
    const response = await admin.POST('/v1/programs', { body: programBody({ name: 'x'.repeat(300_000) }) });
    expectProblem(response, 413);
  });

  it('refuses a malformed id with 400 and an unknown one with 404', async () => {
    const read = (id: string) => viewer.GET('/v1/programs/{id}', { params: { path: { id } } });
    expectProblem(await read('not-an-id'), 400);
    expectProblem(await read('01JC0Z6XKX2P4T3C8Y5W7QF9AB'), 404);
  });

  it.each(['garbage', 'eyJwayI6IlgifQ.bad', ''])('refuses the cursor %j with 400', async (cursor) => {
    expectProblem(await viewer.GET('/v1/programs', { params: { query: { cursor } } }), 400);
  });

  // Raw: the limits are query text as sent, `ten` among them.
  it.each(['0', '101', 'ten'])('refuses limit=%s with 400', async (limit) => {
    expectProblem(await api.raw('viewer').get(`/v1/programs?limit=${limit}`), 400);
  });
});
