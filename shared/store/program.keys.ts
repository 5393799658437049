import type { Program } from '../domain/program.ts';
import { defineEntity } from './entity.ts';

/** byName: all programmes in name order. */
export const programEntity = defineEntity<Program>()({
  tag: 'program',
  pk: ['PROGRAM', ':id'],
  sk: ['PROGRAM'],
  indexes: { byName: { index: 'gsi1', pk: ['PROGRAMS'], sk: [':nameKey', ':id'] } },
  derived: (program) => ({ nameKey: program.name.toLowerCase() }),
});

export const programKey = (id: string) => programEntity.key({ id });

/** Marks a table as seeded with the default programme, however many instances start at once. */
export const seedMarkerEntity = defineEntity<{ programId: string }>()({
  tag: 'seed',
  pk: ['SEED', 'programs'],
  sk: ['SEED'],
});
