import { describe, expect, it } from 'vitest';
import { memoiseByKey } from '../../shared/memoise.ts';

describe('memoiseByKey', () => {
  it('loads each key once, also when the calls overlap, and keeps keys apart', async () => {
    const loads: string[] = [];
    const find = memoiseByKey(async (key) => {
      loads.push(key);
      return { key };
    });

    const [first, overlapping] = await Promise.all([find('a'), find('a')]);
    const later = await find('a');
    const other = await find('b');

    expect(loads).toEqual(['a', 'b']);
    expect(overlapping).toBe(first);
    expect(later).toBe(first);
    expect(other).toEqual({ key: 'b' });
  });
});
