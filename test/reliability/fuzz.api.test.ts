import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Caller, callerHeaders } from '../support/callers.ts';
import { buildWorld, type World } from '../support/fuzz-world.ts';
import {
  type DocumentedOperation,
  documentedOperations,
  type OpenApiDocument,
  openApiDocument,
  operationFor,
} from '../support/openapi-paths.ts';
import { schemaValidator } from '../support/schema-validator.ts';
import { createTestApi, type TestApi } from '../support/test-api.ts';
import { recordWrites } from '../support/write-recorder.ts';
import { type FuzzRequest, requestArbitrary } from './fuzz-requests.ts';

/**
 * Every operation of the OpenAPI document, fuzzed from the document (fuzz-requests.ts): valid,
 * near-valid and garbage parameters, headers and bodies, by every kind of caller, against a
 * small world of records in DynamoDB Local. Whatever is sent:
 * - the answer is never a 5xx;
 * - every 4xx is a problem document (application/problem+json with type, title, status, detail);
 * - every 2xx is what the document declares for that operation and status (ajv, 2020-12);
 * - a refused request changes nothing: a middleware records every successful DynamoDB write,
 *   and a refused request may only have taken and released its own idempotency lock.
 * `FUZZ_RUNS` (total requests, spread evenly over the operations) and `FUZZ_SEED` change the run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 6_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_124);

let api: TestApi;
let document: OpenApiDocument;
let operations: DocumentedOperation[];
let world: World;
let callers: Record<Caller, Record<string, string>>;
let recorder: ReturnType<typeof recordWrites>;

beforeAll(async () => {
  api = await createTestApi();
  document = await openApiDocument(api);
  // Deletions last, so the reads and changes before them find what they are about.
  operations = documentedOperations(document).sort(
    (a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'),
  );
  world = await buildWorld(api, document, operations);
  callers = await callerHeaders(api);
  recorder = recordWrites(api.deps.store.table.doc);
}, 60_000);

const isProblem = (status: number, contentType: string | null, text: string) => {
  try {
    const json = JSON.parse(text);
    return (
      contentType === 'application/problem+json' &&
      json.status === status &&
      typeof json.type === 'string' &&
      typeof json.title === 'string' &&
      typeof json.detail === 'string'
    );
  } catch {
    return false;
  }
};

/** The ETags of records that have no GET of their own (a cost item), as their path last answered. */
const lastEtags = new Map<string, string>();

/**
 * The ETag of the record a change is about, right now: what a GET of its path answers; for a
 * record without a GET (a path ending in a parameter), what its path last answered, if it
 * exists yet; for an action (`…/status`), what a GET of the record it acts on answers.
 */
async function currentEtag(template: string, path: string): Promise<string | undefined> {
  const segments = path.split('?')[0]!.split('/');
  const own = segments.join('/');
  if (!operationFor(operations, 'GET', own) && template.endsWith('}')) return lastEtags.get(own);
  for (let length = segments.length; length > 1; length--) {
    const prefix = segments.slice(0, length).join('/');
    if (!operationFor(operations, 'GET', prefix)) continue;
    const response = await api.app.request(prefix, { headers: callers.admin });
    await response.arrayBuffer();
    return response.headers.get('etag') ?? undefined;
  }
  return undefined;
}

