import { AppError } from '../domain/errors.ts';
import {
  applyProgramPatch,
  newProgram,
  type Program,
  type ProgramFields,
  type UpdateProgram,
} from '../domain/program.ts';
import { mustNotExist } from './conditions.ts';
import type { CursorCodec } from './cursor.ts';
import { programEntity, programKey, seedMarkerEntity } from './program.keys.ts';
import { historyWrite, type Page, type PageRequest, queryPage, type WriteContext } from './records.ts';
import type { Table } from './table.ts';
import { RecordRepository } from './versioned-records.ts';

export class ProgramRepository extends RecordRepository<Program> {
  constructor(
    table: Table,
    private readonly cursors: CursorCodec,
  ) {
    super(table, programEntity, 'programme', programKey);
  }

  async create(fields: ProgramFields, context: WriteContext): Promise<Program> {
    const program = newProgram(fields, { id: context.newId(), now: context.now });
    await this.table.transact([
      this.records.put(program),
      historyWrite(programKey(program.id).pk, context, { action: 'create', to: program.name }),
    ]);
    return program;
  }

  /** Creates the default programme once per table, however many instances start at once. */
  async seedOnce(fields: ProgramFields, context: WriteContext): Promise<Program | undefined> {
    const program = newProgram(fields, { id: context.newId(), now: context.now });
    try {
      await this.table.transact([
        {
          put: seedMarkerEntity.item({ programId: program.id }),
          condition: mustNotExist,
          onConditionFailed: () => new AppError('conflict', 'already seeded'),
        },
        this.records.put(program),
        historyWrite(programKey(program.id).pk, context, {
          action: 'create',
          to: program.name,
          note: 'seed',
        }),
      ]);
      return program;
    } catch (error) {
      if (error instanceof AppError && error.kind === 'conflict') return undefined;
      throw error;
    }
  }

  list(options: PageRequest): Promise<Page<Program>> {
    return queryPage<Program>(this.table, this.cursors, programEntity.query('byName', {}), options);
  }

  update(id: string, expectedVersion: number, patch: UpdateProgram, context: WriteContext) {
    return this.records.change({ id, key: programKey(id), expectedVersion }, context, (current) => {
      const { id: _id, version: _version, createdAt: _createdAt, updatedAt: _updatedAt, ...fields } = current;
      return { next: { ...current, ...applyProgramPatch(fields, patch) }, history: { action: 'update' } };
    });
  }
}
