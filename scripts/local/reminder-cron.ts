import { Cron } from 'croner';
import { DAILY_REMINDER_CRON, DAILY_REMINDER_TIME } from '../../shared/reminders/daily-schedule.ts';

export interface ReminderCron {
  /** When the job runs next, after `from` (default now): 06:00 in Berlin, whatever the season. */
  nextRuns(count: number, from?: Date): Date[];
  /** No further runs; waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/**
 * The local stand-in for EventBridge Scheduler: the same job, in-process, daily at the same
 * Berlin time (croner computes the times in the zone, so DST changes move nothing). A run
 * still going at the next tick is not started twice (`protect`); errors go to `onError`.
 */
export function startReminderCron(
  run: () => Promise<unknown>,
  onError: (error: unknown) => void,
): ReminderCron {
  let running: Promise<void> | undefined;
  const job = new Cron(
    DAILY_REMINDER_CRON,
    { timezone: DAILY_REMINDER_TIME.timeZone, protect: true, name: 'foerdertracker-reminders' },
    async () => {
      running = run().then(
        () => undefined,
        (error: unknown) => onError(error),
      );
      await running;
      running = undefined;
    },
  );
  return {
    nextRuns: (count, from) => job.nextRuns(count, from),
    stop: async () => {
      job.stop();
      await running;
    },
  };
}
