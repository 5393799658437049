import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ApplicationRepository } from './application.repository.ts';
import { ConceptRepository } from './concept.repository.ts';
import { ConceptAggregate } from './concept-aggregate.ts';
import { CursorCodec } from './cursor.ts';
import { DeadlineRepository } from './deadline.repository.ts';
import { FeedTokenRepository } from './feed-token.repository.ts';
import { FundingLinks } from './funding-link.repository.ts';
import { FundingSummaryReader } from './funding-summary.reader.ts';
import { FundsCallRepository } from './funds-call.repository.ts';
import { MilestoneRepository } from './milestone.repository.ts';
import { PositionRepository } from './position.repository.ts';
import { PositionCostRepository } from './position-costs.repository.ts';
import { ProgramRepository } from './program.repository.ts';
import { ReminderRepository } from './reminder.repository.ts';
import { ReminderLog } from './reminder-log.ts';
import { ReportRepository } from './report.repository.ts';
import { ReportSchedules } from './report-schedule.ts';
import { Table } from './table.ts';
import { TaskRepository } from './task.repository.ts';

/** Every repository over one table, built once per process. */
export function createStore(doc: DynamoDBDocumentClient, tableName: string, cursorSecret: string) {
  const table = new Table(doc, tableName);
  const cursors = new CursorCodec(cursorSecret);
  const programs = new ProgramRepository(table, cursors);
  const fundingLinks = new FundingLinks(table);
  const applications = new ApplicationRepository(
    table,
    cursors,
    programs,
    fundingLinks,
    new ReportSchedules(table),
  );
  const positions = new PositionRepository(table, cursors, applications, fundingLinks);
  const conceptAggregates = new ConceptAggregate(table);
  const concepts = new ConceptRepository(table, cursors, conceptAggregates);
  const positionCosts = new PositionCostRepository(table);
  return {
    table,
    fundingLinks,
    programs,
    applications,
    fundsCalls: new FundsCallRepository(table, applications),
    reports: new ReportRepository(table, applications),
    deadlines: new DeadlineRepository(table, cursors),
    reminders: new ReminderRepository(table),
    reminderLog: new ReminderLog(table, cursors),
    feedTokens: new FeedTokenRepository(table, cursors),
    concepts,
    milestones: new MilestoneRepository(table, concepts, conceptAggregates),
    tasks: new TaskRepository(table, cursors),
    positions,
    positionCosts,
    fundingSummary: new FundingSummaryReader(table, positionCosts),
  };
}
export type Store = ReturnType<typeof createStore>;
