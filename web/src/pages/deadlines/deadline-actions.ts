import type { Deadline } from '../../api/types.ts';
import type { SignedInPerson } from '../../auth/auth.ts';
import type { Role } from '../../roles.ts';

/** Who may change each kind of record besides an admin, as the API's deadline routes allow. */
const WRITERS: Record<Deadline['subject']['type'], readonly Role[]> = {
  application: ['finance'],
  position: ['finance'],
  task: ['coordinator'],
  concept: ['coordinator'],
};

/**
 * Whether the person may set a deadline's reminders and mark it done: an admin, or its owner in
 * a role that may change its record. The API decides; this only picks what the page offers.
 */
export function mayManage(deadline: Deadline, person: SignedInPerson): boolean {
  if (person.roles.includes('admin')) return true;
  const owns = person.email.toLowerCase() === deadline.owner.email.toLowerCase();
  return owns && person.roles.some((role) => WRITERS[deadline.subject.type].includes(role));
}

/** An open duty that is done through its deadline (a vacancy is done by filling the position). */
export const canBeDone = (deadline: Deadline) =>
  deadline.nature === 'duty' && deadline.status === 'open' && deadline.kind !== 'vacancy';

/** The kinds whose record keeps the day it was done, and how the date field is called. */
export const DONE_ON_LABEL: Partial<Record<Deadline['kind'], string>> = {
  interim_report: 'Eingereicht am',
  final_report: 'Eingereicht am',
  milestone_report_due: 'Eingereicht am',
  milestone_due: 'Erreicht am',
  spend_by: 'Verwendet am',
};

/**
 * Reminder days as people type them ("30, 7, 1", also "30 7 1" or "30; 7"): each whole number
 * as a number, anything else as typed, so the API refuses it with its own message next to the
 * field. Nothing typed is an empty list (the API asks for at least one day).
 */
export function parseOffsets(text: string): (number | string)[] {
  return text
    .split(/[\s,;]+/)
    .filter((part) => part !== '')
    .map((part) => (/^\d{1,6}$/.test(part) ? Number(part) : part));
}

/** [30, 7, 1, 0] → "30, 7 und 1 Tag vorher und am Tag selbst", as the page says it. */
export function describeOffsets(offsets: readonly number[]): string {
  const before = offsets.filter((offset) => offset > 0);
  const list = before.length > 1 ? `${before.slice(0, -1).join(', ')} und ${before.at(-1)}` : before.join('');
  const days = before.length ? `${list} ${before.at(-1) === 1 ? 'Tag' : 'Tage'} vorher` : '';
  if (!offsets.includes(0)) return days || 'keine';
  return days ? `${days} und am Tag selbst` : 'am Tag selbst';
}

/** The element a page address points at (`#frist-<id>`), or null; ids may hold dots. */
export function deadlineAnchor(hash: string): string | null {
  if (!hash.startsWith('#frist-')) return null;
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return null;
  }
}

/** The id of a deadline's element on its record's page, as its `subject.page` names it. */
export const deadlineElementId = (deadline: Pick<Deadline, 'id'>) => `frist-${deadline.id}`;

/**
 * What a deadline's status badge says. An event whose day has passed has happened, whether or
 * not the morning's reminder run has closed it yet; only a duty is ever overdue.
 */
export function statusOf(deadline: Deadline, today: string): { text: string; badge: string } {
  if (deadline.nature === 'event') {
    return deadline.status === 'done' || deadline.dueOn < today
      ? { text: 'Eingetreten', badge: 'kern-badge--info' }
      : { text: 'Steht bevor', badge: 'kern-badge--info' };
  }
  if (deadline.status === 'done') return { text: 'Erledigt', badge: 'kern-badge--success' };
  return deadline.dueOn < today
    ? { text: 'Überfällig', badge: 'kern-badge--danger' }
    : { text: 'Offen', badge: 'kern-badge--warning' };
}
