import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, inject } from 'vitest';
import { type ApiClient, createApiClient } from '../../client/index.ts';
import { createApp } from '../../functions/api/app.ts';
import { buildDependencies } from '../../functions/api/build-dependencies.ts';
import type { ApiDependencies } from '../../functions/api/dependencies.ts';
import { localJwtAuthenticator } from '../../functions/api/platform/local-jwt-authenticator.ts';
import { signLocalToken } from '../../shared/auth/local-jwt.ts';
import { loadConfig } from '../../shared/config/config.ts';
import type { Role } from '../../shared/domain/roles.ts';
import { createTestTable } from './dynamodb.ts';

export const TEST_JWT_SECRET = 'test-jwt-secret-that-is-long-enough-0123456789';

/** Where the in-process app pretends to be; `app.request` resolves paths against it too. */
const BASE_URL = 'http://localhost';

export interface CallOptions {
  token?: string | undefined;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * The real app on a fresh table in DynamoDB Local, with local tokens. `overrides` swaps
 * single dependencies (e.g. a fixed clock) without mocking modules; `env` sets configuration
 * as the environment would (e.g. `REMINDER_EVENT_KINDS`), read by the real `loadConfig`.
 */
export async function createTestApi(
  overrides: Partial<ApiDependencies> = {},
  env: Record<string, string> = {},
) {
  const database = await createTestTable();
  // Reminder mail goes to an outbox folder of its own (made on the first mail); tests read the .eml files back.
  const outboxDir = join(tmpdir(), `foerdertracker-outbox-${randomUUID()}`);
  const config = loadConfig({
    TABLE_NAME: database.tableName,
    DYNAMODB_ENDPOINT: database.endpoint,
    AUTH_MODE: 'local-jwt',
    JWT_SECRET: TEST_JWT_SECRET,
    CURSOR_SECRET: 'test-cursor-secret-0123456789',
    LOG_LEVEL: 'SILENT',
    DOCUMENTS_BUCKET: 'test-documents',
    S3_ENDPOINT: inject('s3Endpoint'),
    OUTBOX_DIR: outboxDir,
    ...env,
  });
  const deps = { ...buildDependencies(config, localJwtAuthenticator(TEST_JWT_SECRET)), ...overrides };
  const app = await createApp(deps);

  const tokens = new Map<string, string>();
  async function tokenFor(role: Role | Role[], email = `${[role].flat()[0]}@erfurt.example`) {
    const cacheKey = `${[role].flat().join(',')}|${email}`;
    let token = tokens.get(cacheKey);
    if (!token) {
      token = await signLocalToken(TEST_JWT_SECRET, { roles: [role].flat(), email });
      tokens.set(cacheKey, token);
    }
    return token;
  }

  const inProcess = async (request: Request) => app.request(request);

  /**
   * The typed client, for every request the OpenAPI document describes: paths, parameters, bodies
   * and answers are typed from it (client/api.d.ts), and each request goes to the app in this
   * process with a bearer token for the role and e-mail.
   * `const { data, error, response } = await api.client('finance').GET('/v1/programs/{id}', { params: { path: { id } } })`
   */
  function client(role: Role | Role[], email?: string): ApiClient {
    return createApiClient({ baseUrl: BASE_URL, fetch: inProcess, token: () => tokenFor(role, email) });
  }

  /** The typed client without a bearer token: the open routes, and refusals of a missing token. */
  function anonymous(): ApiClient {
    return createApiClient({ baseUrl: BASE_URL, fetch: inProcess });
  }

  /** The typed client with a bearer token of the test's own making (a forged or expired one). */
  function withToken(token: string): ApiClient {
    return createApiClient({ baseUrl: BASE_URL, fetch: inProcess, token: () => token });
  }

  /**
   * The raw escape hatch: any method, path, body and headers, answered loosely (`json: any`).
   * It exists for the requests a test sends wrong on purpose, which the typed client refuses to
   * express: malformed JSON, unknown or server-owned fields, values of the wrong type, another
   * content type, paths outside the document, and for answers the document does not describe.
   * Everything else goes through `client`.
   */
  async function call(method: string, path: string, options: CallOptions = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await app.request(path, { method, headers, body });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    // biome-ignore lint/suspicious/noExplicitAny: the raw client reads bodies loosely, see `call`
    return { status: response.status, headers: response.headers, json: json as any, text, bytes };
  }

  /** The raw client as a role: `raw('admin').post('/v1/programs', '{"name": ')`. See `call` for when. */
  function raw(role: Role | Role[], email?: string) {
    const send = async (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
      call(method, path, { token: await tokenFor(role, email), body, headers });
    return {
      get: (path: string, headers?: Record<string, string>) => send('GET', path, undefined, headers),
      post: (path: string, body?: unknown, headers?: Record<string, string>) =>
        send('POST', path, body, headers),
      patch: (path: string, body: unknown, headers?: Record<string, string>) =>
        send('PATCH', path, body, headers),
      delete: (path: string, headers?: Record<string, string>) => send('DELETE', path, undefined, headers),
      call: (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
        send(method, path, body, headers),
    };
  }

  return {
    app,
    deps,
    database,
    client,
    anonymous,
    withToken,
    raw,
    call,
    /** `raw` under its first name, kept for the security and fuzz tests, which send whatever they make up. */
    as: raw,
    tokenFor,
    outboxDir,
  };
}
export type TestApi = Awaited<ReturnType<typeof createTestApi>>;

/**
 * Asserts that a typed call answered `status` (the message shows its problem if not) and returns
 * what it answered: `const created = expectAnswer(await anna.POST('/v1/programs', { body }), 201)`.
 */
export function expectAnswer<Data>(
  answer: { data?: Data; error?: unknown; response: Response },
  status: number,
): Data {
  expect(answer.response.status, JSON.stringify(answer.error)).toBe(status);
  return answer.data as Data;
}

/** What a typed call answered when it must have succeeded (a read a test builds on); throws with its problem otherwise. */
export function dataOf<Data>(answer: { data?: Data; error?: unknown; response: Response }): Data {
  if (!answer.response.ok) {
    throw new Error(`${answer.response.status} where a success was needed: ${JSON.stringify(answer.error)}`);
  }
  return answer.data as Data;
}

/**
 * No If-Match where the document requires one: a request the typed client would not send, which
 * the API answers with 428. Tests of that answer pass this (an empty header set, typed as the
 * document's) instead of falling back to the untyped client.
 */
export const NO_IF_MATCH = {} as { 'if-match': string };
