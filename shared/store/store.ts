import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CursorCodec } from './cursor.ts';
import { ProgramRepository } from './program.repository.ts';
import { Table } from './table.ts';

/** Every repository over one table, built once per process. */
export function createStore(doc: DynamoDBDocumentClient, tableName: string, cursorSecret: string) {
  const table = new Table(doc, tableName);
  const cursors = new CursorCodec(cursorSecret);
  return {
    table,
    programs: new ProgramRepository(table, cursors),
  };
}
export type Store = ReturnType<typeof createStore>;
