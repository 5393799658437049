import { type CalendarDate, monthCount, monthsBetween } from '../domain/calendar-date.ts';
import {
  type Deadline,
  type DeadlineKind,
  type SubjectType,
  subjectOfDeadlineId,
} from '../domain/deadline.ts';
import { invalid, notFound } from '../domain/errors.ts';
import { allOf, attributeIs } from './conditions.ts';
import type { CursorCodec } from './cursor.ts';
import { deadlineEntity, deadlineKey, subjectPartition } from './deadline.keys.ts';
import { offsetsWrite, toDeadline } from './deadline-sync.ts';
import { historyWrite, type Page, queryPage, staleVersion, type WriteContext } from './records.ts';
import type { Condition, Table } from './table.ts';

export interface DeadlineQuery {
  from: CalendarDate;
  to: CalendarDate;
  /** `open` and `done` by their status; open ones come from the one open-deadline partition. */
  status?: 'open' | 'done' | undefined;
  kind?: DeadlineKind | undefined;
  /** Leave these kinds out (events, for "overdue"). */
  notKinds?: readonly DeadlineKind[] | undefined;
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

function filterFor(query: Omit<DeadlineQuery, 'from' | 'to'>): Condition | undefined {
  const conditions: Condition[] = [];
  if (query.status) conditions.push(attributeIs('status', query.status));
  if (query.kind) conditions.push(attributeIs('kind', query.kind));
  if (query.notKinds?.length) {
    const names = query.notKinds.map((_, index) => `:notKind${index}`);
    conditions.push({
      expression: `NOT (#kind IN (${names.join(', ')}))`,
      names: { '#kind': 'kind' },
      values: Object.fromEntries(query.notKinds.map((kind, index) => [names[index], kind])),
    });
  }
  if (query.ownerEmail) {
    conditions.push({
      expression: '#owner.#email = :email',
      names: { '#owner': 'owner', '#email': 'email' },
      values: { ':email': query.ownerEmail },
    });
  }
  return allOf(conditions);
}

const dueOnIs = (operator: '>=' | '<=', date: CalendarDate): Condition => ({
  expression: `#dueOn ${operator} :dueOn${operator === '>=' ? 'From' : 'To'}`,
  names: { '#dueOn': 'dueOn' },
  values: { [`:dueOn${operator === '>=' ? 'From' : 'To'}`]: date },
});

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

  /**
   * One record's deadlines (an application's own, its statements' and its funds calls'; a
   * position's; a task's; a concept's milestones'): one Query on the record's partition, the
   * sort keys that begin with the deadline prefix, in the order of their ids. The other filters
   * (status, kind, owner, a window of due dates) apply to what that Query reads.
   */
  async listOfRecord(
    subject: { type: SubjectType; id: string },
    query: Partial<DeadlineQuery>,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<Page<Deadline>> {
    if (query.from && query.to && query.from > query.to) throw invalid('to', 'must not be before from');
    const conditions = [filterFor(query)];
    if (query.from) conditions.push(dueOnIs('>=', query.from));
    if (query.to) conditions.push(dueOnIs('<=', query.to));
    const filter = allOf(conditions.filter((condition) => condition !== undefined));
    return queryPage<Deadline>(
      this.table,
      this.cursors,
      {
        ...deadlineEntity.partitionQuery({ partition: subjectPartition(subject) }),
        ...(filter ? { filter } : {}),
      },
      page,
      toDeadline,
    );
  }

  /** A deadline by its id: one strongly consistent GetItem in its record's partition. */
  async find(id: string): Promise<Deadline | undefined> {
    const subject = subjectOfDeadlineId(id);
    if (!subject) return undefined;
    const item = await this.table.get(deadlineKey(subjectPartition(subject), id));
    return item ? toDeadline(item) : undefined;
  }

  async get(id: string): Promise<Deadline> {
    const deadline = await this.find(id);
    if (!deadline) throw notFound('Deadline', id);
    return deadline;
  }

  /**
   * Sets a deadline's own reminder offsets (null: the configured ones again) if it is still at
   * the version read (`stored`, as the route read it), with an entry in its record's history. Answers the deadline as stored.
   */
  async setOffsets(
    stored: Deadline,
    offsets: readonly number[] | null,
    expectedVersion: number,
    context: WriteContext,
  ): Promise<Deadline> {
    const current = stored.version ?? 1;
    if (current !== expectedVersion) throw staleVersion('deadline');
    const partition = subjectPartition(stored.subject);
    await this.table.transact([
      offsetsWrite(partition, stored, offsets, expectedVersion),
      historyWrite(partition, context, {
        action: 'deadline_offsets_set',
        changes: [{ field: 'offsets', from: stored.offsets ?? null, to: offsets ?? null }],
        deadline: { id: stored.id, kind: stored.kind, dueOn: stored.dueOn },
      }),
    ]);
    const { offsets: _previous, ...rest } = stored;
    return { ...rest, ...(offsets ? { offsets: [...offsets] } : {}), version: current + 1 };
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
