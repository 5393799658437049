import { describe, expect, it } from 'vitest';
import { loadConfig, loadReminderJobConfig } from '../../shared/config/config.ts';
import { berlinDate } from '../../shared/domain/calendar-date.ts';
import { DEFAULT_EVENT_KINDS, deadlineId, subjectOfDeadlineId } from '../../shared/domain/deadline.ts';
import {
  DEFAULT_OFFSETS,
  dueStage,
  eventsPassed,
  isOverdue,
  MAX_OFFSET_DAYS,
  natureOf,
  offsetsFor,
  type ReminderPolicy,
  reminderOffsetsSchema,
  reminderWindow,
  stageFor,
} from '../../shared/domain/reminder-schedule.ts';
import { runDateOf } from '../../shared/reminders/scheduler-event.ts';

const policy: ReminderPolicy = {
  defaultOffsets: DEFAULT_OFFSETS,
  offsetsByKind: {},
  overdueEveryDays: 7,
  eventKinds: DEFAULT_EVENT_KINDS,
};
const DUE = '2026-06-30';
const stageOn = (today: string, offsets: readonly number[] = DEFAULT_OFFSETS) =>
  dueStage(DUE, today, offsets, 7);

describe('which reminder stage a run sends', () => {
  it('sends nothing while the earliest stage is still ahead', () => {
    expect(stageOn('2026-05-30')).toBeNull();
    expect(stageOn('2026-01-01')).toBeNull();
  });

  it('sends each stage on its trigger day, before the due date', () => {
    expect(stageOn('2026-05-31')).toBe(30);
    expect(stageOn('2026-06-16')).toBe(14);
    expect(stageOn('2026-06-23')).toBe(7);
    expect(stageOn('2026-06-29')).toBe(1);
  });

  it('sends stage 0 on the due day itself', () => {
    expect(stageOn('2026-06-30')).toBe(0);
  });

  it('keeps naming the most recent stage between trigger days, so a missed day is caught up once', () => {
    expect(stageOn('2026-06-01')).toBe(30);
    expect(stageOn('2026-06-15')).toBe(30);
    expect(stageOn('2026-06-20')).toBe(14);
  });

  it('sends only the most recent stage for a deadline created late, never a burst of stale ones', () => {
    // Created 10 days before it is due: 30 and 14 are both past; only 14 is sent.
    expect(stageOn('2026-06-20')).toBe(14);
  });

  it('reminds weekly while overdue', () => {
    expect(stageOn('2026-07-01')).toBe(0);
    expect(stageOn('2026-07-06')).toBe(0);
    expect(stageOn('2026-07-07')).toBe(-7);
    expect(stageOn('2026-07-13')).toBe(-7);
    expect(stageOn('2026-07-14')).toBe(-14);
    expect(stageOn('2027-06-30')).toBe(-364);
  });

  it('honours another overdue interval', () => {
    expect(dueStage(DUE, '2026-07-15', DEFAULT_OFFSETS, 14)).toBe(-14);
    expect(dueStage(DUE, '2026-07-13', DEFAULT_OFFSETS, 14)).toBe(0);
  });

  it("uses a deadline's own offsets over its kind's, and its kind's over the defaults", () => {
    const byKind: ReminderPolicy = { ...policy, offsetsByKind: { spend_by: [10, 3] } };
    const spendBy = { kind: 'spend_by' as const, dueOn: DUE };

    expect(offsetsFor(spendBy, byKind)).toEqual([10, 3]);
    expect(offsetsFor({ ...spendBy, offsets: [60, 2] }, byKind)).toEqual([60, 2]);
    expect(offsetsFor({ kind: 'final_report' }, byKind)).toEqual([...DEFAULT_OFFSETS]);
    expect(stageFor(spendBy, '2026-06-25', byKind)).toBe(10);
    expect(stageFor({ ...spendBy, offsets: [60, 2] }, '2026-06-25', byKind)).toBe(60);
    expect(stageFor({ ...spendBy, offsets: [60, 2] }, '2026-06-29', byKind)).toBe(2);
  });

  it('treats overridden offsets without 0 as ending at their last stage until the weekly overdue ones', () => {
    expect(stageOn('2026-06-30', [5])).toBe(5);
    expect(stageOn('2026-07-07', [5])).toBe(-7);
  });

  it('counts calendar days across the daylight-saving changes', () => {
    // Clocks go forward on 29 March 2026 and back on 25 October 2026 in Berlin.
    expect(dueStage('2026-03-30', '2026-03-29', DEFAULT_OFFSETS)).toBe(1);
    expect(dueStage('2026-04-05', '2026-03-29', DEFAULT_OFFSETS)).toBe(7);
    expect(dueStage('2026-10-26', '2026-10-25', DEFAULT_OFFSETS)).toBe(1);
    expect(dueStage('2026-10-18', '2026-10-25', DEFAULT_OFFSETS)).toBe(-7);
  });

  it('runs for the Berlin calendar day of the scheduled time on both daylight-saving change days', () => {
    // 06:00 in Berlin is 04:00 UTC in summer time and 05:00 UTC in winter time.
    expect(runDateOf({ scheduledTime: '2026-03-29T04:00:00Z' }, new Date())).toBe('2026-03-29');
    expect(runDateOf({ scheduledTime: '2026-10-25T05:00:00Z' }, new Date())).toBe('2026-10-25');
    // Just after midnight in Berlin is still the previous day in UTC.
    expect(runDateOf({ scheduledTime: '2026-03-28T23:30:00Z' }, new Date())).toBe('2026-03-29');
    expect(berlinDate(new Date('2026-10-24T22:30:00Z'))).toBe('2026-10-25');
  });

  it('runs for an explicit date first, then the scheduled time, then now', () => {
    const now = new Date('2026-06-01T10:00:00Z');

    expect(runDateOf({ date: '2026-05-01', scheduledTime: '2026-06-01T04:00:00Z' }, now)).toBe('2026-05-01');
    expect(runDateOf({}, now)).toBe('2026-06-01');
  });

  it('reads overdue deadlines back for the lookback and ahead as far as a deadline’s own offsets may reach', () => {
    expect(MAX_OFFSET_DAYS).toBe(366);
    expect(reminderWindow('2026-06-01', 24)).toEqual({ from: '2024-06-01', to: '2027-06-02' });
  });
});

