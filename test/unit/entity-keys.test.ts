import { describe, expect, it } from 'vitest';
import { newPosition } from '../../shared/domain/position.ts';
import { positionEntity } from '../../shared/store/position.keys.ts';

describe('index keys stay within DynamoDB’s 1,024 bytes per sort key', () => {
  it('keeps a position’s title key short even for a title of 300 four-byte characters', () => {
    const position = newPosition(
      {
        title: '😀'.repeat(300),
        fte: 1,
        payGrade: 'TVöD E 11',
        orgUnit: 'Sozialplanung',
        start: '2023-01-01',
        fundedBy: [],
      },
      { owner: { name: 'Anna', email: 'anna@erfurt.example' }, fundedBy: [] },
      { id: '01JC0Z6XKX2P4T3C8Y5W7QF9AB', now: new Date('2023-01-01T00:00:00Z') },
    );
    const item = positionEntity.item(position);
    expect(Buffer.byteLength(String(item.gsi1sk))).toBeLessThanOrEqual(1024);
    expect(String(item.gsi1sk).startsWith('😀'.repeat(100))).toBe(true);
  });
});
