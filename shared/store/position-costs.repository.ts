import { AppError, invalid, notFound } from '../domain/errors.ts';
import { changedValues } from '../domain/history.ts';
import type { Position } from '../domain/position.ts';
import type { ActualCostInput, CostPlanInput } from '../domain/position-costs.ts';
import { mustNotExist, versionIs } from './conditions.ts';
import {
  type ActualCostItem,
  actualCostEntity,
  type CostPlanItem,
  costPlanEntity,
  positionKey,
  positionPk,
} from './position.keys.ts';
import { historyWrite, staleVersion, type WriteContext } from './records.ts';
import { type Item, type Key, type Table, withoutKeys } from './table.ts';

const outsideTerm = (position: Position) =>
  `must lie in the position's term (${position.start} – ${position.end ?? 'open'})`;

/** What a cost item is while it is being replaced: the new values, and its own version. */
type Versioned<T> = T & { version: number; updatedAt: string };

/** A position's cost plan per budget year and its actual costs per month, in its partition. */
export class PositionCostRepository {
  constructor(private readonly table: Table) {}

  /** Sets the plan of a budget year: a new year needs no If-Match, replacing one does (428/412). */
  setPlan(
    id: string,
    year: number,
    input: CostPlanInput,
    expectedVersion: number | undefined,
    context: WriteContext,
  ) {
    return this.#put<CostPlanItem>(id, expectedVersion, context, {
      key: costPlanEntity.key({ positionId: id, year: String(year) }),
      what: `the plan of ${year}`,
      check: (position) => {
        const lastYear = Number((position.end ?? '9999').slice(0, 4));
        if (year < Number(position.start.slice(0, 4)) || year > lastYear)
          throw invalid('year', outsideTerm(position));
      },
      record: { year, ...input },
      item: (plan) => costPlanEntity.item(plan, { positionId: id }),
      history: { action: 'cost_plan', note: `${year}: ${input.plannedGrossSalaryCents} cents gross` },
    });
  }

  /** Records the actual cost of a month: a new month needs no If-Match, correcting one does (428/412). */
  setActual(
    id: string,
    month: string,
    input: ActualCostInput,
    expectedVersion: number | undefined,
    context: WriteContext,
  ) {
    return this.#put<ActualCostItem>(id, expectedVersion, context, {
      key: actualCostEntity.key({ positionId: id, month }),
      what: `the costs of ${month}`,
      check: (position) => {
        if (month < position.start.slice(0, 7) || (position.end && month > position.end.slice(0, 7))) {
          throw invalid('month', outsideTerm(position));
        }
      },
      record: { month, grossSalaryCents: input.grossSalaryCents, note: input.note ?? null },
      item: (cost) => actualCostEntity.item(cost, { positionId: id }),
      history: { action: 'actual_cost', note: `${month}: ${input.grossSalaryCents} cents gross` },
    });
  }

  /**
   * Puts a cost item of a position: read with the position in one snapshot; an existing item is
   * replaced only at the version `If-Match` named, a new one only if nobody created it meanwhile.
   */
  async #put<T extends object>(
    positionId: string,
    expectedVersion: number | undefined,
    context: WriteContext,
    spec: {
      key: Key;
      what: string;
      check: (position: Position) => void;
      record: Omit<T, 'updatedAt'>;
      item: (record: Versioned<T>) => Item;
      history: { action: string; note: string };
    },
  ): Promise<Versioned<T>> {
    const [positionItem, existingItem] = await this.table.getMany([positionKey(positionId), spec.key]);
    if (!positionItem) throw notFound('Position', positionId);
    spec.check(withoutKeys<Position>(positionItem));
    const existing = existingItem ? withoutKeys<Versioned<T>>(existingItem) : undefined;
    const version = existing?.version ?? 0;
    if (existing && expectedVersion === undefined) {
      throw new AppError(
        'precondition_required',
        `${spec.what} is set already: send If-Match with its ETag to replace it`,
      );
    }
    if (expectedVersion !== undefined && expectedVersion !== version) throw staleVersion(spec.what);
    const next = {
      ...spec.record,
      version: version + 1,
      updatedAt: context.now.toISOString(),
    } as Versioned<T>;
    await this.table.transact([
      {
        put: spec.item(next),
        condition: existing ? versionIs(version) : mustNotExist,
        onConditionFailed: () => staleVersion(spec.what),
      },
      historyWrite(positionPk(positionId), context, {
        ...spec.history,
        changes: changedValues(existing ?? {}, next),
      }),
    ]);
    return next;
  }

  /** The cost plan and actual costs of a position the caller has already read. */
  async costs(position: Pick<Position, 'id'>) {
    const [plans, actuals] = await Promise.all([
      this.table.queryAll(costPlanEntity.partitionQuery({ positionId: position.id })),
      this.table.queryAll(actualCostEntity.partitionQuery({ positionId: position.id })),
    ]);
    return {
      plans: plans.map((item) => withoutKeys<Versioned<CostPlanItem>>(item)),
      actuals: actuals.map((item) => withoutKeys<Versioned<ActualCostItem>>(item)),
    };
  }
}
