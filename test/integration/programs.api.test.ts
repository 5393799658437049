import { beforeAll, describe, expect, it } from 'vitest';
import { readHistory } from '../../shared/store/records.ts';
import { programBody } from '../fixtures/programs.ts';
import { createTestApi, type TestApi } from '../support/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});

async function createProgram(name: string) {
  const response = await api.as('admin').post('/v1/programs', programBody({ name }));
  expect(response.status).toBe(201);
  return response;
}

describe('creating and reading programmes', () => {
  it('creates with 201, Location, ETag and server-made fields', async () => {
    const response = await createProgram('Alpha');
    expect(response.headers.get('location')).toBe(`/v1/programs/${response.json.id}`);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.json).toMatchObject({ name: 'Alpha', version: 1, requireBalancedCosts: true });
    expect(response.json.id).toMatch(/^[0-9A-Z]{26}$/);
  });

  it('reads one back with its ETag', async () => {
    const created = await createProgram('Beta');
    const read = await api.as('viewer').get(`/v1/programs/${created.json.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(read.json).toEqual(created.json);
  });

  it('pages through the list with opaque cursors, each item once', async () => {
    for (const name of ['P1', 'P2', 'P3']) await createProgram(name);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await api.as('viewer').get(`/v1/programs?limit=2${query}`);
      expect(page.status).toBe(200);
      expect(page.json.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.json.items.map((item: { id: string }) => item.id));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(3);
  });
});

describe('changing a programme', () => {
  it('requires If-Match (428), refuses a stale one (412) and applies a current one', async () => {
    const created = await createProgram('Gamma');
    const path = `/v1/programs/${created.json.id}`;
    expect((await api.as('admin').patch(path, { funder: 'TLVwA' })).status).toBe(428);
    expect((await api.as('admin').patch(path, { funder: 'TLVwA' }, { 'if-match': '"9"' })).status).toBe(412);

    const changed = await api.as('admin').patch(path, { funder: 'TLVwA' }, { 'if-match': '"1"' });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ funder: 'TLVwA', version: 2 });
    expect(changed.headers.get('etag')).toBe('"2"');

    expect((await api.as('admin').patch(path, { funder: 'Other' }, { 'if-match': '"1"' })).status).toBe(412);
    expect((await api.as('viewer').get(path)).json.funder).toBe('TLVwA');
  });

  it('refuses a patch that breaks the share rule and leaves the record unchanged', async () => {
    const created = await createProgram('Delta');
    const path = `/v1/programs/${created.json.id}`;
    const response = await api.as('admin').patch(path, { ownShareBasisPoints: 5000 }, { 'if-match': '"1"' });
    expect(response.status).toBe(400);
    expect((await api.as('viewer').get(path)).json).toEqual(created.json);
  });

  it('lets exactly one of ten parallel changes at one version win, the rest get 412', async () => {
    const created = await createProgram('Epsilon');
    const path = `/v1/programs/${created.json.id}`;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        api.as('admin').patch(path, { funder: `Funder ${index}` }, { 'if-match': '"1"' }),
      ),
    );
    const statuses = results.map((result) => result.status).sort();
    expect(statuses).toEqual([200, ...Array(9).fill(412)]);
    const winner = results.find((result) => result.status === 200)!;
    const stored = await api.as('viewer').get(path);
    expect(stored.json).toMatchObject({ version: 2, funder: winner.json.funder, name: 'Epsilon' });
  });

  it('writes a history entry for every change, with actor and changed fields', async () => {
    const created = await createProgram('Zeta');
    await api
      .as('admin', 'chef@erfurt.example')
      .patch(`/v1/programs/${created.json.id}`, { name: 'Zeta 2' }, { 'if-match': '"1"' });
    const history = await readHistory(api.deps.store.table, `PROGRAM#${created.json.id}`);
    expect(history.map((entry) => entry.action)).toEqual(['create', 'update']);
    expect(history[1]).toMatchObject({ changes: ['name'], actor: { email: 'chef@erfurt.example' } });
  });
});

describe('Idempotency-Key on POST', () => {
  it('replays the first response for a repeat and creates nothing new', async () => {
    const headers = { 'idempotency-key': 'create-eta-1' };
    const first = await api.as('admin').post('/v1/programs', programBody({ name: 'Eta' }), headers);
    const second = await api.as('admin').post('/v1/programs', programBody({ name: 'Eta' }), headers);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.json).toEqual(first.json);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    const all = await api.as('viewer').get('/v1/programs?limit=100');
    expect(all.json.items.filter((item: { name: string }) => item.name === 'Eta')).toHaveLength(1);
  });

  it('refuses the same key with another body with 422', async () => {
    const headers = { 'idempotency-key': 'create-theta-1' };
    expect((await api.as('admin').post('/v1/programs', programBody({ name: 'Theta' }), headers)).status).toBe(
      201,
    );
    const reused = await api.as('admin').post('/v1/programs', programBody({ name: 'Theta 2' }), headers);
    expect(reused.status).toBe(422);
    expect(reused.headers.get('content-type')).toBe('application/problem+json');
  });

  it('creates one record for twenty concurrent duplicates, all answered alike', async () => {
    const headers = { 'idempotency-key': 'create-iota-parallel' };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        api.as('admin').post('/v1/programs', programBody({ name: 'Iota' }), headers),
      ),
    );
    expect(new Set(responses.map((response) => response.status))).toEqual(new Set([201]));
    expect(new Set(responses.map((response) => response.text)).size).toBe(1);
    const all = await api.as('viewer').get('/v1/programs?limit=100');
    expect(all.json.items.filter((item: { name: string }) => item.name === 'Iota')).toHaveLength(1);
  });

  it('bounds the in-progress lock by the Lambda invocation when running on Lambda', async () => {
    const started = Date.now();
    const lambdaContext = {
      awsRequestId: 'req-1',
      getRemainingTimeInMillis: () => 9_000,
      functionName: 'api',
    };
    const response = await api.app.fetch(
      new Request('http://api/v1/programs', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await api.tokenFor('admin')}`,
          'content-type': 'application/json',
          'idempotency-key': 'lambda-bounded-1',
        },
        body: JSON.stringify(programBody({ name: 'Lambda' })),
      }),
      { lambdaContext },
    );
    expect(response.status).toBe(201);
    const locks = await api.deps.store.table.query({ partition: 'IDEMPOTENCY' });
    const lock = locks.items.find(
      (item) => item.status === 'COMPLETED' && JSON.stringify(item).includes('Lambda'),
    );
    const expiry = Number(lock?.in_progress_expiration);
    // Bounded by the invocation's 9 s remaining, not by the 10 s budget a local request gets.
    expect(expiry - started).toBeGreaterThan(8_000);
    expect(expiry - started).toBeLessThan(9_500);
  });

  it('does not remember a refused request, so a corrected retry with the key succeeds', async () => {
    const headers = { 'idempotency-key': 'create-kappa-1' };
    expect(
      (await api.as('admin').post('/v1/programs', programBody({ name: 'Kappa', extra: 1 }), headers)).status,
    ).toBe(400);
    expect((await api.as('admin').post('/v1/programs', programBody({ name: 'Kappa' }), headers)).status).toBe(
      201,
    );
  });
});
