import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/domain/roles.ts';
import { documentedPaths, samplePath } from '../support/openapi-paths.ts';
import { createTestApi, TEST_JWT_SECRET, type TestApi } from '../support/test-api.ts';
import { recordWrites } from '../support/write-recorder.ts';

/**
 * Every documented operation × every kind of caller. The operations come from the
 * OpenAPI document, so a new route cannot escape the matrix: one without an expectation
 * below fails the test.
 */
const ALL: Role[] = ['finance', 'coordinator', 'viewer', 'admin'];
const FUNDING: Role[] = ['finance', 'admin'];
const WORK: Role[] = ['coordinator', 'admin'];

/** Who may call a non-GET operation, by path; first match wins. Reads are open to every role. */
const WRITERS: [RegExp, Role[]][] = [
  [/^\/v1\/programs/, ['admin']],
  [/^\/v1\/reminders\/run$/, ['admin']],
  [/^\/v1\/calendar-tokens/, ALL],
  [/^\/v1\/(tasks|concepts)\//, WORK],
  [/^\/v1\/(tasks|concepts)$/, WORK],
  [/^\/v1\/(applications|positions)/, FUNDING],
  // A deadline's reminders and done: the roles that write its kind of record; which of them
  // (its owner, or an admin) the deadline decides (deadline-offsets and deadline-done tests).
  [/^\/v1\/deadlines\//, ['finance', 'coordinator', 'admin']],
];

const OPEN = new Set(['/health', '/openapi.json', '/docs']);

type Caller = Role | 'none' | 'unknown-group' | 'expired' | 'wrong-key';
const CALLERS: Caller[] = [...ALL, 'none', 'unknown-group', 'expired', 'wrong-key'];

let api: TestApi;
let recorder: ReturnType<typeof recordWrites>;
let operations: { method: string; path: string; template: string }[];
const tokens = new Map<Caller, string>();

const sign = (secret: string, groups: string[], expiresAt: number) =>
  new SignJWT({ email: 'someone@erfurt.example', 'cognito:groups': groups })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('matrix-user')
    .setIssuer('foerdertracker-local')
    .setAudience('foerdertracker-api')
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(secret));

beforeAll(async () => {
  api = await createTestApi();
  recorder = recordWrites(api.deps.store.table.doc);
  const inAnHour = Math.floor(Date.now() / 1000) + 3600;
  for (const role of ALL) tokens.set(role, await api.tokenFor(role));
  tokens.set('unknown-group', await sign(TEST_JWT_SECRET, ['auditors'], inAnHour));
  tokens.set('expired', await sign(TEST_JWT_SECRET, ['admin'], Math.floor(Date.now() / 1000) - 60));
  tokens.set('wrong-key', await sign('another-secret-that-is-long-enough-0123456789', ['admin'], inAnHour));
  operations = Object.entries(await documentedPaths(api)).flatMap(([template, methods]) =>
    Object.keys(methods).map((method) => ({
      method: method.toUpperCase(),
      template,
      path: samplePath(template),
    })),
  );
});

function allowedRoles(method: string, template: string): Role[] {
  if (method === 'GET') return ALL;
  const rule = WRITERS.find(([pattern]) => pattern.test(template));
  if (!rule) throw new Error(`No expectation for ${method} ${template}: add one to the matrix`);
  return rule[1];
}

describe('role × route matrix', () => {
  it('covers every documented operation, and there are many', () => {
    expect(operations.length).toBeGreaterThan(60);
    for (const operation of operations) {
      if (!OPEN.has(operation.template))
        expect(() => allowedRoles(operation.method, operation.template)).not.toThrow();
    }
  });

  it('answers each caller as expected and proves every refused write changed nothing', async () => {
    const failures: string[] = [];
    for (const operation of operations.filter(
      (candidate) => !OPEN.has(candidate.template) && !candidate.template.startsWith('/calendar/'),
    )) {
      const allowed = allowedRoles(operation.method, operation.template);
      for (const caller of CALLERS) {
        const token = tokens.get(caller);
        const headers: Record<string, string> = { 'content-type': 'application/json', 'if-match': '"1"' };
        if (token) headers.authorization = `Bearer ${token}`;
        recorder.reset();
        const response = await api.app.request(operation.path, {
          method: operation.method,
          headers,
          body: operation.method === 'GET' ? undefined : '{}',
        });
        const status = response.status;
        const expected =
          caller === 'none' || caller === 'expired' || caller === 'wrong-key'
            ? 401
            : caller === 'unknown-group' || !allowed.includes(caller)
              ? 403
              : 'allowed';
        const ok =
          expected === 'allowed' ? status !== 401 && status !== 403 && status < 500 : status === expected;
        if (!ok)
          failures.push(
            `${operation.method} ${operation.template} as ${caller}: ${status}, expected ${expected}`,
          );
        if (status === 401 || status === 403) {
          if (recorder.lasting().length)
            failures.push(`${operation.method} ${operation.template} as ${caller} wrote despite ${status}`);
          expect(response.headers.get('content-type')).toBe('application/problem+json');
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
