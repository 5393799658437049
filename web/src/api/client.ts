import { type ApiClient, createApiClient } from '../../../client/index.ts';
import type { Auth } from '../auth/auth.ts';
import { ApiProblem, SessionExpired } from './problem.ts';
import type { Problem } from './types.ts';

/**
 * The generated client with the ID token on every request. A 401 means the token ran out in
 * transit or was revoked: renew once and send again; if that fails, the session is over.
 */
export function createAuthorizedClient(auth: Auth): ApiClient {
  const authorizedFetch = async (request: Request): Promise<Response> => {
    const retry = request.clone();
    const token = await auth.idToken();
    if (!token) throw new SessionExpired();
    request.headers.set('authorization', `Bearer ${token}`);
    const response = await fetch(request);
    if (response.status !== 401) return response;
    const renewed = await auth.idToken({ forceRenew: true });
    if (!renewed) throw new SessionExpired();
    retry.headers.set('authorization', `Bearer ${renewed}`);
    return fetch(retry);
  };
  return createApiClient({ baseUrl: window.location.origin, fetch: authorizedFetch });
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The body of a successful answer; a refusal becomes an {@link ApiProblem}. */
export async function ok<T>(answer: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await answer;
  if (!response.ok || error !== undefined) throw new ApiProblem(response.status, error as Partial<Problem>);
  return data as T;
}

/** The items of a list the API answers in one piece (`{ items }`). */
export async function itemsOf<T>(answer: Promise<Answer<{ items: T[] }>>): Promise<T[]> {
  return (await ok(answer)).items;
}

interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

/** Every page of a list, 100 at a time (the API's largest page). */
export async function allPages<T>(page: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** A version as If-Match wants it. */
export const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
