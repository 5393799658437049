import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../shared/config/environment-keys.ts';
import type { ReminderRunSummary } from '../../shared/reminders/run-reminders.ts';
import { sampleDeadline, seedDeadlines } from '../support/deadlines.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { lambdaContext } from '../support/http-api-event.ts';
import { type LambdaBundles, synthLambdaBundles } from '../support/lambda-bundles.ts';
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

let bundles: LambdaBundles;
let handler: Handler;
let outboxDir: string;
const previousEnv = { ...process.env };

beforeAll(async () => {
  const [table, synthesized] = await Promise.all([createTestTable(), synthLambdaBundles()]);
  bundles = synthesized;
  outboxDir = await mkdtemp(join(tmpdir(), 'foerdertracker-bundle-outbox-'));
  await seedDeadlines(table.doc, table.tableName, [sampleDeadline(1), sampleDeadline(2)]);
  // What CDK sets in AWS, but the outbox instead of SES; set before the import, which reads it.
  Object.assign(process.env, {
    [ENV.tableName]: table.tableName,
    [ENV.dynamodbEndpoint]: table.endpoint,
    [ENV.logLevel]: 'ERROR',
    [ENV.publicBaseUrl]: 'https://fristen.erfurt.example',
    [ENV.mailTransport]: 'outbox',
    [ENV.outboxDir]: outboxDir,
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  handler = ((await import(pathToFileURL(bundles.reminders).href)) as { handler: Handler }).handler;
}, 120_000);

afterAll(async () => {
  process.env = previousEnv;
  await bundles?.cleanup();
  if (outboxDir) await rm(outboxDir, { recursive: true, force: true });
});

describe('the bundled reminder Lambda (what cdk deploy uploads)', () => {
  it('runs for the Berlin day of the scheduled time and sends one digest per owner', async () => {
    const summary = await handler(schedulerEvent(), context());

    expect(summary).toMatchObject({ date: '2026-06-01', recipients: 2, sent: 2, failed: 0 });
    const outbox = await readOutbox(outboxDir);
    expect(outbox.map((mail) => mail.to).sort()).toEqual([
      'person1@erfurt.example',
      'person2@erfurt.example',
    ]);
    expect(outbox[0]?.mail.text).toContain('https://fristen.erfurt.example/v1/applications/');
  });

  it('sends nothing when Scheduler retries the same invocation', async () => {
    const summary = await handler(schedulerEvent({ attemptNumber: '2' }), context());

    expect(summary).toMatchObject({ sent: 0, alreadyHandled: 2 });
    expect(await readOutbox(outboxDir)).toHaveLength(2);
  });

  it('fails on a malformed event, so that Lambda retries it and then parks it in the dead-letter queue', async () => {
    await expect(handler({ scheduledTime: 'gestern' }, context())).rejects.toThrow(/scheduledTime/);
  });
});