describe('duties and events', () => {
  const event = { kind: 'funding_period_end' as const, dueOn: DUE, status: 'open' as const };
  const duty = { kind: 'final_report' as const, dueOn: DUE, status: 'open' as const };

  it('announces an event before it comes and on its day, never after', () => {
    expect(stageFor(event, '2026-05-31', policy)).toBe(30);
    expect(stageFor(event, '2026-06-29', policy)).toBe(1);
    expect(stageFor(event, DUE, policy)).toBe(0);
    expect(stageFor(event, '2026-07-01', policy)).toBeNull();
    expect(stageFor(event, '2026-07-07', policy)).toBeNull();
    expect(stageFor(event, '2026-12-01', policy)).toBeNull();
  });

  it('reminds of a duty after its day, weekly, as before', () => {
    expect(stageFor(duty, '2026-07-01', policy)).toBe(0);
    expect(stageFor(duty, '2026-07-07', policy)).toBe(-7);
    expect(stageFor(duty, '2026-12-01', policy)).toBe(-154);
  });

  it('calls only an open duty overdue, from the day after its day', () => {
    expect(isOverdue(duty, DUE, policy)).toBe(false);
    expect(isOverdue(duty, '2026-07-01', policy)).toBe(true);
    expect(isOverdue({ ...duty, status: 'done' }, '2026-07-01', policy)).toBe(false);
    expect(isOverdue(event, '2026-07-01', policy)).toBe(false);
    expect(isOverdue(event, '2030-01-01', policy)).toBe(false);
  });

  it('closes open events on their day and after, never before and never duties', () => {
    const earlier = { ...event, dueOn: '2026-06-29' };
    const later = { ...event, dueOn: '2026-07-01' };
    const closed = { ...event, status: 'done' as const };

    expect(eventsPassed([event, earlier, later, closed, duty], DUE, policy)).toEqual([event, earlier]);
  });

  it('follows the configuration: a kind named an event is one, the others are duties', () => {
    const vacancyIsEvent = { ...policy, eventKinds: ['vacancy' as const] };

    expect(natureOf('vacancy', vacancyIsEvent)).toBe('event');
    expect(natureOf('funding_period_end', vacancyIsEvent)).toBe('duty');
    expect(stageFor(event, '2026-07-07', vacancyIsEvent)).toBe(-7);
    expect(natureOf('funding_period_end', policy)).toBe('event');
    expect(natureOf('position_funding_end', policy)).toBe('event');
    expect(natureOf('contract_end', policy)).toBe('event');
    for (const kind of [
      'submission',
      'spend_by',
      'interim_report',
      'final_report',
      'vacancy',
      'task_due',
    ] as const) {
      expect(natureOf(kind, policy)).toBe('duty');
    }
    expect(natureOf('milestone_due', policy)).toBe('duty');
    expect(natureOf('milestone_report_due', policy)).toBe('duty');
  });
});

describe('a deadline’s own reminder days', () => {
  const parsed = (offsets: unknown) => reminderOffsetsSchema.safeParse(offsets);

  it('are kept largest first', () => {
    expect(parsed([7, 60, 0, 30]).data).toEqual([60, 30, 7, 0]);
  });

  it('name each day once, at least one and at most ten, whole days from 0 to 366', () => {
    expect(parsed([7, 30, 7]).error?.issues.map((issue) => issue.message)).toEqual([
      'must name each day once',
    ]);
    expect(parsed([]).success).toBe(false);
    expect(parsed([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]).success).toBe(false);
    expect(parsed([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]).success).toBe(true);
    expect(parsed([366, 0]).success).toBe(true);
    expect(parsed([367]).success).toBe(false);
    expect(parsed([-1]).success).toBe(false);
    expect(parsed([1.5]).success).toBe(false);
  });
});

