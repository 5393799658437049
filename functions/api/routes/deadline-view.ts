import { type Deadline, deadlineSchema, deadlineSubjectSchema } from '../../../shared/domain/deadline.ts';
import { interestAtRisk } from '../../../shared/domain/interest.ts';
import { natureOf, offsetsFor } from '../../../shared/domain/reminder-schedule.ts';
import { deadlinePagePath, deadlinePath } from '../../../shared/links.ts';
import { versionOf } from '../../../shared/store/deadline-sync.ts';
import * as z from '../../../shared/zod.ts';
import { type ApiDependencies, today } from '../dependencies.ts';

/**
 * A deadline as clients see it: where its record is (on the API and in the web app, built here
 * at the edge), whether it is a duty or an event, the reminders it gets, and, once overdue, the
 * interest its money puts at risk as of today.
 */
export const deadlineViewSchema = deadlineSchema
  .extend({
    subject: deadlineSubjectSchema.extend({
      path: z.string().openapi({ description: 'The record on the API' }),
      page: z.string().openapi({ description: "The record's page in the web app, at this deadline" }),
    }),
    version: z.number().int().min(1).openapi({ description: 'For If-Match when setting its reminders' }),
    nature: z.enum(['duty', 'event']).openapi({
      description:
        'A duty is done by someone and is overdue after its day; an event (e.g. the end of a funding period) passes on its day',
    }),
    reminderOffsets: z.array(z.number().int()).openapi({
      description: 'Days before its day it is reminded of: its own offsets, else the configured ones',
    }),
    interestAtRiskCents: z.number().int().openapi({
      description: 'Interest (§ 49a (4) VwVfG) on money not spent by its date, as of today; 0 otherwise',
    }),
  })
  .openapi('Deadline');

export const deadlineView = (deps: ApiDependencies, deadline: Deadline) => ({
  ...deadline,
  subject: { ...deadline.subject, path: deadlinePath(deadline), page: deadlinePagePath(deadline) },
  version: versionOf(deadline),
  nature: natureOf(deadline.kind, deps.reminderSettings.policy),
  reminderOffsets: offsetsFor(deadline, deps.reminderSettings.policy),
  interestAtRiskCents: interestAtRisk(deadline, today(deps), deps.baseRates),
});
