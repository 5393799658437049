import type { Reminder, ReminderKey } from '../domain/reminder-schedule.ts';
import { defineEntity } from './entity.ts';

/**
 * A reminder claim per (deadline, due date, offset, recipient); log: the delivery log, newest
 * claim first. Claims expire by TTL once no run could pick their stage any more.
 */
export const reminderEntity = defineEntity<Reminder>()({
  tag: 'reminder',
  pk: ['REMINDER', ':deadlineId', ':dueOn', ':offsetDays', ':recipient'],
  sk: ['REMINDER'],
  indexes: { log: { index: 'gsi1', pk: ['REMINDERS'], sk: [':claimedAt', ':claimPk'] } },
});

export const reminderKey = (key: ReminderKey) =>
  reminderEntity.key({
    deadlineId: key.deadlineId,
    dueOn: key.dueOn,
    offsetDays: String(key.offsetDays),
    recipient: key.recipient,
  });

export const reminderPk = (key: ReminderKey) => reminderKey(key).pk;
