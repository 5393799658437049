import { describe, expect, it } from 'vitest';
import { canonical, sameData } from '../../shared/domain/canonical.ts';
import { changedValues } from '../../shared/domain/history.ts';

describe('the audit trail keeps values', () => {
  it('lists every changed field with its old and its new value', () => {
    expect(
      changedValues({ approvedCents: 19_000_000, title: 'A' }, { approvedCents: 19_500_000, title: 'A' }),
    ).toEqual([{ field: 'approvedCents', from: 19_000_000, to: 19_500_000 }]);
  });

  it('shows a field that came or went as null on the other side', () => {
    expect(changedValues({ a: 1 }, { b: 2 })).toEqual([
      { field: 'a', from: 1, to: null },
      { field: 'b', from: null, to: 2 },
    ]);
    expect(changedValues({ a: undefined }, { a: null })).toEqual([]);
  });

  it('compares nested values structurally, whatever order their keys come in', () => {
    expect(
      changedValues(
        { period: { start: '2023-01-01', end: '2025-12-31' } },
        { period: { end: '2025-12-31', start: '2023-01-01' } },
      ),
    ).toEqual([]);
    expect(
      changedValues({ period: { start: '2023-01-01' } }, { period: { start: '2023-01-02' } }),
    ).toHaveLength(1);
  });

  it('leaves out the bookkeeping every change moves', () => {
    expect(changedValues({ version: 1, updatedAt: 'x' }, { version: 2, updatedAt: 'y' })).toEqual([]);
  });
});

describe('canonical JSON', () => {
  it('sorts keys and drops undefined members, keeping arrays in order', () => {
    expect(canonical({ b: 1, a: [2, { d: undefined, c: 3 }] })).toBe('{"a":[2,{"c":3}],"b":1}');
    expect(sameData([1, 2], [2, 1])).toBe(false);
    expect(sameData(null, null)).toBe(true);
  });
});
