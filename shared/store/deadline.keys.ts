import type { Deadline } from '../domain/deadline.ts';
import { defineEntity } from './entity.ts';

/**
 * A deadline lives in its subject's partition, so it is written in the subject's own
 * transaction. gsi1 lists all deadlines by due month; gsi2 lists an owner's deadlines by
 * date (one partition per owner, whatever the window); gsi3 carries only open ones
 * (sparse), so the reminder job reads nothing but open deadlines of the months it needs.
 */
export const deadlineEntity = defineEntity<Deadline>()({
  tag: 'deadline',
  pk: [':partition'],
  sk: ['DEADLINE', ':id'],
  indexes: {
    byMonth: { index: 'gsi1', pk: ['DEADLINES', ':month'], sk: [':dueOn', ':id'] },
    byOwner: { index: 'gsi2', pk: ['OWNER', ':ownerEmail'], sk: [':dueOn', ':id'] },
    openByMonth: { index: 'gsi3', pk: ['DUE', ':month'], sk: [':dueOn', ':id'] },
  },
  derived: (deadline) => ({ month: deadline.dueOn.slice(0, 7), ownerEmail: deadline.owner.email }),
  sparse: { openByMonth: (deadline) => deadline.status === 'open' },
});

/** The key of a record's deadline, from the record's partition and the deadline's id. */
export const deadlineKey = (partition: string, id: string) => deadlineEntity.key({ partition, id });
