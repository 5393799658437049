import { createHash } from 'node:crypto';
import { canonical } from '../domain/canonical.ts';
import type { Deadline, DerivedDeadline } from '../domain/deadline.ts';
import { AppError } from '../domain/errors.ts';
import { mustNotExist, versionIs } from './conditions.ts';
import { deadlineEntity, deadlineKey } from './deadline.keys.ts';
import { staleVersion } from './records.ts';
import { type Condition, type Item, type Write, withoutKeys } from './table.ts';

/**
 * The attribute that holds a deadline's fingerprint: what its record decided, as last written.
 * Storage-only, like the keys (`withoutKeys` strips it).
 */
const FINGERPRINT = 'fingerprint';

const derivedOf = (deadline: DerivedDeadline): DerivedDeadline => {
  const {
    closedAt: _closedAt,
    offsets: _offsets,
    passedOn: _passedOn,
    version: _version,
    ...derived
  } = deadline as Deadline;
  return derived;
};

/** A deadline's version; items written before deadlines had one are at 1. */
export const versionOf = (deadline: Pick<Deadline, 'version'>) => deadline.version ?? 1;

/** The stored deadline is at `version` (an item without one is at 1). */
export function deadlineVersionIs(version: number): Condition {
  const stored = versionIs(version);
  return version === 1
    ? { ...stored, expression: `attribute_not_exists(#version) OR ${stored.expression}` }
    : stored;
}

export const fingerprintOf = (deadline: DerivedDeadline) =>
  createHash('sha256')
    .update(canonical(derivedOf(deadline)))
    .digest('base64url')
    .slice(0, 22);

/** A deadline as a new item, with the fingerprint later changes are conditioned on. */
export const deadlineItem = (partition: string, deadline: Deadline): Item => ({
  ...deadlineEntity.item(deadline, { partition }),
  [FINGERPRINT]: fingerprintOf(deadline),
});

/** A stored deadline item as the domain sees it (keys and fingerprint stripped). */
export const toDeadline = (item: Item) => withoutKeys<Deadline>(item);

const changedAlongside = () =>
  new AppError(
    'conflict',
    'A deadline of this record was changed at the same moment; nothing was saved. Please retry.',
  );

const unchangedSince = (stored: DerivedDeadline): Condition => ({
  expression: '#fingerprint = :storedFingerprint',
  names: { '#fingerprint': FINGERPRINT },
  values: { ':storedFingerprint': fingerprintOf(stored) },
});

/**
 * An update that sets what the record decided and keeps what the store keeps (closedAt,
 * offsets), counting the version up. `passedOn` is set when given (an event closing itself)
 * and removed when the deadline opens again.
 */
function rewrite(
  partition: string,
  stored: Deadline,
  next: DerivedDeadline & Pick<Deadline, 'passedOn'>,
  now: Date,
): Write {
  const item = deadlineEntity.item(next, { partition });
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const set: string[] = [];
  const remove: string[] = [];
  const assign = (attribute: string, value: unknown) => {
    names[`#${attribute}`] = attribute;
    values[`:${attribute}`] = value;
    set.push(`#${attribute} = :${attribute}`);
  };
  for (const [attribute, value] of Object.entries(item)) {
    if (attribute !== 'pk' && attribute !== 'sk') assign(attribute, value);
  }
  assign(FINGERPRINT, fingerprintOf(next));
  assign('version', versionOf(stored) + 1);
  const absent = ['gsi3pk', 'gsi3sk', 'amountCents', 'passedOn'].filter((attribute) => !(attribute in item));
  if (next.status === 'done' && stored.status !== 'done') assign('closedAt', now.toISOString());
  if (next.status === 'open') absent.push('closedAt');
  for (const attribute of absent) {
    names[`#${attribute}`] = attribute;
    remove.push(`#${attribute}`);
  }
  const condition = unchangedSince(stored);
  return {
    update: deadlineKey(partition, next.id),
    set: {
      expression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
      names: { ...names, ...condition.names },
      values,
    },
    condition: { expression: condition.expression, values: condition.values },
    onConditionFailed: changedAlongside,
  };
}

