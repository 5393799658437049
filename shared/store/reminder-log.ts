import type { Reminder, ReminderStatus } from '../domain/reminder-schedule.ts';
import { filterWhen } from './conditions.ts';
import type { CursorCodec } from './cursor.ts';
import { type Page, type PageRequest, queryPage } from './records.ts';
import { reminderEntity } from './reminder.keys.ts';
import { toReminder } from './reminder.repository.ts';
import type { Table } from './table.ts';

/** The delivery log: what became of each reminder, so that a silent failure is visible. */
export class ReminderLog {
  constructor(
    private readonly table: Table,
    private readonly cursors: CursorCodec,
  ) {}

  /** The delivery log, newest claim first; optionally one status only. */
  list(filter: { status?: ReminderStatus | undefined }, page: PageRequest): Promise<Page<Reminder>> {
    return queryPage(
      this.table,
      this.cursors,
      reminderEntity.query(
        'log',
        {},
        {
          newestFirst: true,
          ...filterWhen('status', filter.status),
        },
      ),
      page,
      toReminder,
    );
  }
}
