import { afterAll, describe, expect, it } from 'vitest';
import { startReminderCron } from '../../scripts/local/reminder-cron.ts';

const cron = startReminderCron(
  async () => undefined,
  () => undefined,
);
afterAll(() => cron.stop());

const nextRuns = (from: string, count: number) =>
  cron.nextRuns(count, new Date(from)).map((date) => date.toISOString());

describe('the local reminder cron (06:00 Europe/Berlin)', () => {
  it('moves from 05:00 to 04:00 UTC when the clocks go forward on 29 March 2026', () => {
    expect(nextRuns('2026-03-27T12:00:00Z', 3)).toEqual([
      '2026-03-28T05:00:00.000Z',
      '2026-03-29T04:00:00.000Z',
      '2026-03-30T04:00:00.000Z',
    ]);
  });

  it('moves from 04:00 to 05:00 UTC when the clocks go back on 25 October 2026', () => {
    expect(nextRuns('2026-10-23T12:00:00Z', 3)).toEqual([
      '2026-10-24T04:00:00.000Z',
      '2026-10-25T05:00:00.000Z',
      '2026-10-26T05:00:00.000Z',
    ]);
  });
});
