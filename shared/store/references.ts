import { AppError } from '../domain/errors.ts';
import { conceptKey } from './concept.keys.ts';
import { positionKey } from './position.keys.ts';
import type { Key, Table } from './table.ts';

/** A record another one names must exist; otherwise the request is invalid at `path`. */
async function requireRecord(table: Table, key: Key, what: string, id: string, path: string) {
  if (!(await table.get(key))) {
    throw new AppError('validation', `${what} ${id} does not exist`, {
      errors: [{ path, message: `no such ${what.toLowerCase()}` }],
    });
  }
}

export const requirePosition = (table: Table, id: string, path = 'positionId') =>
  requireRecord(table, positionKey(id), 'Position', id, path);

export const requireConcept = (table: Table, id: string, path = 'conceptId') =>
  requireRecord(table, conceptKey(id), 'Concept', id, path);