describe('fuzzing every documented operation', () => {
  it(`answers ${RUNS} generated requests without a 5xx, with problem documents and documented bodies, changing nothing when refused`, async () => {
    const started = Date.now();
    const { answerErrors } = schemaValidator(document);
    const statuses = new Map<number, number>();
    const covered = new Set<string>();
    /** Operations that accepted at least one request. */
    const accepted = new Set<string>();
    const undocumented = new Set<string>();
    /** The statuses each operation answered. */
    const statusesOf = new Map<string, Set<number>>();
    let requests = 0;
    let acceptedWrites = 0;

    async function send(request: FuzzRequest): Promise<string[]> {
      const headers = { ...callers[request.caller], ...request.headers };
      const etag = request.ifMatch === 'current' && (await currentEtag(request.template, request.path));
      if (etag) headers['if-match'] = etag;
      recorder.reset();
      const response = await api.app.request(request.path, {
        method: request.method,
        headers,
        ...(request.body === undefined ? {} : { body: request.body }),
      });
      const text = await response.text();
      const { status } = response;
      requests++;
      covered.add(request.operation);
      statusesOf.set(request.operation, (statusesOf.get(request.operation) ?? new Set()).add(status));
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const contentType = response.headers.get('content-type');
      const reached = operationFor(
        operations,
        request.method,
        new URL(request.path, 'http://localhost').pathname,
      );
      if (reached && !reached.responses[String(status)]) undocumented.add(`${reached.label} → ${status}`);

      const found: string[] = [];
      if (status >= 500) found.push(`${status}: ${text}`);
      if (status >= 400 && status < 500) {
        if (!isProblem(status, contentType, text))
          found.push(`${status} is no problem document: ${contentType} ${text}`);
        if (recorder.lasting().length)
          found.push(`${status}, but wrote ${JSON.stringify(recorder.lasting())}`);
        if (recorder.unreleasedLocks() > 0) found.push(`${status}, but kept an idempotency lock`);
      }
      if (status >= 200 && status < 300) {
        const answered = response.headers.get('etag');
        if (answered) lastEtags.set(request.path.split('?')[0]!, answered);
        accepted.add(reached?.label ?? request.operation);
        acceptedWrites += recorder.transactions();
        const errors = reached
          ? answerErrors(reached, status, contentType, text)
          : [`${status} from no documented operation`];
        if (errors.length)
          found.push(`${status} not as documented: ${errors.join('; ')}: ${text.slice(0, 500)}`);
      }
      return found;
    }

    const perOperation = Math.max(1, Math.ceil(RUNS / operations.length));
    const failures: string[] = [];
    for (const [index, operation] of operations.entries()) {
      const details = await fc.check(
        fc.asyncProperty(requestArbitrary({ document, world }, operation), async (request) => {
          const found = await send(request);
          if (found.length) throw new Error(found.join('\n'));
        }),
        { numRuns: perOperation, seed: SEED + index },
      );
      if (details.failed) {
        const cause =
          details.errorInstance instanceof Error
            ? details.errorInstance.message
            : String(details.errorInstance);
        failures.push(
          `${operation.label}: ${cause.slice(0, 2000)}\n${fc.defaultReportMessage(details)?.slice(0, 3000)}`,
        );
      }
    }

    const byStatus = Object.fromEntries([...statuses].sort(([a], [b]) => a - b));
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `fuzz: ${requests} requests, ${covered.size}/${operations.length} operations (${accepted.size} of them answered 2xx), ${seconds} s, seed ${SEED}; statuses ${JSON.stringify(byStatus)}`,
    );
    if (undocumented.size) {
      console.log(`fuzz: answers the document does not declare: ${[...undocumented].sort().join(', ')}`);
    }
    expect(failures).toEqual([]);
    expect(covered.size).toBe(operations.length);
    // The world's deadlines fill the deadline's {id}: each deadline operation reached real
    // deadlines (a read, a change, or a refusal only an existing deadline gets), not only 404s.
    const deadlineOperations = operations.filter((operation) =>
      operation.template.startsWith('/v1/deadlines/{id}'),
    );
    expect(deadlineOperations.map((operation) => operation.label).sort()).toEqual([
      'GET /v1/deadlines/{id}',
      'POST /v1/deadlines/{id}/done',
      'PUT /v1/deadlines/{id}/reminders',
    ]);
    for (const { label } of deadlineOperations) {
      const reached = [...(statusesOf.get(label) ?? [])].filter(
        (status) => status < 300 || status === 409 || status === 412,
      );
      expect(reached, `${label} answered ${[...(statusesOf.get(label) ?? [])]}`).not.toEqual([]);
    }
    // Both sides of the property were reached, and the recorder sees real writes.
    expect(acceptedWrites, JSON.stringify(byStatus)).toBeGreaterThan(0);
    expect([...statuses.keys()].filter((status) => status < 300).length).toBeGreaterThanOrEqual(2);
    expect([...statuses.keys()].filter((status) => status >= 400).length).toBeGreaterThanOrEqual(5);
  }, 600_000);
});
