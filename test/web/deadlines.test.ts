import { describe, expect, it } from 'vitest';
import type { Deadline } from '../../web/src/api/types.ts';
import type { SignedInPerson } from '../../web/src/auth/auth.ts';
import {
  canBeDone,
  deadlineAnchor,
  deadlineElementId,
  describeOffsets,
  mayManage,
  parseOffsets,
  statusOf,
} from '../../web/src/pages/deadlines/deadline-actions.ts';
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

  it('never lists an event whose day has passed as overdue', () => {
    const ended = { ...deadline('2026-11-30'), nature: 'event', kind: 'contract_end' } as const;
    const groups = groupDeadlines(
      [ended, deadline('2026-11-29'), { ...ended, dueOn: '2026-12-20' }],
      '2026-12-15',
    );
    expect(groups.map((group) => group.deadlines.map((d) => `${d.dueOn} ${d.kind}`))).toEqual([
      ['2026-11-29 task_due'],
      ['2026-12-20 contract_end'],
      [],
    ]);
  });

  it('calls a task overdue only while it is still to be worked on', () => {
    expect(isOverdue({ dueOn: '2026-12-01', status: 'in_progress' }, '2026-12-02')).toBe(true);
    expect(isOverdue({ dueOn: '2026-12-02', status: 'open' }, '2026-12-02')).toBe(false);
    expect(isOverdue({ dueOn: '2026-12-01', status: 'done' }, '2026-12-02')).toBe(false);
    expect(isOverdue({ dueOn: null, status: 'blocked' }, '2026-12-02')).toBe(false);
  });
});

describe("a record's deadlines", () => {
  const kim: SignedInPerson = {
    name: 'Kim',
    email: 'Kim.Koordination@erfurt.example',
    roles: ['coordinator'],
  };
  const anna: SignedInPerson = { name: 'Anna', email: 'anna.finanz@erfurt.example', roles: ['finance'] };
  const admin: SignedInPerson = { name: 'Admin', email: 'admin@erfurt.example', roles: ['admin'] };
  const lea: SignedInPerson = { name: 'Lea', email: 'leitung@erfurt.example', roles: ['viewer'] };

  it('offers the forms to its owner in a role that may change its record, and to admins', () => {
    const task = deadline('2026-12-01');
    expect(mayManage(task, kim)).toBe(true);
    expect(mayManage(task, admin)).toBe(true);
    expect(mayManage(task, lea)).toBe(false);
    // Anna owning a task deadline still may not change a task: finance writes applications and positions.
    expect(mayManage({ ...task, owner: { name: 'Anna', email: anna.email } }, anna)).toBe(false);
    expect(mayManage({ ...task, owner: { name: 'Lea', email: lea.email } }, lea)).toBe(false);
  });

  it('offers "Erledigt" for an open duty only, never for an event or a vacancy', () => {
    expect(canBeDone(deadline('2026-12-01'))).toBe(true);
    expect(canBeDone({ ...deadline('2026-12-01'), status: 'done' })).toBe(false);
    expect(canBeDone({ ...deadline('2026-12-01'), nature: 'event', kind: 'contract_end' })).toBe(false);
    expect(canBeDone({ ...deadline('2026-12-01'), kind: 'vacancy' })).toBe(false);
  });

  it('says an event whose day has passed has happened, even before the morning run closed it; only a duty is overdue', () => {
    const event = { ...deadline('2026-11-30'), nature: 'event', kind: 'contract_end' } as const;
    expect(statusOf(event, '2026-12-01').text).toBe('Eingetreten');
    expect(statusOf(event, '2026-11-30').text).toBe('Steht bevor');
    expect(statusOf({ ...event, status: 'done' }, '2026-11-29').text).toBe('Eingetreten');
    expect(statusOf(deadline('2026-11-30'), '2026-12-01').text).toBe('Überfällig');
    expect(statusOf(deadline('2026-11-30'), '2026-11-30').text).toBe('Offen');
    expect(statusOf({ ...deadline('2026-11-30'), status: 'done' }, '2026-12-01').text).toBe('Erledigt');
  });

  it('reads reminder days as typed: whole numbers as numbers, anything else as text for the API to refuse', () => {
    expect(parseOffsets('30, 7, 1')).toEqual([30, 7, 1]);
    expect(parseOffsets(' 30 7;1 ')).toEqual([30, 7, 1]);
    expect(parseOffsets('abc')).toEqual(['abc']);
    expect(parseOffsets('30, 7,5')).toEqual([30, 7, 5]);
    expect(parseOffsets('1.5')).toEqual(['1.5']);
    expect(parseOffsets('-3')).toEqual(['-3']);
    expect(parseOffsets('')).toEqual([]);
  });

  it('says the reminder days in German', () => {
    expect(describeOffsets([30, 7])).toBe('30 und 7 Tage vorher');
    expect(describeOffsets([14, 7, 1, 0])).toBe('14, 7 und 1 Tag vorher und am Tag selbst');
    expect(describeOffsets([0])).toBe('am Tag selbst');
    expect(describeOffsets([1])).toBe('1 Tag vorher');
  });

  it('finds the deadline an address points at, dots and all', () => {
    const id = '01JC0Z6XKX2P4T3C8Y5W7QF9AB.final_report.final';
    expect(deadlineElementId({ id })).toBe(`frist-${id}`);
    expect(deadlineAnchor(`#frist-${id}`)).toBe(`frist-${id}`);
    expect(deadlineAnchor('#frist-01JC%2Espend_by')).toBe('frist-01JC.spend_by');
    expect(deadlineAnchor('#nachweise')).toBeNull();
    expect(deadlineAnchor('')).toBeNull();
    expect(deadlineAnchor('#frist-%E0%A4%A')).toBeNull();
  });
});
