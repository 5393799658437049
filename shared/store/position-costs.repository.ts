import { invalid } from '../domain/errors.ts';
import type { Position } from '../domain/position.ts';
import type { ActualCostInput, CostPlanInput } from '../domain/position-costs.ts';
import {
  type ActualCostItem,
  actualCostEntity,
  type CostPlanItem,
  costPlanEntity,
  positionPk,
} from './position.keys.ts';
import type { PositionRepository } from './position.repository.ts';
import { historyWrite, type WriteContext } from './records.ts';
import { type Table, withoutKeys } from './table.ts';

const outsideTerm = (position: Position) =>
  `must lie in the position's term (${position.start} – ${position.end ?? 'open'})`;

/** A position's cost plan per budget year and its actual costs per month, in its partition. */
export class PositionCostRepository {
  constructor(
    private readonly table: Table,
    private readonly positions: PositionRepository,
  ) {}

  async setPlan(
    id: string,
    year: number,
    input: CostPlanInput,
    context: WriteContext,
  ): Promise<CostPlanItem> {
    const position = await this.positions.get(id);
    const lastYear = Number((position.end ?? '9999').slice(0, 4));
    if (year < Number(position.start.slice(0, 4)) || year > lastYear)
      throw invalid('year', outsideTerm(position));
    const plan: CostPlanItem = { year, ...input, updatedAt: context.now.toISOString() };
    await this.table.transact([
      { put: costPlanEntity.item(plan, { positionId: id }) },
      historyWrite(positionPk(id), context, {
        action: 'cost_plan',
        note: `${year}: ${input.plannedGrossSalaryCents} cents gross`,
      }),
    ]);
    return plan;
  }

  async setActual(
    id: string,
    month: string,
    input: ActualCostInput,
    context: WriteContext,
  ): Promise<ActualCostItem> {
    const position = await this.positions.get(id);
    if (month < position.start.slice(0, 7) || (position.end && month > position.end.slice(0, 7))) {
      throw invalid('month', outsideTerm(position));
    }
    const cost: ActualCostItem = {
      month,
      grossSalaryCents: input.grossSalaryCents,
      note: input.note ?? null,
      updatedAt: context.now.toISOString(),
    };
    await this.table.transact([
      { put: actualCostEntity.item(cost, { positionId: id }) },
      historyWrite(positionPk(id), context, {
        action: 'actual_cost',
        note: `${month}: ${input.grossSalaryCents} cents gross`,
      }),
    ]);
    return cost;
  }

  /** The cost plan and actual costs of a position the caller has already read. */
  async costs(position: Pick<Position, 'id'>) {
    const [plans, actuals] = await Promise.all([
      this.table.queryAll(costPlanEntity.partitionQuery({ positionId: position.id })),
      this.table.queryAll(actualCostEntity.partitionQuery({ positionId: position.id })),
    ]);
    return {
      plans: plans.map((item) => withoutKeys<CostPlanItem>(item)),
      actuals: actuals.map((item) => withoutKeys<ActualCostItem>(item)),
    };
  }
}
