import { describe, expect, it } from 'vitest';
import type { Deadline } from '../../web/src/api/types.ts';
import { groupDeadlines } from '../../web/src/pages/deadlines/group-deadlines.ts';
import { isOverdue } from '../../web/src/pages/tasks/overdue.ts';

const deadline = (dueOn: string, path = '/v1/tasks/T1'): Deadline => ({
  id: `${path}.${dueOn}`,
  kind: 'task_due',
  dueOn,
  subject: { type: 'task', id: 'T1', title: 'Aufgabe', path, page: '/aufgaben/T1' },
  owner: { name: 'Kim Koordination', email: 'kim.koordination@erfurt.example' },
  status: 'open',
  version: 1,
  nature: 'duty',
  reminderOffsets: [14, 7, 1, 0],
  interestAtRiskCents: 0,
});

describe('Meine Fristen', () => {
  it('groups overdue deadlines first, then this month from today, then the next month; later ones not', () => {
    const groups = groupDeadlines(
      [
        deadline('2026-11-30'),
        deadline('2026-12-15'),
        deadline('2026-12-31'),
        deadline('2027-01-31'),
        deadline('2027-02-01'),
      ],
      '2026-12-15',
    );
    expect(groups.map((group) => [group.title, group.deadlines.map((d) => d.dueOn)])).toEqual([
      ['Überfällig', ['2026-11-30']],
      ['Diesen Monat (Dezember 2026)', ['2026-12-15', '2026-12-31']],
      ['Nächsten Monat (Januar 2027)', ['2027-01-31']],
    ]);
  });

  it('calls a task overdue only while it is still to be worked on', () => {
    expect(isOverdue({ dueOn: '2026-12-01', status: 'in_progress' }, '2026-12-02')).toBe(true);
    expect(isOverdue({ dueOn: '2026-12-02', status: 'open' }, '2026-12-02')).toBe(false);
    expect(isOverdue({ dueOn: '2026-12-01', status: 'done' }, '2026-12-02')).toBe(false);
    expect(isOverdue({ dueOn: null, status: 'blocked' }, '2026-12-02')).toBe(false);
  });
});
