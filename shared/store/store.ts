import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ApplicationRepository } from './application.repository.ts';
import { ConceptRepository } from './concept.repository.ts';
import { CursorCodec } from './cursor.ts';
import { DeadlineRepository } from './deadline.repository.ts';
import { FeedTokenRepository } from './feed-token.repository.ts';
import { FundsCallRepository } from './funds-call.repository.ts';
import { PositionRepository } from './position.repository.ts';
import { ProgramRepository } from './program.repository.ts';
import { ReminderLog, ReminderRepository } from './reminder.repository.ts';
import { ReportRepository } from './report.repository.ts';
import { Table } from './table.ts';
import { TaskRepository } from './task.repository.ts';

/** Every repository over one table, built once per process. */
export function createStore(doc: DynamoDBDocumentClient, tableName: string, cursorSecret: string) {
  const table = new Table(doc, tableName);
  const cursors = new CursorCodec(cursorSecret);
  const programs = new ProgramRepository(table, cursors);
  // Each needs the other: an application change moves the funding end of the positions it funds.
  const applications: ApplicationRepository = new ApplicationRepository(
    table,
    cursors,
    programs,
    (application) => positions.fundingEndWrites(application),
  );
  const positions: PositionRepository = new PositionRepository(table, cursors, applications);
  const concepts = new ConceptRepository(table, cursors);
  return {
    table,
    programs,
    applications,
    fundsCalls: new FundsCallRepository(table, applications, programs),
    reports: new ReportRepository(table, applications),
    deadlines: new DeadlineRepository(table, cursors),
    reminders: new ReminderRepository(table),
    reminderLog: new ReminderLog(table, cursors),
    feedTokens: new FeedTokenRepository(table, cursors),
    concepts,
    tasks: new TaskRepository(table, cursors, concepts),
    positions,
  };
}
export type Store = ReturnType<typeof createStore>;
