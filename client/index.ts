import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './api.d.ts';

/**
 * A typed client of the Fördertracker API: paths, parameters, bodies and answers come from the
 * OpenAPI document (client/api.d.ts, made by `npm run client`). No framework; for scripts, tests
 * and the web app alike.
 */
export type { components, paths };

/** The named schemas of the document: `Schemas['Application']`, `Schemas['Problem']`. */
export type Schemas = components['schemas'];
/** What every refusal answers (RFC 9457, `application/problem+json`). */
export type Problem = Schemas['Problem'];

type JsonBodyOf<Operation> = Operation extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

/** The JSON body an operation takes: `RequestBody<'/v1/applications', 'post'>`. */
export type RequestBody<Path extends keyof paths, Method extends keyof paths[Path]> = JsonBodyOf<
  paths[Path][Method]
>;

/** The query parameters an operation takes: `Query<'/v1/deadlines', 'get'>`. */
export type Query<Path extends keyof paths, Method extends keyof paths[Path]> = paths[Path][Method] extends {
  parameters: { query?: infer Parameters };
}
  ? NonNullable<Parameters>
  : never;

export type ApiClient = Client<paths>;

export interface ApiClientOptions {
  /** Where the API is, e.g. `http://localhost:3000`; the document's paths are appended. */
  baseUrl: string;
  /** Sends a request; defaults to the global fetch. */
  fetch?: (request: Request) => Promise<Response>;
  /** The bearer token for each request, if the caller has one. */
  token?: () => string | Promise<string>;
}

/** `createApiClient({ baseUrl }).GET('/v1/programs/{id}', { params: { path: { id } } })`. */
export function createApiClient({ baseUrl, fetch, token }: ApiClientOptions): ApiClient {
  const client = createClient<paths>({ baseUrl, ...(fetch ? { fetch } : {}) });
  if (token) {
    client.use({
      async onRequest({ request }) {
        request.headers.set('authorization', `Bearer ${await token()}`);
        return request;
      },
    });
  }
  return client;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The JSON body of an operation's success (200 or 201): `JsonResponse<'/v1/deadlines'>`. */
export type JsonResponse<
  Path extends keyof paths,
  M extends Method & keyof paths[Path] = 'get' & keyof paths[Path],
> = paths[Path][M] extends { responses: infer R }
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : R extends { 201: { content: { 'application/json': infer B } } }
      ? B
      : never
  : never;

/** The JSON request body of an operation: `JsonRequest<'/v1/tasks', 'post'>` (the same as `RequestBody`). */
export type JsonRequest<Path extends keyof paths, M extends Method & keyof paths[Path]> = RequestBody<
  Path,
  M
>;
