import type { Deadline } from '../domain/deadline.ts';
import { defineEntity } from './entity.ts';

/**
 * A deadline lives in its subject's partition, so it is written in the subject's own
 * transaction. gsi1 lists all deadlines by due month; gsi2 lists an owner's deadlines by
 * date (one partition per owner, whatever the window); gsi3 carries only open ones (sparse),
 * all in one partition by due date: the reminder job, the calendar feed and "everything
 * overdue, however old" each read one key range of open deadlines, never the table. One
 * partition holds a city's open deadlines (thousands) easily; shard it by year if it ever grows hot.
 */
export const deadlineEntity = defineEntity<Deadline>()({
  tag: 'deadline',
  pk: [':partition'],
  sk: ['DEADLINE', ':id'],
  indexes: {
    byMonth: { index: 'gsi1', pk: ['DEADLINES', ':month'], sk: [':dueOn', ':id'] },
    byOwner: { index: 'gsi2', pk: ['OWNER', ':ownerEmail'], sk: [':dueOn', ':id'] },
    open: { index: 'gsi3', pk: ['OPEN', 'DEADLINES'], sk: [':dueOn', ':id'] },
  },
  derived: (deadline) => ({ month: deadline.dueOn.slice(0, 7), ownerEmail: deadline.owner.email }),
  sparse: { open: (deadline) => deadline.status === 'open' },
});

/** The key of a record's deadline, from the record's partition and the deadline's id. */
export const deadlineKey = (partition: string, id: string) => deadlineEntity.key({ partition, id });
