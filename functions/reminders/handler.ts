import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { loadReminderJobConfig } from '../../shared/config/config.ts';
import { type ReminderRunSummary, runReminders } from '../../shared/reminders/run-reminders.ts';
import { runDateOf, schedulerEventSchema } from '../../shared/reminders/scheduler-event.ts';
import { buildReminderJob } from './build-dependencies.ts';

// Built once per cold start.
const job = buildReminderJob(loadReminderJobConfig(process.env));

/**
 * One run per Scheduler invocation. A malformed event or a store failure throws: Lambda
 * retries the asynchronous invocation, then hands it to the dead-letter queue (alarmed).
 * A failed send does not throw: it is in the delivery log and retried by the next run.
 */
export async function handle(event: unknown): Promise<ReminderRunSummary> {
  const parsed = schedulerEventSchema.parse(event ?? {});
  return runReminders(job, { date: runDateOf(parsed, job.clock()) });
}

export const handler = middy(handle).use(injectLambdaContext(job.logger));