/**
 * An event that passed on its day stays closed while its date stays: a later change of the
 * record (a new title, another owner) must not open it again. Moved to another day, it is a
 * new date and opens (and is announced) again.
 */
function stillPassed(
  current: Deadline,
  wanted: DerivedDeadline,
): DerivedDeadline & Pick<Deadline, 'passedOn'> {
  return current.passedOn !== undefined && current.passedOn === wanted.dueOn
    ? { ...wanted, status: 'done', passedOn: current.passedOn }
    : wanted;
}

/**
 * The write that closes an event on its day (the reminder run, after announcing it): done,
 * with the day that passed, if it is still as the run read it.
 */
export const passedEventWrite = (partition: string, stored: Deadline, now: Date): Write =>
  rewrite(partition, stored, { ...derivedOf(stored), status: 'done', passedOn: stored.dueOn }, now);

/**
 * The write that sets a deadline's own reminder offsets (null: back to the configured ones),
 * if it is still there and at the version the caller read.
 */
export function offsetsWrite(
  partition: string,
  stored: Deadline,
  offsets: readonly number[] | null,
  expectedVersion: number,
): Write {
  const condition = deadlineVersionIs(expectedVersion);
  const values = { ...condition.values, ':next': versionOf(stored) + 1 };
  const set =
    offsets === null ? 'SET #version = :next REMOVE #offsets' : 'SET #version = :next, #offsets = :offsets';
  return {
    update: deadlineKey(partition, stored.id),
    set: {
      expression: set,
      names: { ...condition.names, '#offsets': 'offsets' },
      values: offsets === null ? values : { ...values, ':offsets': [...offsets] },
    },
    // Only onto the deadline as read: one its record removed meanwhile is not written back as a fragment.
    condition: { expression: `attribute_exists(pk) AND (${condition.expression})` },
    onConditionFailed: () => staleVersion('deadline'),
  };
}

/**
 * The one way deadlines are kept in step with their records: the writes that make the stored
 * deadlines of a scope equal the desired ones, for the record's own transaction. New ones are
 * put only if absent; changed ones are updated and vanished ones deleted only if still as they
 * were read (by fingerprint). A concurrent change therefore fails the whole transaction (409)
 * instead of being overwritten: a closed deadline is never reopened by a stale writer.
 * A deadline keeps the moment it was first closed and its own reminder offsets.
 *
 * `stored` is what was read of the scope: every stored deadline a desired one may replace.
 */
export function syncDeadlines(
  partition: string,
  stored: readonly Deadline[],
  desired: readonly DerivedDeadline[],
  now: Date,
): Write[] {
  const writes: Write[] = [];
  for (const derived of desired.map(derivedOf)) {
    const current = stored.find((candidate) => candidate.id === derived.id);
    const wanted = current ? stillPassed(current, derived) : derived;
    if (!current) {
      const closed = wanted.status === 'done' ? { closedAt: now.toISOString() } : {};
      writes.push({
        put: deadlineItem(partition, { ...wanted, ...closed }),
        condition: mustNotExist,
        onConditionFailed: changedAlongside,
      });
    } else if (fingerprintOf(current) !== fingerprintOf(wanted)) {
      writes.push(rewrite(partition, current, wanted, now));
    }
  }
  for (const current of stored) {
    if (desired.some((wanted) => wanted.id === current.id)) continue;
    writes.push({
      remove: deadlineKey(partition, current.id),
      condition: unchangedSince(current),
      onConditionFailed: changedAlongside,
    });
  }
  return writes;
}

/** The deadlines a scope may hold, as keys to read with the record they derive from. */
export const deadlineKeys = (partition: string, ids: readonly string[]) =>
  ids.map((id) => deadlineKey(partition, id));

/** The stored deadlines among items read by `deadlineKeys` (missing ones are not there yet). */
export const storedDeadlines = (items: readonly (Item | undefined)[]): Deadline[] =>
  items.filter((item): item is Item => item !== undefined).map(toDeadline);
