import { programFteEntity } from './position.keys.ts';
import type { Table, Write } from './table.ts';

/**
 * The running total of FTE funded per programme (the links counting toward its cap), moved by
 * the difference a position change or an application's status change makes, in the same
 * transaction (an `ADD` needs no read, and concurrent changes add up).
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

/** FTE the programme funds across all of the city's positions (links counting toward its cap), in millionths of a VbE. */
export async function fundedFteMillionths(table: Table, programId: string): Promise<number> {
  const item = await table.get(programFteEntity.key({ programId }));
  return Number(item?.fundedFteMillionths ?? 0);
}

/** The same in hundredths of a VbE, as positions show it. */
export const fundedFteHundredths = async (table: Table, programId: string) =>
  Math.round((await fundedFteMillionths(table, programId)) / 10_000);
