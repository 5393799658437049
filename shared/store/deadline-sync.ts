import { createHash } from 'node:crypto';
import { canonical } from '../domain/canonical.ts';
import type { Deadline, DerivedDeadline } from '../domain/deadline.ts';
import { AppError } from '../domain/errors.ts';
import { deadlineEntity, deadlineKey } from './deadline.keys.ts';
import { type Condition, type Item, type Write, withoutKeys } from './table.ts';

/**
 * The attribute that holds a deadline's fingerprint: what its record decided, as last written.
 * Storage-only, like the keys (`withoutKeys` strips it).
 */
const FINGERPRINT = 'fingerprint';

const derivedOf = (deadline: DerivedDeadline): DerivedDeadline => {
  const { closedAt: _closedAt, offsets: _offsets, ...derived } = deadline as Deadline;
  return derived;
};

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

/** An update that sets what the record decided and keeps what the store keeps (closedAt, offsets). */
function rewrite(partition: string, stored: Deadline, next: DerivedDeadline, now: Date): Write {
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
  const absent = ['gsi3pk', 'gsi3sk', 'amountCents'].filter((attribute) => !(attribute in item));
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
  for (const wanted of desired.map(derivedOf)) {
    const current = stored.find((candidate) => candidate.id === wanted.id);
    if (!current) {
      const closed = wanted.status === 'done' ? { closedAt: now.toISOString() } : {};
      writes.push({
        put: deadlineItem(partition, { ...wanted, ...closed }),
        condition: { expression: 'attribute_not_exists(pk)' },
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
