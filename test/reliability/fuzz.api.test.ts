import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { erfurtApplicationBody, erfurtNotice } from '../fixtures/applications.ts';
import { PDF } from '../fixtures/files.ts';
import { programBody } from '../fixtures/programs.ts';
import { fundingSteps } from '../support/funding.ts';
import { createTestApi, type TestApi } from '../support/test-api.ts';
import { recordWrites } from '../support/write-recorder.ts';

/**
 * Property: whatever a client sends — valid, near-valid or garbage bodies, headers and
 * paths — the answer is never a 5xx, every 4xx is a problem document, and a refused
 * request changes nothing in the store. "Nothing" is checked on the wire: a middleware
 * records every successful DynamoDB write; a refused request may only have written and
 * removed its own idempotency lock.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);

let api: TestApi;
const ids = {} as Record<'program' | 'draft' | 'approved' | 'call' | 'position', string>;
let recorder: ReturnType<typeof recordWrites>;

beforeAll(async () => {
  api = await createTestApi();
  const steps = fundingSteps(api);
  ids.program = await steps.program();
  ids.draft = (await steps.draft(ids.program)).id;
  ids.approved = (await steps.approved(ids.program)).id;
  ids.call = (
    await steps.finance.post(`/v1/applications/${ids.approved}/funds-calls`, {
      amountCents: 1000,
      calledOn: '2023-03-01',
    })
  ).json.id;
  const position = await steps.finance.post('/v1/positions', {
    title: 'QPK',
    fte: 1,
    payGrade: 'TVöD E 11',
    orgUnit: 'Soziales',
    start: '2023-01-01',
    end: '2025-12-31',
    fundedBy: [{ applicationId: ids.approved, shareBasisPoints: 10_000 }],
  });
  ids.position = position.json.id;
  recorder = recordWrites(api.deps.store.table.doc);
}, 60_000);

interface Template {
  method: string;
  path: () => string;
  body: () => Record<string, unknown>;
}

const templates: Template[] = [
  { method: 'POST', path: () => '/v1/programs', body: () => programBody() },
  { method: 'PATCH', path: () => `/v1/programs/${ids.program}`, body: () => ({ funder: 'TLVwA' }) },
  { method: 'POST', path: () => '/v1/applications', body: () => erfurtApplicationBody(ids.program) },
  { method: 'PATCH', path: () => `/v1/applications/${ids.draft}`, body: () => ({ title: 'Neu' }) },
  { method: 'POST', path: () => `/v1/applications/${ids.draft}/status`, body: () => ({ to: 'submitted' }) },
  {
    method: 'POST',
    path: () => `/v1/applications/${ids.approved}/amendments`,
    body: () => erfurtNotice({ date: '2024-01-01' }),
  },
  {
    method: 'POST',
    path: () => `/v1/applications/${ids.approved}/funds-calls`,
    body: () => ({ amountCents: 100, calledOn: '2023-05-01' }),
  },
  {
    method: 'PATCH',
    path: () => `/v1/applications/${ids.approved}/funds-calls/${ids.call}`,
    body: () => ({ receivedOn: '2023-03-02' }),
  },
  {
    method: 'PATCH',
    path: () => `/v1/applications/${ids.approved}/reports/final`,
    body: () => ({ status: 'submitted' }),
  },
  {
    method: 'POST',
    path: () => '/v1/positions',
    body: () => ({
      title: 'QPK',
      fte: 0.5,
      payGrade: 'TVöD E 11',
      orgUnit: 'Soziales',
      start: '2023-01-01',
      fundedBy: [],
    }),
  },
  { method: 'PATCH', path: () => `/v1/positions/${ids.position}`, body: () => ({ fte: 0.75 }) },
  {
    method: 'POST',
    path: () => `/v1/positions/${ids.position}/staffing`,
    body: () => ({ to: 'advertised', on: '2023-01-10' }),
  },
  {
    method: 'PUT',
    path: () => `/v1/positions/${ids.position}/cost-plan/2024`,
    body: () => ({ plannedGrossSalaryCents: 5_000_000 }),
  },
  {
    method: 'PUT',
    path: () => `/v1/positions/${ids.position}/costs/2024-01`,
    body: () => ({ grossSalaryCents: 450_000 }),
  },
  {
    method: 'POST',
    path: () => `/v1/applications/${ids.approved}/documents`,
    body: () => ({
      fileName: 'bescheid.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      kind: 'notice',
    }),
  },
];

const weird = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    -1,
    0,
    1.5,
    1e13,
    -1e13,
    Number.MAX_SAFE_INTEGER,
    '',
    ' ',
    '2025-02-30',
    '9999-99-99',
    null,
    true,
    [],
    {},
  ),
  fc.string({ maxLength: 300 }),
);

const bodyArbitrary = (template: Template) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant(template.body()) },
    {
      weight: 3,
      arbitrary: fc.tuple(fc.nat(), weird).map(([index, value]) => {
        const body = template.body();
        const keys = Object.keys(body);
        const key = keys[index % keys.length] ?? 'x';
        return { ...body, [key]: value };
      }),
    },
    {
      weight: 2,
      arbitrary: fc.nat().map((index) => {
        const body = template.body();
        const keys = Object.keys(body);
        delete body[keys[index % keys.length] ?? ''];
        return body;
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.string({ minLength: 1, maxLength: 20 }), weird)
        .map(([key, value]) => ({ ...template.body(), [key]: value })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          { id: 'X' },
          { version: 9 },
          { status: 'approved' },
          { createdAt: 'x' },
          { calledCents: 1 },
        )
        .map((extra) => ({ ...template.body(), ...extra })),
    },
    { weight: 2, arbitrary: weird },
  );

const rawBody = (template: Template) =>
  fc.oneof(
    { weight: 6, arbitrary: bodyArbitrary(template).map((body) => JSON.stringify(body)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('{', '{"a":', '[', 'null', '', '\u0000', '{"__proto__": {"admin": true}}'),
    },
  );

const printable = fc.string({ unit: fc.constantFrom(...'abcXYZ019 -_"*/\\\'.,;:'.split('')), maxLength: 40 });

