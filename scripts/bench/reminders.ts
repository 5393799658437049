import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadReminderJobConfig } from '../../shared/config/config.ts';
import { addDays } from '../../shared/domain/calendar-date.ts';
import { DEADLINE_KINDS, type Deadline } from '../../shared/domain/deadline.ts';
import { createLogger } from '../../shared/logger.ts';
import { OutboxTransport } from '../../shared/mail/outbox-transport.ts';
import { type ReminderRunSummary, runReminders } from '../../shared/reminders/run-reminders.ts';
import { ensureTable } from '../../shared/store/ensure-table.ts';
import { ReminderRepository } from '../../shared/store/reminder.repository.ts';
import { Table } from '../../shared/store/table.ts';
import { sampleDeadline, seedDeadlines } from '../../test/support/deadlines.ts';
import type { Section } from './section.ts';
import { ms } from './stats.ts';
import type { Row } from './table.ts';
import { withDynamoDbLocal } from './with-dynamodb-local.ts';

const RUN_DATE = '2026-06-01';
const DEADLINES_PER_APPLICATION = 10;
const OWNERS = 100;
const KINDS = DEADLINE_KINDS.filter((kind) => kind !== 'submission');

/**
 * Deadline `index` of the bench: 10 per application, due spread evenly over the year before
 * and the year after the run date (so about half are overdue and reminded weekly), owned by
 * one of 100 people. `open: false` makes it closed (done), which takes it out of the index.
 */
function benchDeadline(index: number, open: boolean): Deadline {
  const application = Math.floor(index / DEADLINES_PER_APPLICATION);
  const kind = KINDS[index % KINDS.length]!;
  return sampleDeadline(application, {
    id: `APP${String(application).padStart(6, '0')}.${kind}.${index}`,
    kind,
    dueOn: addDays(RUN_DATE, ((index * 7919) % 730) - 365),
    owner: { name: `Person ${application % OWNERS}`, email: `person${application % OWNERS}@erfurt.example` },
    status: open ? 'open' : 'done',
  });
}

/** Counts the requests a client sends, by operation (middleware on the client both wrappers share). */
function countRequests(client: DynamoDBClient) {
  const counts = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      counts.set(context.commandName ?? '?', (counts.get(context.commandName ?? '?') ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'benchRequestCounter' },
  );
  return {
    reset: () => counts.clear(),
    total: () => [...counts.values()].reduce((sum, count) => sum + count, 0),
    describe: () =>
      [...counts]
        .sort((a, b) => b[1] - a[1])
        .map(([name, count]) => `${name.replace(/Command$/, '')} ${count}`)
        .join(', '),
  };
}

interface Measured {
  summary: ReminderRunSummary;
  millis: number;
  requests: number;
  breakdown: string;
}

export const reminderRun: Section = {
  title: 'Reminder run',
  async run({ workDir, log }) {
    return withDynamoDbLocal(log, async ({ client, doc }) => {
      const counter = countRequests(client);
      const settings = loadReminderJobConfig({ TABLE_NAME: 'bench' });
      const logger = createLogger('ERROR', 'bench-reminders');

      async function table(name: string, open: number, closed: number): Promise<string> {
        await ensureTable(client, name);
        log(
          `${name}: writing ${open.toLocaleString('en')} open and ${closed.toLocaleString('en')} closed deadlines`,
        );
        const deadlines = Array.from({ length: open + closed }, (_, index) =>
          benchDeadline(index, index < open),
        );
        await seedDeadlines(doc, name, deadlines);
        return name;
      }

      async function run(tableName: string, label: string): Promise<Measured> {
        const job = {
          reminders: new ReminderRepository(new Table(doc, tableName)),
          transport: new OutboxTransport(join(workDir, `outbox-${tableName}`)),
          clock: () => new Date(),
          newId: () => `${label}-${Date.now()}`,
          settings: settings.reminders,
          mail: settings.mail,
          publicBaseUrl: 'https://fristen.erfurt.example',
          logger,
        };
        counter.reset();
        const started = performance.now();
        const summary = await runReminders(job, { date: RUN_DATE });
        const millis = performance.now() - started;
        log(`${label}: ${summary.sent} sent in ${ms(millis)}, ${counter.total()} requests`);
        return { summary, millis, requests: counter.total(), breakdown: counter.describe() };
      }

      const big = await table('bench-10000-open', 10_000, 0);
      const small = await table('bench-1000-open', 1_000, 9_000);
      const bigRun = await run(big, '10,000 open');
      const bigRepeat = await run(big, '10,000 open, repeated');
      const smallRun = await run(small, '1,000 open');

      const row = (figure: string, measured: Measured): Row => ({
        figure,
        value: `${ms(measured.millis)}, ${measured.requests} requests`,
        note:
          `${measured.summary.deadlinesConsidered} open read, ${measured.summary.remindersDue} due, ` +
          `${measured.summary.sent} sent in ${measured.summary.recipients} digests; ${measured.breakdown}`,
      });
      const dueRatio = bigRun.summary.remindersDue / smallRun.summary.remindersDue;
      const requestRatio = bigRun.requests / smallRun.requests;
      return [
        row('Reminder run: 10,000 open deadlines, 1,000 applications', bigRun),
        row('Reminder run: same table again (all sent already)', bigRepeat),
        row('Reminder run: 1,000 open + 9,000 closed deadlines', smallRun),
        {
          figure: 'Reminder requests grow with',
          value: requestRatio > dueRatio / 2 && requestRatio < dueRatio * 2 ? 'due deadlines' : 'CHECK',
          note:
            `same table size (10,000 deadlines each): ${dueRatio.toFixed(1)}× the due reminders took ` +
            `${requestRatio.toFixed(1)}× the requests; ` +
            `${(bigRun.requests / bigRun.summary.remindersDue).toFixed(2)} requests per due reminder`,
        },
      ];
    });
  },
};
