import type { Context } from 'hono';
import { AppError } from '../../../shared/domain/errors.ts';
import type { AppEnv } from './app-env.ts';

export const etagOf = (version: number) => `"${version}"`;

/**
 * Reads the version a change is based on from `If-Match`. Missing → 428; a value that
 * names no version (including `*`, which would skip the check) → 412.
 */
export function expectedVersion(c: Context<AppEnv>): number {
  const header = c.req.header('if-match');
  if (header === undefined || header.trim() === '') {
    throw new AppError('precondition_required', 'Send If-Match with the ETag you read, e.g. If-Match: "3"');
  }
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw new AppError('precondition_failed', 'If-Match does not name a current version');
  return Number(match[1]);
}

/** The version an `If-Match` names, or undefined without one: for a replace that may also create. */
export function versionIfMatched(c: Context<AppEnv>): number | undefined {
  const header = c.req.header('if-match');
  return header === undefined || header.trim() === '' ? undefined : expectedVersion(c);
}
