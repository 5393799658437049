import { notFound } from '../domain/errors.ts';
import { changedValues, type HistoryEntry } from '../domain/history.ts';
import { mustNotExist, versionIs } from './conditions.ts';
import type { Entity } from './entity.ts';
import { type HistoryChange, historyWrite, readHistory, staleVersion, type WriteContext } from './records.ts';
import { type Item, type Key, type Table, type Write, withoutKeys } from './table.ts';

/** What every versioned record carries for optimistic locking. */
export interface Versioned {
  id: string;
  version: number;
  updatedAt: string;
}

/** A decided change: the new state, its history entry, and what else goes into the same transaction. */
export interface Change<T> {
  next: T;
  history: HistoryChange;
  writes?: Write[];
}

export interface ChangeRequest {
  id: string;
  key: Key;
  expectedVersion: number;
  /** Read in the same snapshot as the record (its deadline items, a part it changes), in this order. */
  alsoRead?: readonly Key[];
}

/**
 * The algorithm every versioned record shares, in one place (like Powertools'
 * BasePersistenceLayer): read the record (with what it needs, in one snapshot), check the
 * version the caller read, let the domain decide, then write the new version conditionally,
 * with its history entry and the decision's other writes, in one transaction. Each repository
 * keeps only what is particular to its entity: keys, what to read alongside, and the decision.
 */
export class VersionedRecords<T extends Versioned> {
  constructor(
    private readonly table: Table,
    private readonly entity: Entity,
    /** The record's name in messages: "The application was changed since you read it". */
    private readonly what: string,
    private readonly toRecord: (item: Item) => T = (item) => withoutKeys<T>(item),
  ) {}

  async find(key: Key): Promise<T | undefined> {
    const item = await this.table.get(key);
    return item ? this.toRecord(item) : undefined;
  }

  async get(key: Key, id: string): Promise<T> {
    const found = await this.find(key);
    if (!found) throw notFound(capitalised(this.what), id);
    return found;
  }

  /** The record and what was asked alongside, at the version the caller read; 404 and 412 otherwise. */
  async readForChange(request: ChangeRequest): Promise<{ current: T; alongside: (Item | undefined)[] }> {
    const [item, ...alongside] = await this.table.getMany([request.key, ...(request.alsoRead ?? [])]);
    if (!item) throw notFound(capitalised(this.what), request.id);
    const current = this.toRecord(item);
    if (current.version !== request.expectedVersion) throw staleVersion(this.what);
    return { current, alongside };
  }

  /** Read → check → decide → one conditional transaction; returns the stored new version. */
  async change(
    request: ChangeRequest,
    context: WriteContext,
    decide: (current: T, alongside: (Item | undefined)[]) => Change<T> | Promise<Change<T>>,
  ): Promise<T> {
    const { current, alongside } = await this.readForChange(request);
    const decision = await decide(current, alongside);
    const next = this.bump(decision.next, current.version, context);
    await this.table.transact([
      this.replace(next, current.version),
      historyWrite(request.key.pk, context, {
        changes: changedValues(current, next),
        ...decision.history,
      }),
      ...(decision.writes ?? []),
    ]);
    return next;
  }

  /** The next version of a record, stamped with the change's time. */
  bump(record: T, version: number, context: Pick<WriteContext, 'now'>): T {
    return { ...record, version: version + 1, updatedAt: context.now.toISOString() };
  }

  /** Writes a new record; it must not exist yet. */
  put(record: T, extra?: Item): Write {
    return { put: this.entity.item(record, extra), condition: mustNotExist };
  }

  /** Replaces the record only if it is still at the version the change was decided on. */
  replace(record: T, expectedVersion: number, extra?: Item): Write {
    return {
      put: this.entity.item(record, extra),
      condition: versionIs(expectedVersion),
      onConditionFailed: () => staleVersion(this.what),
    };
  }
}

/**
 * A repository of records with an id of their own (a partition each): finding, getting and the
 * history come from here; the subclass adds what its entity does.
 */
export abstract class RecordRepository<T extends Versioned> {
  protected readonly records: VersionedRecords<T>;

  constructor(
    protected readonly table: Table,
    entity: Entity,
    what: string,
    protected readonly keyOf: (id: string) => Key,
    toRecord?: (item: Item) => T,
  ) {
    this.records = new VersionedRecords(table, entity, what, toRecord);
  }

  find(id: string): Promise<T | undefined> {
    return this.records.find(this.keyOf(id));
  }

  get(id: string): Promise<T> {
    return this.records.get(this.keyOf(id), id);
  }

  /** Every change of the record, oldest first. */
  async history(id: string): Promise<HistoryEntry[]> {
    await this.get(id);
    return readHistory(this.table, this.keyOf(id).pk);
  }
}

const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
