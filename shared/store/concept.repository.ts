import {
  applyConceptUpdate,
  type Concept,
  type CreateConcept,
  newConcept,
  type UpdateConcept,
} from '../domain/concept.ts';
import { changedValues } from '../domain/history.ts';
import { conceptEntity, conceptKey, conceptListQuery, conceptPk } from './concept.keys.ts';
import { type ConceptAggregate, type ConceptState, toConcept } from './concept-aggregate.ts';
import { mustNotExist } from './conditions.ts';
import type { CursorCodec } from './cursor.ts';
import {
  historyWrite,
  type Page,
  type PageRequest,
  queryPage,
  staleVersion,
  type WriteContext,
} from './records.ts';
import { requirePosition } from './references.ts';
import type { Table } from './table.ts';
import { RecordRepository } from './versioned-records.ts';

export interface ConceptFilter {
  status?: Concept['status'] | undefined;
  district?: string | undefined;
  positionId?: string | undefined;
}

export class ConceptRepository extends RecordRepository<Concept> {
  constructor(
    table: Table,
    private readonly cursors: CursorCodec,
    private readonly aggregates: ConceptAggregate,
  ) {
    super(table, conceptEntity, 'concept', conceptKey, toConcept);
  }

  async create(input: CreateConcept, context: WriteContext): Promise<Concept> {
    if (input.positionId) await requirePosition(this.table, input.positionId);
    const concept = newConcept(input, { id: context.newId(), now: context.now });
    await this.table.transact([
      { put: { ...conceptEntity.item(concept), revision: 0 }, condition: mustNotExist },
      historyWrite(conceptPk(concept.id), context, { action: 'create', to: concept.status }),
    ]);
    return concept;
  }

  /** By district (gsi1), or a position's concepts (gsi3); a status narrows either. */
  list(filter: ConceptFilter, page: PageRequest): Promise<Page<Concept>> {
    return queryPage(this.table, this.cursors, conceptListQuery(filter), page, toConcept);
  }

  async listForPosition(positionId: string): Promise<Concept[]> {
    const items = await this.table.queryAll(conceptEntity.query('ofPosition', { positionId }));
    return items.map(toConcept);
  }

  /** A change of the concept itself re-derives every milestone's deadlines (the owner may have moved). */
  async update(id: string, expectedVersion: number, patch: UpdateConcept, context: WriteContext) {
    const state = await this.aggregates.read(id);
    if (state.concept.version !== expectedVersion) throw staleVersion('concept');
    if (patch.positionId) await requirePosition(this.table, patch.positionId);
    const current = state.concept;
    const next = applyConceptUpdate(current, patch, context.now);
    const moved = next.status !== current.status;
    const versionAndRevision = this.aggregates.revisionIs(state.revision);
    await this.aggregates.commit(state, context, {
      concept: next,
      writes: [
        {
          put: { ...conceptEntity.item(next), revision: state.revision + 1 },
          condition: {
            expression: `#version = :expectedVersion AND ${versionAndRevision.expression}`,
            names: { '#version': 'version', ...versionAndRevision.names },
            values: { ':expectedVersion': expectedVersion, ...versionAndRevision.values },
          },
          onConditionFailed: () => staleVersion('concept'),
        },
        historyWrite(conceptPk(id), context, {
          action: moved ? 'status' : 'update',
          ...(moved ? { from: current.status, to: next.status } : {}),
          note: patch.note,
          changes: changedValues(current, next),
        }),
      ],
    });
    return next;
  }

  /** The concept with all its milestones (by due date) and their reports, for the narrative report. */
  async aggregate(id: string): Promise<Pick<ConceptState, 'concept' | 'milestones' | 'reports'>> {
    const { concept, milestones, reports } = await this.aggregates.read(id);
    return { concept, milestones, reports };
  }
}
