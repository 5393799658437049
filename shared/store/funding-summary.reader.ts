import { mapWithConcurrency } from '../concurrency.ts';
import type { Application } from '../domain/application.ts';
import type { Deadline } from '../domain/deadline.ts';
import type { FundsCall } from '../domain/funds-call.ts';
import type { Position } from '../domain/position.ts';
import type { Program } from '../domain/program.ts';
import { applicationEntity, fundsCallEntity } from './application.keys.ts';
import { deadlineEntity } from './deadline.keys.ts';
import { toDeadline } from './deadline-sync.ts';
import { positionEntity } from './position.keys.ts';
import type { PositionCostRepository } from './position-costs.repository.ts';
import { programEntity } from './program.keys.ts';
import { type Table, withoutKeys } from './table.ts';

/** Queries in flight at once for the per-grant reads: hides latency, stays clear of throttling. */
const PER_RECORD_CONCURRENCY = 8;

export interface FundingSummaryRecords {
  programs: Program[];
  /** Newest first. */
  applications: Application[];
  /** The calls of each application that has called money, by application id. */
  callsOf: Map<string, FundsCall[]>;
  /** Every open deadline, by due date. */
  openDeadlines: Deadline[];
  positions: Position[];
}

/**
 * What the dashboard is computed from, read without a Scan: each list is one access pattern
 * read page by page (programmes, applications newest first, the sparse open-deadline partition,
 * positions); the only reads that grow with the number of grants are one Query per grant that
 * has called money, for its calls (they live in the grant's partition and no index lists them).
 */
export class FundingSummaryReader {
  constructor(
    private readonly table: Table,
    private readonly positionCosts: PositionCostRepository,
  ) {}

  async read(): Promise<FundingSummaryRecords> {
    const [programs, applications, openDeadlines, positions] = await Promise.all([
      this.#all<Program>(programEntity.query('byName', {})),
      this.#all<Application>(applicationEntity.query('newestFirst', {}, { newestFirst: true })),
      this.table.queryAll(deadlineEntity.query('open', {})).then((items) => items.map(toDeadline)),
      this.#all<Position>(positionEntity.query('byTitle', {})),
    ]);
    const called = applications.filter((application) => application.calledCents > 0);
    const calls = await mapWithConcurrency(called, PER_RECORD_CONCURRENCY, (application) =>
      this.#all<FundsCall>(fundsCallEntity.partitionQuery({ applicationId: application.id })),
    );
    return {
      programs,
      applications,
      callsOf: new Map(called.map((application, index) => [application.id, calls[index] ?? []])),
      openDeadlines,
      positions,
    };
  }

  /** The cost plans and actual costs of some positions (the vacant ones), by position id. */
  async costsOf(positions: readonly Position[]) {
    const costs = await mapWithConcurrency(positions, PER_RECORD_CONCURRENCY, (position) =>
      this.positionCosts.costs(position),
    );
    return new Map(positions.map((position, index) => [position.id, costs[index]!]));
  }

  async #all<T>(query: Parameters<Table['queryAll']>[0]): Promise<T[]> {
    return (await this.table.queryAll(query)).map((item) => withoutKeys<T>(item));
  }
}
