import { describe, expect, it } from 'vitest';
import type { Deadline, DerivedDeadline } from '../../shared/domain/deadline.ts';
import { deadlineItem, fingerprintOf, syncDeadlines, toDeadline } from '../../shared/store/deadline-sync.ts';
import type { Write } from '../../shared/store/table.ts';

const PK = 'APP#A1';
const NOW = new Date('2024-05-02T08:00:00.000Z');
const anna = { name: 'Anna Finanz', email: 'anna.finanz@erfurt.example' };

const derived = (overrides: Partial<DerivedDeadline> = {}): DerivedDeadline => ({
  id: 'A1.final_report',
  kind: 'final_report',
  dueOn: '2026-06-30',
  subject: { type: 'application', id: 'A1', title: 'Quartiersplanungskoordination Erfurt', partId: 'final' },
  owner: anna,
  status: 'open',
  ...overrides,
});

/** A deadline as the store read it back: what was decided, plus what the store keeps. */
const stored = (overrides: Partial<Deadline> = {}): Deadline =>
  toDeadline(deadlineItem(PK, { ...derived(), ...overrides }));

const only = (writes: Write[]) => {
  expect(writes).toHaveLength(1);
  return writes[0] as Write;
};

describe('keeping a record’s deadlines in step (syncDeadlines)', () => {
  it('writes nothing when the stored deadlines are what the record decides', () => {
    expect(syncDeadlines(PK, [stored()], [derived()], NOW)).toEqual([]);
  });

  it('puts a new deadline only if no item is there yet', () => {
    const write = only(syncDeadlines(PK, [], [derived()], NOW));
    expect(write).toMatchObject({
      put: {
        pk: PK,
        sk: 'DEADLINE#A1.final_report',
        gsi3pk: 'OPEN#DEADLINES',
        gsi3sk: '2026-06-30#A1.final_report',
        status: 'open',
      },
      condition: { expression: 'attribute_not_exists(pk)' },
    });
  });

  it('changes a stored deadline only if it is still as it was read, and says so as a conflict', () => {
    const before = stored();
    const write = only(syncDeadlines(PK, [before], [derived({ dueOn: '2026-12-31' })], NOW));
    expect(write).toMatchObject({
      update: { pk: PK, sk: 'DEADLINE#A1.final_report' },
      condition: { values: { ':storedFingerprint': fingerprintOf(before) } },
    });
    expect('update' in write && write.set.values?.[':dueOn']).toBe('2026-12-31');
    expect(write.onConditionFailed?.().kind).toBe('conflict');
  });

  it('records when a deadline closed, and takes it out of the open-deadline index', () => {
    const write = only(syncDeadlines(PK, [stored()], [derived({ status: 'done' })], NOW));
    const expression = 'update' in write ? write.set.expression : '';
    expect(expression).toContain('#closedAt = :closedAt');
    expect(expression).toMatch(/REMOVE .*#gsi3pk, #gsi3sk/);
    expect('update' in write && write.set.values?.[':closedAt']).toBe(NOW.toISOString());
  });

  it('keeps the moment a deadline first closed when a closed one changes again', () => {
    const closed = stored({ status: 'done', closedAt: '2024-01-01T00:00:00.000Z' });
    const write = only(
      syncDeadlines(PK, [closed], [derived({ status: 'done', owner: { ...anna, name: 'A. Finanz' } })], NOW),
    );
    expect('update' in write && write.set.expression).not.toContain('closedAt');
  });

  it('keeps its own reminder offsets: they are not the record’s to decide', () => {
    const withOffsets = stored({ offsets: [21, 7] });
    expect(syncDeadlines(PK, [withOffsets], [derived()], NOW)).toEqual([]);
    const write = only(syncDeadlines(PK, [withOffsets], [derived({ dueOn: '2026-07-31' })], NOW));
    expect('update' in write && write.set.expression).not.toContain('offsets');
  });

  it('reopens a deadline the record opens again, clearing when it closed', () => {
    const closed = stored({ status: 'done', closedAt: '2024-01-01T00:00:00.000Z' });
    const write = only(syncDeadlines(PK, [closed], [derived()], NOW));
    expect('update' in write && write.set.expression).toMatch(/REMOVE .*#closedAt/);
    expect('update' in write && write.set.values?.[':gsi3pk']).toBe('OPEN#DEADLINES');
  });

  it('deletes a deadline the record no longer has, only if it is still as it was read', () => {
    const before = stored();
    const write = only(syncDeadlines(PK, [before], [], NOW));
    expect(write).toMatchObject({
      remove: { pk: PK, sk: 'DEADLINE#A1.final_report' },
      condition: { values: { ':storedFingerprint': fingerprintOf(before) } },
    });
  });

  it('gives the same decision the same fingerprint, whatever the order of its fields', () => {
    const { status, owner, ...rest } = derived();
    const reordered: DerivedDeadline = { status, owner: { email: owner.email, name: owner.name }, ...rest };
    expect(fingerprintOf(reordered)).toBe(fingerprintOf(derived()));
    expect(fingerprintOf(derived({ status: 'done' }))).not.toBe(fingerprintOf(derived()));
  });
});
