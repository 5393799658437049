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
  /** The calls of each application that has called any, by application id. */
  callsOf: Map<string, FundsCall[]>;
  /** Every open deadline, by due date. */
  openDeadlines: Deadline[];
  positions: Position[];
  /** The cost plan and actual costs of each vacant position (what its vacancy leaves unused), by its id. */
  vacantCosts: Map<string, Awaited<ReturnType<PositionCostRepository['costs']>>>;
}

/** Calls by their application, in call order. */
function byApplication(calls: readonly FundsCall[]): Map<string, FundsCall[]> {
  const grouped = new Map<string, FundsCall[]>();
  for (const call of calls)
    grouped.set(call.applicationId, [...(grouped.get(call.applicationId) ?? []), call]);
  return grouped;
}

/**
 * What the dashboard is computed from, read without a Scan: each list is one access pattern
 * read page by page (programmes, applications newest first, all funds calls, the sparse
 * open-deadline partition, positions; for each vacant position its costs). A grant whose listed calls do not add up to what it
 * says it has called (a call not in the list yet: written before the list existed, or the index
 * not caught up with a call just made) is read from its own partition instead: the only reads
 * that can grow with the grants, one Query for each such grant.
 */
export class FundingSummaryReader {
  constructor(
    private readonly table: Table,
    private readonly positionCosts: PositionCostRepository,
  ) {}

  async read(): Promise<FundingSummaryRecords> {
    const applicationsWithCalls = Promise.all([
      this.#all<Application>(applicationEntity.query('newestFirst', {}, { newestFirst: true })),
      this.#all<FundsCall>(fundsCallEntity.query('all', {})),
    ]).then(([applications, calls]) => this.#completeCalls(applications, byApplication(calls)));
    const positionsWithCosts = this.#all<Position>(positionEntity.query('byTitle', {})).then(
      async (positions) => [positions, await this.#vacantCosts(positions)] as const,
    );
    const [programs, [applications, callsOf], openDeadlines, [positions, vacantCosts]] = await Promise.all([
      this.#all<Program>(programEntity.query('byName', {})),
      applicationsWithCalls,
      this.table.queryAll(deadlineEntity.query('open', {})).then((items) => items.map(toDeadline)),
      positionsWithCosts,
    ]);
    return { programs, applications, callsOf, openDeadlines, positions, vacantCosts };
  }

  /** Reads the calls of each grant whose listed calls fall short of its called amount from its partition. */
  async #completeCalls(
    applications: Application[],
    listed: Map<string, FundsCall[]>,
  ): Promise<[Application[], Map<string, FundsCall[]>]> {
    const sum = (calls: readonly FundsCall[] = []) =>
      calls.reduce((total, call) => total + call.amountCents, 0);
    const incomplete = applications.filter(
      (application) => sum(listed.get(application.id)) !== application.calledCents,
    );
    const calls = await mapWithConcurrency(incomplete, PER_RECORD_CONCURRENCY, (application) =>
      this.#all<FundsCall>(fundsCallEntity.partitionQuery({ applicationId: application.id })),
    );
    for (const [index, application] of incomplete.entries()) listed.set(application.id, calls[index] ?? []);
    return [applications, listed];
  }

  /** The cost plans and actual costs of the vacant positions, read alongside the other lists. */
  async #vacantCosts(positions: readonly Position[]) {
    const vacant = positions.filter((position) => position.staffing === 'vacant');
    const costs = await mapWithConcurrency(vacant, PER_RECORD_CONCURRENCY, (position) =>
      this.positionCosts.costs(position),
    );
    return new Map(vacant.map((position, index) => [position.id, costs[index]!]));
  }

  async #all<T>(query: Parameters<Table['queryAll']>[0]): Promise<T[]> {
    return (await this.table.queryAll(query)).map((item) => withoutKeys<T>(item));
  }
}
