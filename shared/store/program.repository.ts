import { AppError } from '../domain/errors.ts';
import {
  applyProgramPatch,
  newProgram,
  type Program,
  type ProgramFields,
  type UpdateProgram,
} from '../domain/program.ts';
import type { CursorCodec } from './cursor.ts';
import { programEntity, programKey, seedMarkerEntity } from './program.keys.ts';
import {
  historyWrite,
  type Page,
  type PageRequest,
  queryPage,
  readHistory,
  type WriteContext,
} from './records.ts';
import type { Table } from './table.ts';
import { VersionedRecords } from './versioned-records.ts';

export class ProgramRepository {
  readonly #records: VersionedRecords<Program>;

  constructor(
    private readonly table: Table,
    private readonly cursors: CursorCodec,
  ) {
    this.#records = new VersionedRecords(table, programEntity, 'programme');
  }

  async create(fields: ProgramFields, context: WriteContext): Promise<Program> {
    const program = newProgram(fields, { id: context.newId(), now: context.now });
    await this.table.transact([
      this.#records.put(program),
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
          condition: { expression: 'attribute_not_exists(pk)' },
          onConditionFailed: () => new AppError('conflict', 'already seeded'),
        },
        this.#records.put(program),
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

  find(id: string): Promise<Program | undefined> {
    return this.#records.find(programKey(id));
  }

  get(id: string): Promise<Program> {
    return this.#records.get(programKey(id), id);
  }

  async history(id: string) {
    await this.get(id);
    return readHistory(this.table, programKey(id).pk);
  }

  list(options: PageRequest): Promise<Page<Program>> {
    return queryPage<Program>(this.table, this.cursors, programEntity.query('byName', {}), options);
  }

  update(id: string, expectedVersion: number, patch: UpdateProgram, context: WriteContext) {
    return this.#records.change({ id, key: programKey(id), expectedVersion }, context, (current) => {
      const { id: _id, version: _version, createdAt: _createdAt, updatedAt: _updatedAt, ...fields } = current;
      return { next: { ...current, ...applyProgramPatch(fields, patch) }, history: { action: 'update' } };
    });
  }
}
