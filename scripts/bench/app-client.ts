import type { App } from '../../functions/api/app.ts';
import { signLocalToken } from '../../shared/auth/local-jwt.ts';
import type { Role } from '../../shared/domain/roles.ts';

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the bench reads bodies loosely, as the tests do
  json: any;
  text: string;
}

export interface CallOptions {
  token?: string | undefined;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Sends one request: method, path, options; answers loosely. */
export type Caller = (method: string, path: string, options?: CallOptions) => Promise<Answer>;

/** A request as `Request` init: the bearer token and a JSON body. */
function requestInit(method: string, options: CallOptions): RequestInit {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  return { method, headers, body };
}

async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

/** In-process requests through `app.request` (no socket), bodies as JSON. */
export function appClient(app: App): Caller {
  return async (method, path, options = {}) =>
    answerOf(await app.request(path, requestInit(method, options)));
}

/** The same requests over HTTP, to a running service. */
export function httpClient(baseUrl: string): Caller {
  return async (method, path, options = {}) =>
    answerOf(await fetch(`${baseUrl}${path}`, requestInit(method, options)));
}

/** Local HS256 tokens for the roles the bench acts as (the local JWT authenticator accepts them). */
export async function localTokens(secret: string) {
  const sign = (role: Role, email: string) => signLocalToken(secret, { roles: [role], email });
  return {
    admin: await sign('admin', 'admin@erfurt.example'),
    finance: await sign('finance', 'anna.finanz@erfurt.example'),
    coordinator: await sign('coordinator', 'kim.koordination@erfurt.example'),
    viewer: await sign('viewer', 'viewer@erfurt.example'),
  };
}
export type LocalTokens = Awaited<ReturnType<typeof localTokens>>;

/** Throws unless the answer has the expected status; the message carries the body. */
export function expectStatus(answer: Answer, expected: number, what: string): Answer {
  if (answer.status !== expected) {
    throw new Error(`${what}: expected ${expected}, got ${answer.status}: ${answer.text.slice(0, 500)}`);
  }
  return answer;
}
