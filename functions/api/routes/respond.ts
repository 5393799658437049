import type { Context } from 'hono';
import type { AppEnv } from '../platform/app-env.ts';
import { etagOf } from '../platform/preconditions.ts';

/** Sets the headers every versioned record carries (ETag, and Location when created). */
export function versionHeaders(c: Context<AppEnv>, record: { version: number }, location?: string) {
  c.header('ETag', etagOf(record.version));
  if (location) c.header('Location', location);
}