const pathArbitrary = (template: Template) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(template.path()) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('01JC0Z6XKX2P4T3C8Y5W7QF9AB', 'x', '..', '%2e%2e', '%00', 'ÄÖÜ', '1'.repeat(300))
        .map((id) => template.path().replace(/[0-9A-Z]{26}/, encodeURI(id))),
    },
    { weight: 1, arbitrary: printable.map((suffix) => `${template.path()}/${encodeURIComponent(suffix)}`) },
  );

const requestArbitrary = fc.integer({ min: 0, max: templates.length - 1 }).chain((index) => {
  const template = templates[index]!;
  return fc.record({
    method: fc.oneof(
      { weight: 9, arbitrary: fc.constant(template.method) },
      { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'POST') },
    ),
    path: pathArbitrary(template),
    body: rawBody(template),
    role: fc.constantFrom('admin', 'finance', 'coordinator', 'viewer', 'none', 'forged'),
    contentType: fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      undefined,
    ),
    ifMatch: fc.option(fc.oneof(fc.constantFrom('"1"', '"2"', '"999"', '*', 'W/"1"', ''), printable), {
      nil: undefined,
    }),
    idempotencyKey: fc.option(printable, { nil: undefined }),
  });
});

const isProblem = (status: number, contentType: string | null, json: Record<string, unknown> | undefined) =>
  contentType === 'application/problem+json' &&
  json !== undefined &&
  json.status === status &&
  typeof json.type === 'string' &&
  typeof json.title === 'string' &&
  typeof json.detail === 'string';

describe('fuzzing the write routes', () => {
  it(`answers ${RUNS} generated requests without a 5xx, with problem documents, changing nothing when refused`, async () => {
    const forged = `${(await api.tokenFor('admin')).slice(0, -4)}AAAA`;
    const seen = new Map<number, number>();
    let acceptedWrites = 0;
    await fc.assert(
      fc.asyncProperty(requestArbitrary, async (request) => {
        const headers: Record<string, string> = {};
        if (request.role === 'forged') headers.authorization = `Bearer ${forged}`;
        else if (request.role !== 'none')
          headers.authorization = `Bearer ${await api.tokenFor(request.role as 'admin')}`;
        if (request.contentType) headers['content-type'] = request.contentType;
        if (request.ifMatch !== undefined) headers['if-match'] = request.ifMatch;
        if (request.idempotencyKey !== undefined) headers['idempotency-key'] = request.idempotencyKey;
        recorder.reset();
        const response = await api.app.request(request.path, {
          method: request.method,
          headers,
          body: ['GET', 'HEAD'].includes(request.method) ? undefined : request.body,
        });
        const text = await response.text();
        seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
        expect(response.status, `${request.method} ${request.path} ${text}`).toBeLessThan(500);
        if (response.status < 300) acceptedWrites += recorder.transactions();
        if (response.status >= 400) {
          let json: Record<string, unknown> | undefined;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          expect(isProblem(response.status, response.headers.get('content-type'), json), text).toBe(true);
          expect(recorder.lasting(), `${request.method} ${request.path} → ${response.status} wrote`).toEqual(
            [],
          );
          expect(recorder.unreleasedLocks()).toBeLessThanOrEqual(0);
        }
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20_261_124) },
    );
    // The generator reached both sides of the property, and the recorder sees real writes.
    expect(acceptedWrites, JSON.stringify([...seen])).toBeGreaterThan(0);
    expect([...seen.keys()].some((status) => status < 300)).toBe(true);
    expect([...seen.keys()].filter((status) => status >= 400).length).toBeGreaterThanOrEqual(5);
  }, 600_000);
});
