import type { Position } from '../domain/position.ts';
import { defineEntity } from './entity.ts';

/** A position's partition: the position, its cost plan and actual costs, deadlines, history. */
export const positionEntity = defineEntity<Position>()({
  tag: 'position',
  pk: ['POS', ':id'],
  sk: ['POS'],
  indexes: { byTitle: { index: 'gsi1', pk: ['POSITIONS'], sk: [':titleKey', ':id'] } },
  derived: (position) => ({ titleKey: position.title.toLowerCase() }),
});

export const positionKey = (id: string) => positionEntity.key({ id });
export const positionPk = (id: string) => positionKey(id).pk;

/** Cost items live in the position's partition: their templates read `positionId` from the caller. */
export interface CostPlanItem {
  year: number;
  plannedGrossSalaryCents: number;
  updatedAt: string;
}

export const costPlanEntity = defineEntity<CostPlanItem>()({
  tag: 'cost_plan',
  pk: ['POS', ':positionId'],
  sk: ['PLAN', ':year'],
});

export interface ActualCostItem {
  month: string;
  grossSalaryCents: number;
  note: string | null;
  updatedAt: string;
}

export const actualCostEntity = defineEntity<ActualCostItem>()({
  tag: 'cost',
  pk: ['POS', ':positionId'],
  sk: ['COST', ':month'],
});

/**
 * Running total of FTE funded per programme (millionths of a VbE), kept by an `ADD` in the
 * same transaction as every position change.
 */
export const programFteEntity = defineEntity<{ programId: string }>()({
  tag: 'program_fte',
  pk: ['PROGRAMFTE', ':programId'],
  sk: ['PROGRAMFTE'],
});