describe('a deadline’s record, read from its id', () => {
  it('names the record, its type and the kind, with or without the part it comes from', () => {
    expect(subjectOfDeadlineId(deadlineId('A1', 'final_report', 'final'))).toEqual({
      type: 'application',
      id: 'A1',
      kind: 'final_report',
    });
    expect(subjectOfDeadlineId(deadlineId('C1', 'milestone_due', 'M1'))).toEqual({
      type: 'concept',
      id: 'C1',
      kind: 'milestone_due',
    });
    expect(subjectOfDeadlineId(deadlineId('T1', 'task_due'))).toEqual({
      type: 'task',
      id: 'T1',
      kind: 'task_due',
    });
  });

  it('is nothing for an id without a record or with a kind there is not', () => {
    expect(subjectOfDeadlineId('A1')).toBeUndefined();
    expect(subjectOfDeadlineId('.final_report')).toBeUndefined();
    expect(subjectOfDeadlineId('A1.')).toBeUndefined();
    expect(subjectOfDeadlineId('A1.toString')).toBeUndefined();
    expect(subjectOfDeadlineId('A1.no_such_kind')).toBeUndefined();
  });
});

describe('reminder configuration', () => {
  const base = { TABLE_NAME: 'table', AUTH_MODE: 'apigateway', CURSOR_SECRET: 'cursor-secret-0123456789' };

  it('defaults to 30, 14, 7, 1 and 0 days, weekly when overdue, ten years back, the outbox', () => {
    const config = loadConfig(base);

    expect(config.reminders).toEqual({
      policy: {
        defaultOffsets: [30, 14, 7, 1, 0],
        offsetsByKind: {},
        overdueEveryDays: 7,
        eventKinds: ['funding_period_end', 'position_funding_end', 'contract_end'],
      },
      lookbackMonths: 120,
      financeMailbox: undefined,
      financeKinds: [
        'submission',
        'spend_by',
        'interim_report',
        'final_report',
        'funding_period_end',
        'position_funding_end',
      ],
    });
    expect(config.mail).toMatchObject({ transport: 'outbox', outboxDir: '.data/outbox' });
  });

  it('reads offsets, per-kind offsets and the finance mailbox from the environment', () => {
    const config = loadConfig({
      ...base,
      REMINDER_OFFSETS: '7, 30,0,30',
      REMINDER_OFFSETS_SPEND_BY: '14,1',
      FINANCE_MAILBOX: 'Foerdermittel@Erfurt.example',
      REMINDER_FINANCE_KINDS: 'spend_by,final_report',
    });

    expect(config.reminders.policy.defaultOffsets).toEqual([30, 7, 0]);
    expect(config.reminders.policy.offsetsByKind).toEqual({ spend_by: [14, 1] });
    expect(config.reminders.financeMailbox).toBe('foerdermittel@erfurt.example');
    expect(config.reminders.financeKinds).toEqual(['spend_by', 'final_report']);
  });

  it('reads which kinds are events from REMINDER_EVENT_KINDS; the reminder job reads it too', () => {
    const env = { ...base, REMINDER_EVENT_KINDS: 'contract_end, vacancy' };

    expect(loadConfig(env).reminders.policy.eventKinds).toEqual(['contract_end', 'vacancy']);
    expect(loadReminderJobConfig(env).reminders.policy.eventKinds).toEqual(['contract_end', 'vacancy']);
    expect(loadConfig({ ...base, REMINDER_EVENT_KINDS: '' }).reminders.policy.eventKinds).toEqual([]);
    expect(() => loadConfig({ ...base, REMINDER_EVENT_KINDS: 'contract_end,holiday' })).toThrow(
      /REMINDER_EVENT_KINDS/,
    );
  });

  it('refuses offsets that are not whole days, unknown kinds and SES without a sender', () => {
    expect(() => loadConfig({ ...base, REMINDER_OFFSETS: '30,vierzehn' })).toThrow(/REMINDER_OFFSETS/);
    expect(() => loadConfig({ ...base, REMINDER_FINANCE_KINDS: 'spend_by,lunch' })).toThrow(
      /REMINDER_FINANCE_KINDS/,
    );
    expect(() => loadConfig({ ...base, MAIL_TRANSPORT: 'ses' })).toThrow(/MAIL_FROM/);
  });

  it('gives the reminder Lambda its settings without auth mode or cursor secret', () => {
    const config = loadReminderJobConfig({
      TABLE_NAME: 'table',
      MAIL_TRANSPORT: 'ses',
      MAIL_FROM: 'fristen@erfurt.example',
    });

    expect(config).toMatchObject({
      tableName: 'table',
      mail: { transport: 'ses', from: 'fristen@erfurt.example' },
    });
    expect(() => loadReminderJobConfig({})).toThrow(/TABLE_NAME/);
  });
});
