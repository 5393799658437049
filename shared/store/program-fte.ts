import { programFteEntity } from './position.keys.ts';
import type { Table, Write } from './table.ts';

/**
 * The running total of FTE funded per programme, moved by the difference a position change
 * makes, in the same transaction (an `ADD` needs no read, and concurrent changes add up).
 */
export function programFteWrites(before: Map<string, number>, after: Map<string, number>): Write[] {
  const programs = new Set([...before.keys(), ...after.keys()]);
  return [...programs]
    .map((programId) => ({ programId, delta: (after.get(programId) ?? 0) - (before.get(programId) ?? 0) }))
    .filter(({ delta }) => delta !== 0)
    .map(({ programId, delta }) => ({
      update: programFteEntity.key({ programId }),
      set: {
        expression: 'ADD fundedFteMillionths :delta SET entity = :entity',
        values: { ':delta': delta, ':entity': programFteEntity.tag },
      },
    }));
}

/** FTE funded under a programme across all of the city's positions, in hundredths of a VbE. */
export async function fundedFteHundredths(table: Table, programId: string): Promise<number> {
  const item = await table.get(programFteEntity.key({ programId }));
  return Math.round(Number(item?.fundedFteMillionths ?? 0) / 10_000);
}
