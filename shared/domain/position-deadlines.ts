import { addDays } from './calendar-date.ts';
import { type Deadline, type DeadlineKind, type DerivedDeadline, deadlineId } from './deadline.ts';
import type { Position } from './position.ts';
import { fundingEndOf, type LinkedFunding } from './position-funding.ts';

const KINDS = ['contract_end', 'position_funding_end', 'vacancy'] as const satisfies DeadlineKind[];

/** The ids a position's deadlines have, known from its id alone (read with it). */
export const positionDeadlineIds = (positionId: string) => KINDS.map((kind) => deadlineId(positionId, kind));

const deadlineOf = (position: Position, kind: DeadlineKind, dueOn: string, open = true): DerivedDeadline => ({
  id: deadlineId(position.id, kind),
  kind,
  dueOn,
  subject: { type: 'position', id: position.id, title: position.title },
  owner: position.owner,
  status: open ? 'open' : 'done',
});

/** The funding end as the links say now; none while no confirmed funding has a period. */
export function fundingEndDeadline(position: Position, links: LinkedFunding[]): DerivedDeadline[] {
  const dueOn = fundingEndOf(links);
  return dueOn ? [deadlineOf(position, 'position_funding_end', dueOn)] : [];
}

/**
 * While the position is vacant, the day the vacancy becomes a problem (`vacancyWarningDays`
 * after it began); an open vacancy keeps its date, a past one stays done as it was.
 */
export function vacancyDeadlines(
  position: Position,
  facts: { stored: readonly Deadline[]; vacancyWarningDays: number },
): DerivedDeadline[] {
  const vacancy = facts.stored.find((deadline) => deadline.kind === 'vacancy');
  if (position.staffing === 'vacant' && position.staffingSince) {
    const dueOn =
      vacancy?.status === 'open' ? vacancy.dueOn : addDays(position.staffingSince, facts.vacancyWarningDays);
    return [deadlineOf(position, 'vacancy', dueOn)];
  }
  if (!vacancy) return [];
  return [vacancy.status === 'open' ? deadlineOf(position, 'vacancy', vacancy.dueOn, false) : vacancy];
}

/**
 * A position's deadlines: its funding end, its contract end and its vacancy. All follow the
 * position's owner and title, so reminders go to whoever owns the position today.
 */
export function positionDeadlines(
  position: Position,
  links: LinkedFunding[],
  facts: { stored: readonly Deadline[]; vacancyWarningDays: number },
): DerivedDeadline[] {
  return [
    ...fundingEndDeadline(position, links),
    ...(position.end ? [deadlineOf(position, 'contract_end', position.end)] : []),
    ...vacancyDeadlines(position, facts),
  ];
}
