/**
 * When the reminder job runs: every day at 06:00 Europe/Berlin, summer or winter time.
 * EventBridge Scheduler (CDK) and the local cron both read it from here.
 */
export const DAILY_REMINDER_TIME = { hour: 6, minute: 0, timeZone: 'Europe/Berlin' } as const;

/** The same time as a five-field cron pattern, read in `DAILY_REMINDER_TIME.timeZone`. */
export const DAILY_REMINDER_CRON = `${DAILY_REMINDER_TIME.minute} ${DAILY_REMINDER_TIME.hour} * * *`;
