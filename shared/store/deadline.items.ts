import type { Deadline } from '../domain/deadline.ts';
import type { Item, Write } from './table.ts';

export const DEADLINE_PREFIX = 'DEADLINE#';
const month = (date: string) => date.slice(0, 7);

/**
 * A deadline lives in its subject's partition, so it is written in the subject's own
 * transaction. gsi1 lists all deadlines by due month; gsi2 lists an owner's deadlines by
 * date (one partition per owner, whatever the window); gsi3 carries only open ones
 * (sparse), so the reminder job reads nothing but open deadlines of the months it needs.
 */
export function deadlineItem(subjectPk: string, deadline: Deadline): Item {
  const sortKey = `${deadline.dueOn}#${deadline.id}`;
  return {
    pk: subjectPk,
    sk: `${DEADLINE_PREFIX}${deadline.id}`,
    entity: 'deadline',
    gsi1pk: `DEADLINES#${month(deadline.dueOn)}`,
    gsi1sk: sortKey,
    gsi2pk: `OWNER#${deadline.owner.email}`,
    gsi2sk: sortKey,
    ...(deadline.status === 'open' ? { gsi3pk: `DUE#${month(deadline.dueOn)}`, gsi3sk: sortKey } : {}),
    ...deadline,
  };
}

export const putDeadline = (subjectPk: string, deadline: Deadline): Write => ({
  put: deadlineItem(subjectPk, deadline),
});

export const closeDeadline = (subjectPk: string, deadline: Deadline, now: Date): Write =>
  putDeadline(subjectPk, { ...deadline, status: 'done', closedAt: now.toISOString() });

export const removeDeadline = (subjectPk: string, deadlineId: string): Write => ({
  remove: { pk: subjectPk, sk: `${DEADLINE_PREFIX}${deadlineId}` },
});
