import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, RequestBody } from '../../client/index.ts';
import { readHistory } from '../../shared/store/records.ts';
import { programBody } from '../fixtures/programs.ts';
import { programmeApi } from '../support/funding.ts';
import { dataOf, type TestApi } from '../support/test-api.ts';

let api: TestApi;
let admin: ApiClient;
let viewer: ApiClient;
beforeAll(async () => {
  ({ api, admin, viewer } = await programmeApi());
});

const programPath = (id: string) => ({ path: { id } });

async function createProgram(name: string) {
  const { data, response } = await admin.POST('/v1/programs', { body: programBody({ name }) });
  expect(response.status).toBe(201);
  return { program: data!, response };
}

/** Changes a programme as the admin, with an If-Match if given. */
const change = (id: string, body: RequestBody<'/v1/programs/{id}', 'patch'>, ifMatch?: string) =>
  admin.PATCH('/v1/programs/{id}', { params: { ...programPath(id), header: { 'if-match': ifMatch } }, body });

const readProgram = (id: string) => viewer.GET('/v1/programs/{id}', { params: programPath(id) });

const allPrograms = async () =>
  dataOf(await viewer.GET('/v1/programs', { params: { query: { limit: 100 } } })).items;

describe('creating and reading programmes', () => {
  it('creates with 201, Location, ETag and server-made fields', async () => {
    const { program, response } = await createProgram('Alpha');
    expect(response.headers.get('location')).toBe(`/v1/programs/${program.id}`);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(program).toMatchObject({ name: 'Alpha', version: 1, requireBalancedCosts: true });
    expect(program.id).toMatch(/^[0-9A-Z]{26}$/);
  });

  it('reads one back with its ETag', async () => {
    const { program } = await createProgram('Beta');
    const read = await readProgram(program.id);
    expect(read.response.status).toBe(200);
    expect(read.response.headers.get('etag')).toBe('"1"');
    expect(read.data).toEqual(program);
  });

  it('pages through the list with opaque cursors, each item once', async () => {
    for (const name of ['P1', 'P2', 'P3']) await createProgram(name);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: { limit: number; cursor?: string } = cursor ? { limit: 2, cursor } : { limit: 2 };
      const { data: page, response } = await viewer.GET('/v1/programs', { params: { query } });
      expect(response.status).toBe(200);
      expect(page?.items.length).toBeLessThanOrEqual(2);
      seen.push(...(page?.items ?? []).map((item) => item.id));
      cursor = page?.nextCursor ?? null;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(3);
  });
});

describe('changing a programme', () => {
  it('requires If-Match (428), refuses a stale one (412) and applies a current one', async () => {
    const { program } = await createProgram('Gamma');
    expect((await change(program.id, { funder: 'TLVwA' })).response.status).toBe(428);
    expect((await change(program.id, { funder: 'TLVwA' }, '"9"')).response.status).toBe(412);

    const changed = await change(program.id, { funder: 'TLVwA' }, '"1"');
    expect(changed.response.status).toBe(200);
    expect(changed.data).toMatchObject({ funder: 'TLVwA', version: 2 });
    expect(changed.response.headers.get('etag')).toBe('"2"');

    expect((await change(program.id, { funder: 'Other' }, '"1"')).response.status).toBe(412);
    expect((await readProgram(program.id)).data?.funder).toBe('TLVwA');
  });

  it('refuses a patch that breaks the share rule and leaves the record unchanged', async () => {
    const { program } = await createProgram('Delta');
    const { response } = await change(program.id, { ownShareBasisPoints: 5000 }, '"1"');
    expect(response.status).toBe(400);
    expect((await readProgram(program.id)).data).toEqual(program);
  });

  it('lets exactly one of ten parallel changes at one version win, the rest get 412', async () => {
    const { program } = await createProgram('Epsilon');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) => change(program.id, { funder: `Funder ${index}` }, '"1"')),
    );
    const statuses = results.map((result) => result.response.status).sort();
    expect(statuses).toEqual([200, ...Array(9).fill(412)]);
    const winner = results.find((result) => result.response.status === 200)!;
    const stored = await readProgram(program.id);
    expect(stored.data).toMatchObject({ version: 2, funder: winner.data?.funder, name: 'Epsilon' });
  });

  it('writes a history entry for every change, with actor and changed fields', async () => {
    const { program } = await createProgram('Zeta');
    await api.client('admin', 'chef@erfurt.example').PATCH('/v1/programs/{id}', {
      params: { ...programPath(program.id), header: { 'if-match': '"1"' } },
      body: { name: 'Zeta 2' },
    });
    const history = await readHistory(api.deps.store.table, `PROGRAM#${program.id}`);
    expect(history.map((entry) => entry.action)).toEqual(['create', 'update']);
    expect(history[1]).toMatchObject({
      changes: [{ field: 'name', from: 'Zeta', to: 'Zeta 2' }],
      actor: { email: 'chef@erfurt.example' },
    });
  });
});

describe('Idempotency-Key on POST', () => {
  /** Creates a programme with an Idempotency-Key. */
  const createOnce = (key: string, name: string) =>
    admin.POST('/v1/programs', {
      params: { header: { 'idempotency-key': key } },
      body: programBody({ name }),
    });

  it('replays the first response for a repeat and creates nothing new', async () => {
    const first = await createOnce('create-eta-1', 'Eta');
    const second = await createOnce('create-eta-1', 'Eta');
    expect(first.response.status).toBe(201);
    expect(second.response.status).toBe(201);
    expect(second.data).toEqual(first.data);
    expect(second.response.headers.get('location')).toBe(first.response.headers.get('location'));
    expect((await allPrograms()).filter((item) => item.name === 'Eta')).toHaveLength(1);
  });

  it('refuses the same key with another body with 422', async () => {
    expect((await createOnce('create-theta-1', 'Theta')).response.status).toBe(201);
    const reused = await createOnce('create-theta-1', 'Theta 2');
    expect(reused.response.status).toBe(422);
    expect(reused.response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('creates one record for twenty concurrent duplicates, all answered alike', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        admin.POST('/v1/programs', {
          params: { header: { 'idempotency-key': 'create-iota-parallel' } },
          body: programBody({ name: 'Iota' }),
          parseAs: 'text',
        }),
      ),
    );
    expect(new Set(responses.map(({ response }) => response.status))).toEqual(new Set([201]));
    expect(new Set(responses.map(({ data }) => data)).size).toBe(1);
    expect((await allPrograms()).filter((item) => item.name === 'Iota')).toHaveLength(1);
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
    // Raw: the first body has an unknown field on purpose.
    const refused = await api.raw('admin').post('/v1/programs', programBody({ name: 'Kappa', extra: 1 }), {
      'idempotency-key': 'create-kappa-1',
    });
    expect(refused.status).toBe(400);
    expect((await createOnce('create-kappa-1', 'Kappa')).response.status).toBe(201);
  });
});
