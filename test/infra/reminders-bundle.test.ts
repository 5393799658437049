import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../shared/config/environment-keys.ts';
import type { ReminderRunSummary } from '../../shared/reminders/run-reminders.ts';
import { type BundledHandler, importBundledHandler } from '../support/bundled-handler.ts';
import { sampleDeadline, seedDeadlines } from '../support/deadlines.ts';
import { lambdaContext } from '../support/http-api-event.ts';
import { readOutbox } from '../support/outbox.ts';

type Handler = (event: unknown, context: Context) => Promise<ReminderRunSummary>;

/** What EventBridge Scheduler sends with the input infra/reminders.ts defines (06:00 Berlin, summer time). */
const schedulerEvent = (overrides: Record<string, unknown> = {}) => ({
  scheduledTime: '2026-06-01T04:00:00Z',
  executionId: 'a1b2c3d4-0000-4000-8000-000000000001',
  attemptNumber: '1',
  scheduleArn: 'arn:aws:scheduler:eu-central-1:123456789012:schedule/default/FoerdertrackerApiRemindersDaily',
  ...overrides,
});
const context = () =>
  lambdaContext({
    functionName: 'FoerdertrackerApi-RemindersFunction',
    invokedFunctionArn:
      'arn:aws:lambda:eu-central-1:123456789012:function:FoerdertrackerApi-RemindersFunction',
  });

let bundled: BundledHandler<Handler>;
let outboxDir: string;

beforeAll(async () => {
  bundled = await importBundledHandler<Handler>('reminders', async (table) => {
    outboxDir = await mkdtemp(join(tmpdir(), 'foerdertracker-bundle-outbox-'));
    await seedDeadlines(table.doc, table.tableName, [sampleDeadline(1), sampleDeadline(2)]);
    // The outbox instead of SES.
    return {
      [ENV.publicBaseUrl]: 'https://fristen.erfurt.example',
      [ENV.mailTransport]: 'outbox',
      [ENV.outboxDir]: outboxDir,
    };
  });
}, 120_000);

afterAll(async () => {
  await bundled?.remove();
  if (outboxDir) await rm(outboxDir, { recursive: true, force: true });
});

describe('the bundled reminder Lambda (what cdk deploy uploads)', () => {
  it('runs for the Berlin day of the scheduled time and sends one digest per owner', async () => {
    const summary = await bundled.handler(schedulerEvent(), context());

    expect(summary).toMatchObject({ date: '2026-06-01', recipients: 2, sent: 2, failed: 0 });
    const outbox = await readOutbox(outboxDir);
    expect(outbox.map((mail) => mail.to).sort()).toEqual([
      'person1@erfurt.example',
      'person2@erfurt.example',
    ]);
    // Links open the record's page in the web app, on its public address.
    const first = outbox.find((mail) => mail.to === 'person1@erfurt.example');
    expect(first?.mail.text).toContain(
      'https://fristen.erfurt.example/antraege/APP000001#frist-APP000001.final_report',
    );
    expect(first?.mail.text).not.toContain('/v1/');
  });

  it('sends nothing when Scheduler retries the same invocation', async () => {
    const summary = await bundled.handler(schedulerEvent({ attemptNumber: '2' }), context());

    expect(summary).toMatchObject({ sent: 0, alreadyHandled: 2 });
    expect(await readOutbox(outboxDir)).toHaveLength(2);
  });

  it('fails on a malformed event, so that Lambda retries it and then parks it in the dead-letter queue', async () => {
    await expect(bundled.handler({ scheduledTime: 'gestern' }, context())).rejects.toThrow(/scheduledTime/);
  });
});
