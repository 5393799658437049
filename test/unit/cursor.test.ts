import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/domain/errors.ts';
import { CursorCodec } from '../../shared/store/cursor.ts';

const codec = new CursorCodec('a-test-secret-of-enough-length');
const key = { pk: 'PROGRAM#1', sk: 'PROGRAM', gsi1pk: 'PROGRAMS', gsi1sk: 'a#1' };

describe('list cursors', () => {
  it('round-trips a key for the same list', () => {
    const cursor = codec.encode(key, 'programs');
    expect(codec.decode(cursor ?? undefined, 'programs')).toEqual(key);
  });

  it('is null at the end of a list', () => {
    expect(codec.encode(undefined, 'programs')).toBeNull();
  });

  it('refuses a cursor from another list', () => {
    const cursor = codec.encode(key, 'programs') ?? '';
    expect(() => codec.decode(cursor, 'applications')).toThrow(AppError);
  });

  it('refuses an edited cursor', () => {
    const cursor = codec.encode(key, 'programs') ?? '';
    const edited = Buffer.from(JSON.stringify({ ...key, pk: 'PROGRAM#2' })).toString('base64url');
    expect(() => codec.decode(`${edited}.${cursor.split('.')[1]}`, 'programs')).toThrow(AppError);
  });

  it.each(['garbage', '', 'a.b.c', '%%%.###'])('refuses garbage %j', (garbage) => {
    expect(() => codec.decode(garbage, 'programs')).toThrow(AppError);
  });
});
