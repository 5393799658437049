import { beforeAll, describe, expect, it } from 'vitest';
import type { ReminderKey } from '../../shared/domain/reminder-schedule.ts';
import { reminderKey } from '../../shared/store/reminder.keys.ts';
import type { ClaimInput } from '../../shared/store/reminder.repository.ts';
import { sampleDeadline } from '../support/deadlines.ts';
import { createTestApi, type TestApi } from '../support/test-api.ts';
import { recordWrites } from '../support/write-recorder.ts';

/** Recording that a digest went out: its claims marked sent in one request, never another run's. */
let api: TestApi;
let writes: ReturnType<typeof recordWrites>;
const NOW = new Date('2026-06-01T04:00:00Z');
const LATER = new Date('2026-06-01T04:30:00Z');

const claimOf = (index: number, runId: string, now = NOW): ClaimInput => {
  const deadline = sampleDeadline(index);
  return {
    deadlineId: deadline.id,
    dueOn: deadline.dueOn,
    offsetDays: 7,
    recipient: 'anna.finanz@erfurt.example',
    deadline,
    subjectPath: `/v1/applications/${deadline.subject.id}`,
    runId,
    now,
    previousAttempts: 0,
    keepUntil: new Date('2027-01-01T00:00:00Z'),
  };
};

async function claimAll(indexes: number[], runId: string): Promise<ReminderKey[]> {
  const claims = indexes.map((index) => claimOf(index, runId));
  for (const claim of claims) expect(await api.deps.store.reminders.claim(claim)).toBe(true);
  return claims;
}

const statusOf = async (key: ReminderKey) => {
  const item = await api.deps.store.table.get(reminderKey(key));
  return { status: item?.status, runId: item?.runId };
};

beforeAll(async () => {
  api = await createTestApi();
  writes = recordWrites(api.deps.store.table.doc);
});

describe('marking a digest’s reminders sent', () => {
  it('takes one transaction for the digest, not one request per reminder', async () => {
    const keys = await claimAll([1, 2, 3, 4, 5], 'run-a');
    writes.reset();

    const unmarked = await api.deps.store.reminders.markSent(
      keys,
      'run-a',
      NOW,
      '<m1@foerdertracker.example>',
    );

    expect(unmarked).toEqual([]);
    expect(writes.lasting().map((write) => write.command)).toEqual(['TransactWriteItemsCommand']);
    for (const key of keys) expect(await statusOf(key)).toEqual({ status: 'sent', runId: 'run-a' });
  });

  it('marks the others and leaves alone a claim another run took over after the lease', async () => {
    const keys = await claimAll([11, 12, 13], 'run-b');
    // Run C finds the second claim abandoned (its lease has run out) and takes it over.
    expect(await api.deps.store.reminders.claim(claimOf(12, 'run-c', LATER))).toBe(true);

    const unmarked = await api.deps.store.reminders.markSent(
      keys,
      'run-b',
      NOW,
      '<m2@foerdertracker.example>',
    );

    expect(unmarked.map(({ key }) => key.deadlineId)).toEqual([keys[1]?.deadlineId]);
    expect(await statusOf(keys[0]!)).toEqual({ status: 'sent', runId: 'run-b' });
    expect(await statusOf(keys[1]!)).toEqual({ status: 'claimed', runId: 'run-c' });
    expect(await statusOf(keys[2]!)).toEqual({ status: 'sent', runId: 'run-b' });
  });
});
