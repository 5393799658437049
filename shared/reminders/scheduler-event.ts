import { berlinDate, type CalendarDate, calendarDateSchema } from '../domain/calendar-date.ts';
import * as z from '../zod.ts';

/**
 * What the reminder Lambda receives. EventBridge Scheduler sends the input the schedule
 * defines (infra/reminders.ts): its context attributes, so a retry an hour later still runs
 * for the day it was scheduled for. `date` lets an operator invoke it for a given day.
 */
export const schedulerEventSchema = z.object({
  scheduledTime: z.iso.datetime({ offset: true }).optional(),
  executionId: z.string().optional(),
  attemptNumber: z.union([z.string(), z.number()]).optional(),
  scheduleArn: z.string().optional(),
  date: calendarDateSchema.optional(),
});
export type SchedulerEvent = z.infer<typeof schedulerEventSchema>;

/** The calendar day a run is for: `date`, else the Berlin day of the scheduled time, else today. */
export function runDateOf(event: SchedulerEvent, now: Date): CalendarDate {
  if (event.date) return event.date;
  return berlinDate(event.scheduledTime ? new Date(event.scheduledTime) : now);
}
