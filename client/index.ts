import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';
import type { components, paths } from './api.d.ts';

/**
 * The typed API client shared by `web/` and `scripts/`. Every path, parameter and body comes from
 * `api.d.ts`, which `npm run client` generates from the API's OpenAPI document: after an API
 * change, regenerating is the only step, and the compiler then names every caller that broke.
 */
export type { components, Middleware, paths };
export type Schemas = components['schemas'];
export type ApiClient = Client<paths>;

export function createApiClient(options: ClientOptions = {}): ApiClient {
  return createClient<paths>(options);
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = paths[P][M] extends infer O
  ? O extends { responses: unknown }
    ? O
    : never
  : never;

/** The JSON body of an operation's success response (200 or 201). */
export type JsonResponse<P extends keyof paths, M extends Method = 'get'> = Operation<
  P,
  M
>['responses'] extends infer R
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : R extends { 201: { content: { 'application/json': infer B } } }
      ? B
      : never
  : never;

/** The JSON request body of an operation. */
export type JsonRequest<P extends keyof paths, M extends Method> =
  Operation<P, M> extends {
    requestBody?: { content: { 'application/json': infer B } };
  }
    ? B
    : never;

/** The query parameters of an operation. */
export type QueryOf<P extends keyof paths, M extends Method = 'get'> =
  Operation<P, M> extends {
    parameters: { query?: infer Q };
  }
    ? NonNullable<Q>
    : never;
