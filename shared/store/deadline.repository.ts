import { type CalendarDate, monthCount, monthsBetween } from '../domain/calendar-date.ts';
import type { Deadline, DeadlineKind } from '../domain/deadline.ts';
import { invalid } from '../domain/errors.ts';
import { allOf, attributeIs } from './conditions.ts';
import type { CursorCodec } from './cursor.ts';
import { deadlineEntity } from './deadline.keys.ts';
import { toDeadline } from './deadline-sync.ts';
import { type Page, queryPage } from './records.ts';
import type { Condition, Table } from './table.ts';

export interface DeadlineQuery {
  from: CalendarDate;
  to: CalendarDate;
  /** `open` and `done` by their status; open ones come from the one open-deadline partition. */
  status?: 'open' | 'done' | undefined;
  kind?: DeadlineKind | undefined;
  ownerEmail?: string | undefined;
}

/** A window of all (or done) deadlines is read month by month from the due-month partitions; keep it bounded. */
export const MAX_WINDOW_MONTHS = 36;

/** The due months of a window; a window longer than the limit is refused before any read. */
export function monthsOf(from: CalendarDate, to: CalendarDate): string[] {
  if (monthCount(from, to) > MAX_WINDOW_MONTHS) {
    throw invalid('to', `the window must not span more than ${MAX_WINDOW_MONTHS} months`);
  }
  return monthsBetween(from, to);
}

function filterFor(query: DeadlineQuery): Condition | undefined {
  const conditions: Condition[] = [];
  if (query.status) conditions.push(attributeIs('status', query.status));
  if (query.kind) conditions.push(attributeIs('kind', query.kind));
  if (query.ownerEmail) {
    conditions.push({
      expression: '#owner.#email = :email',
      names: { '#owner': 'owner', '#email': 'email' },
      values: { ':email': query.ownerEmail },
    });
  }
  return allOf(conditions);
}

export class DeadlineRepository {
  constructor(
    private readonly table: Table,
    private readonly cursors: CursorCodec,
  ) {}

  /**
   * Deadlines due in [from, to], by due date. Open ones are one key range of the sparse gsi3
   * partition (only open deadlines are in it), whatever the window; all or done ones come from
   * gsi1, one Query per due month, so that window is bounded.
   */
  async list(
    query: DeadlineQuery,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<Page<Deadline>> {
    if (query.from > query.to) throw invalid('to', 'must not be before from');
    if (query.ownerEmail) return this.#listForOwner(query, page);
    if (query.status === 'open') {
      const filter = filterFor({ ...query, status: undefined });
      const range = deadlineEntity.query(
        'open',
        {},
        { between: [query.from, query.to], ...(filter ? { filter } : {}) },
      );
      return queryPage<Deadline>(this.table, this.cursors, range, page, toDeadline);
    }
    const months = monthsOf(query.from, query.to);
    const scope = JSON.stringify(query);
    const start = this.cursors.decode(page.cursor, scope);
    let monthIndex = start ? Number(start._m) : 0;
    let startKey = start
      ? Object.fromEntries(Object.entries(start).filter(([name]) => name !== '_m'))
      : undefined;
    if (startKey && Object.keys(startKey).length === 0) startKey = undefined;
    const items: Deadline[] = [];
    while (monthIndex < months.length) {
      const month = months[monthIndex]!;
      const filter = filterFor(query);
      const result = await this.table.query({
        ...deadlineEntity.query(
          'byMonth',
          { month },
          {
            between: [query.from, query.to],
            ...(filter ? { filter } : {}),
          },
        ),
        limit: page.limit - items.length,
        startKey,
      });
      items.push(...result.items.map(toDeadline));
      if (result.lastKey) {
        if (items.length >= page.limit) {
          return {
            items,
            nextCursor: this.cursors.encode({ ...result.lastKey, _m: String(monthIndex) }, scope),
          };
        }
        startKey = result.lastKey;
        continue;
      }
      monthIndex += 1;
      startKey = undefined;
      if (items.length >= page.limit && monthIndex < months.length) {
        return { items, nextCursor: this.cursors.encode({ _m: String(monthIndex) }, scope) };
      }
    }
    return { items, nextCursor: null };
  }

  /** One owner's deadlines come from their own gsi2 partition: one Query, however large the table. */
  async #listForOwner(query: DeadlineQuery, page: { limit: number; cursor?: string | undefined }) {
    const filter = filterFor({ ...query, ownerEmail: undefined });
    return queryPage<Deadline>(
      this.table,
      this.cursors,
      deadlineEntity.query(
        'byOwner',
        { ownerEmail: query.ownerEmail as string },
        {
          between: [query.from, query.to],
          ...(filter ? { filter } : {}),
        },
      ),
      page,
      toDeadline,
    );
  }
}
