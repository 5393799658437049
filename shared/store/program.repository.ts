import { AppError } from '../domain/errors.ts';
import {
  applyProgramPatch,
  type Program,
  type ProgramFields,
  type UpdateProgram,
} from '../domain/program.ts';
import type { CursorCodec } from './cursor.ts';
import {
  changedFields,
  findRecord,
  getRecord,
  historyWrite,
  type Page,
  type PageRequest,
  queryPage,
  readHistory,
  staleVersion,
  type WriteContext,
} from './records.ts';
import { mustNotExist, type Table, versionIs } from './table.ts';

const programKey = (id: string) => ({ pk: `PROGRAM#${id}`, sk: 'PROGRAM' });
const SEED_MARKER = { pk: 'SEED#programs', sk: 'SEED' };

function toItem(program: Program) {
  return {
    ...programKey(program.id),
    entity: 'program',
    gsi1pk: 'PROGRAMS',
    gsi1sk: `${program.name.toLowerCase()}#${program.id}`,
    ...program,
  };
}

export class ProgramRepository {
  constructor(
    private readonly table: Table,
    private readonly cursors: CursorCodec,
  ) {}

  async create(fields: ProgramFields, context: WriteContext): Promise<Program> {
    const program = this.#newProgram(fields, context);
    await this.table.transact([
      { put: toItem(program), condition: mustNotExist },
      historyWrite(programKey(program.id).pk, context, { action: 'create', to: program.name }),
    ]);
    return program;
  }

  /** Creates the default programme once per table, however many instances start at once. */
  async seedOnce(fields: ProgramFields, context: WriteContext): Promise<Program | undefined> {
    const program = this.#newProgram(fields, context);
    try {
      await this.table.transact([
        {
          put: { ...SEED_MARKER, entity: 'seed', programId: program.id },
          condition: mustNotExist,
          onConditionFailed: () => new AppError('conflict', 'already seeded'),
        },
        { put: toItem(program), condition: mustNotExist },
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
    return findRecord<Program>(this.table, programKey(id));
  }

  async get(id: string): Promise<Program> {
    return getRecord(await this.find(id), 'Programme', id);
  }

  async history(id: string) {
    await this.get(id);
    return readHistory(this.table, programKey(id).pk);
  }

  list(options: PageRequest): Promise<Page<Program>> {
    return queryPage<Program>(this.table, this.cursors, { index: 'gsi1', partition: 'PROGRAMS' }, options);
  }

  async update(id: string, expectedVersion: number, patch: UpdateProgram, context: WriteContext) {
    const current = await this.get(id);
    if (current.version !== expectedVersion) throw staleVersion('programme');
    const { id: _id, version, createdAt, updatedAt, ...fields } = current;
    const next: Program = {
      ...applyProgramPatch(fields, patch),
      id,
      version: version + 1,
      createdAt,
      updatedAt: context.now.toISOString(),
    };
    await this.table.transact([
      {
        put: toItem(next),
        condition: versionIs(expectedVersion),
        onConditionFailed: () => staleVersion('programme'),
      },
      historyWrite(programKey(id).pk, context, { action: 'update', changes: changedFields(current, next) }),
    ]);
    return next;
  }

  #newProgram(fields: ProgramFields, context: WriteContext): Program {
    const at = context.now.toISOString();
    return { ...fields, id: context.newId(), version: 1, createdAt: at, updatedAt: at };
  }
}
