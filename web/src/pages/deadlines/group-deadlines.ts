import type { Deadline } from '../../api/types.ts';
import { addMonths, formatMonth, monthOf } from '../../format/german.ts';

export interface DeadlineGroup {
  id: string;
  title: string;
  deadlines: Deadline[];
}

/**
 * Overdue first, then this month, then the next; later ones are not shown here. Only a duty is
 * overdue: an event whose day has passed has happened (the morning's run closes it) and is left out.
 */
export function groupDeadlines(deadlines: readonly Deadline[], today: string): DeadlineGroup[] {
  const thisMonth = monthOf(today);
  const nextMonth = monthOf(addMonths(thisMonth.start, 1));
  const within = (start: string, end: string) => (deadline: Deadline) =>
    deadline.dueOn >= start && deadline.dueOn <= end;
  return [
    {
      id: 'ueberfaellig',
      title: 'Überfällig',
      deadlines: deadlines.filter((deadline) => deadline.nature === 'duty' && deadline.dueOn < today),
    },
    {
      id: 'dieser-monat',
      title: `Diesen Monat (${formatMonth(thisMonth.start)})`,
      deadlines: deadlines.filter(within(today, thisMonth.end)),
    },
    {
      id: 'naechster-monat',
      title: `Nächsten Monat (${formatMonth(nextMonth.start)})`,
      deadlines: deadlines.filter(within(nextMonth.start, nextMonth.end)),
    },
  ];
}
