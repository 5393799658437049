import { calendarDateSchema } from '../../../shared/domain/calendar-date.ts';
import { REMINDER_STATUSES, reminderSchema } from '../../../shared/domain/reminder-schedule.ts';
import type { Logger } from '../../../shared/logger.ts';
import { type ReminderJobDependencies, runReminders } from '../../../shared/reminders/run-reminders.ts';
import * as z from '../../../shared/zod.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { allow } from '../platform/auth.ts';
import { json, pageOf, pageQuery, specs } from '../platform/openapi.ts';
import { createProblems } from '../platform/openapi-components.ts';
import { route } from '../platform/route-kit.ts';

const tags = ['Reminders'];

const runRequestSchema = z
  .strictObject({
    date: calendarDateSchema.optional().openapi({
      description: 'The day to run for (Europe/Berlin); default today',
      example: '2026-06-01',
    }),
  })
  .openapi('ReminderRunRequest');

const runSummarySchema = z
  .object({
    runId: z.string(),
    date: z.string(),
    deadlinesConsidered: z.number().int(),
    remindersDue: z.number().int(),
    alreadyHandled: z.number().int(),
    sent: z.number().int(),
    failed: z.number().int(),
    skipped: z.number().int(),
    recipients: z.number().int(),
    digests: z.array(
      z.object({
        recipient: z.string(),
        reminders: z.number().int(),
        status: z.enum(['sent', 'failed']),
        messageId: z.string().optional(),
        location: z.string().optional(),
        error: z.string().optional(),
      }),
    ),
    eventsPassed: z.number().int().openapi({
      description: 'Events whose day had come (e.g. the end of a funding period), closed by this run',
    }),
  })
  .openapi('ReminderRunSummary');

/** The job's dependencies from the API's: the same store, mail transport and settings. */
export function reminderJobOf(deps: ApiDependencies, logger: Logger = deps.logger): ReminderJobDependencies {
  return {
    reminders: deps.store.reminders,
    transport: deps.mailTransport,
    clock: deps.clock,
    newId: deps.newId,
    settings: deps.reminderSettings,
    mail: deps.mail,
    publicBaseUrl: deps.publicBaseUrl,
    baseRates: deps.baseRates,
    logger,
  };
}

const { read } = specs(tags);

export const reminderRoutes = [
  route(
    {
      method: 'get',
      ...read(
        '/',
        'Delivery log: every reminder claimed, sent, failed or skipped, newest first',
        { query: pageQuery.extend({ status: z.enum(REMINDER_STATUSES).optional() }) },
        json(pageOf(reminderSchema), 'Reminders'),
      ),
    },
    async (c) => {
      const { limit, cursor, status } = c.req.valid('query');
      return c.json(await c.var.deps.store.reminderLog.list({ status }, { limit, cursor }), 200);
    },
  ),
  route(
    {
      method: 'post',
      path: '/run',
      tags,
      summary: 'Run the reminder job now (admin); repeated runs send nothing twice',
      middleware: [allow('admin')],
      request: {
        body: { required: false, content: { 'application/json': { schema: runRequestSchema } } },
      },
      responses: { 200: json(runSummarySchema, 'What the run did'), ...createProblems },
    },
    async (c) => {
      const { date } = c.req.valid('json');
      return c.json(await runReminders(reminderJobOf(c.var.deps, c.var.log), { date }), 200);
    },
  ),
];
