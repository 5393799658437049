import type { Application } from '../domain/application.ts';
import { addDays } from '../domain/calendar-date.ts';
import { type Deadline, deadlineId } from '../domain/deadline.ts';
import { AppError, type FieldError, invalid } from '../domain/errors.ts';
import type { HistoryEntry } from '../domain/history.ts';
import {
  type CreatePosition,
  checkPositionDates,
  decideStaffing,
  fteByProgram,
  fundingEndOf,
  type LinkedFunding,
  type Position,
  type StaffingChange,
  type UpdatePosition,
} from '../domain/position.ts';
import type { ActualCostInput, CostPlanInput } from '../domain/position-costs.ts';
import type { ApplicationRepository } from './application.repository.ts';
import type { CursorCodec } from './cursor.ts';
import { closeDeadline, DEADLINE_PREFIX, putDeadline, removeDeadline } from './deadline.items.ts';
import {
  actorAsOwner,
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
import { mustNotExist, type Table, versionIs, type Write, withoutKeys } from './table.ts';

export const positionPk = (id: string) => `POS#${id}`;
export const positionKey = (id: string) => ({ pk: positionPk(id), sk: 'POS' });

function positionItem(position: Position) {
  return {
    ...positionKey(position.id),
    entity: 'position',
    gsi1pk: 'POSITIONS',
    gsi1sk: `${position.title.toLowerCase()}#${position.id}`,
    ...position,
  };
}

/** Running total of FTE funded per programme, kept in the same transaction as every position change. */
const programFteKey = (programId: string) => ({ pk: `PROGRAMFTE#${programId}`, sk: 'PROGRAMFTE' });

function programFteWrites(before: Map<string, number>, after: Map<string, number>): Write[] {
  const programs = new Set([...before.keys(), ...after.keys()]);
  return [...programs]
    .map((programId) => ({ programId, delta: (after.get(programId) ?? 0) - (before.get(programId) ?? 0) }))
    .filter(({ delta }) => delta !== 0)
    .map(({ programId, delta }) => ({
      update: programFteKey(programId),
      set: {
        expression: 'ADD fundedFteMillionths :delta SET entity = :entity',
        values: { ':delta': delta, ':entity': 'program_fte' },
      },
    }));
}

/** Reads an application; a request passes one memoised finder so it reads each application once. */
export type ApplicationFinder = (id: string) => Promise<Application | undefined>;

const USABLE_FOR_FUNDING: Application['status'][] = ['draft', 'submitted', 'approved'];

export class PositionRepository {
  constructor(
    private readonly table: Table,
    private readonly cursors: CursorCodec,
    private readonly applications: ApplicationRepository,
  ) {}

  readonly #findApplication: ApplicationFinder = (id) => this.applications.find(id);

  async create(
    input: CreatePosition,
    context: WriteContext,
    findApplication = this.#findApplication,
  ): Promise<Position> {
    const at = context.now.toISOString();
    const fundedBy = await this.#checkLinks(input.fundedBy, findApplication);
    const position: Position = {
      ...input,
      payStep: input.payStep ?? null,
      end: input.end ?? null,
      owner: input.owner ?? actorAsOwner(context),
      fundedBy,
      staffing: 'planned',
      staffingSince: null,
      holder: null,
      id: context.newId(),
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const links = await this.linkedFunding(position, findApplication);
    await this.table.transact([
      { put: positionItem(position), condition: mustNotExist },
      ...programFteWrites(new Map(), fteByProgram(position)),
      historyWrite(positionPk(position.id), context, { action: 'create', to: 'planned' }),
      ...this.#termDeadlines(position, links, []),
    ]);
    return position;
  }

  find(id: string): Promise<Position | undefined> {
    return findRecord<Position>(this.table, positionKey(id));
  }

  async get(id: string): Promise<Position> {
    return getRecord(await this.find(id), 'Position', id);
  }

  list(page: PageRequest): Promise<Page<Position>> {
    return queryPage(this.table, this.cursors, { index: 'gsi1', partition: 'POSITIONS' }, page);
  }

  /** FTE funded under a programme across all of the city's positions, in hundredths of a VbE. */
  async fundedFteHundredths(programId: string): Promise<number> {
    const item = await this.table.get(programFteKey(programId));
    return Math.round(Number(item?.fundedFteMillionths ?? 0) / 10_000);
  }

  async update(
    id: string,
    expectedVersion: number,
    patch: UpdatePosition,
    context: WriteContext,
    findApplication = this.#findApplication,
  ): Promise<Position> {
    const current = await this.#current(id, expectedVersion);
    const fundedBy = patch.fundedBy
      ? await this.#checkLinks(patch.fundedBy, findApplication)
      : current.fundedBy;
    const next: Position = {
      ...current,
      ...patch,
      payStep: patch.payStep === undefined ? current.payStep : patch.payStep,
      end: patch.end === undefined ? current.end : patch.end,
      owner: patch.owner ?? current.owner,
      fundedBy,
      version: current.version + 1,
      updatedAt: context.now.toISOString(),
    };
    checkPositionDates(next);
    const links = await this.linkedFunding(next, findApplication);
    await this.table.transact([
      this.#replace(next, expectedVersion),
      ...programFteWrites(fteByProgram(current), fteByProgram(next)),
      historyWrite(positionPk(id), context, { action: 'update', changes: changedFields(current, next) }),
      ...this.#termDeadlines(next, links, await this.#deadlines(id)),
    ]);
    return next;
  }

  /** A staffing step; a vacancy becomes a deadline (due after the warning period) until the post is advertised again. */
  async changeStaffing(
    id: string,
    expectedVersion: number,
    change: StaffingChange,
    vacancyWarningDays: number,
    context: WriteContext,
  ): Promise<Position> {
    const current = await this.#current(id, expectedVersion);
    const next = {
      ...decideStaffing(current, change),
      version: current.version + 1,
      updatedAt: context.now.toISOString(),
    };
    const writes: Write[] = [
      this.#replace(next, expectedVersion),
      historyWrite(positionPk(id), context, {
        action: 'staffing',
        from: current.staffing,
        to: next.staffing,
        note: [change.on, change.holder ? `${change.holder.name}` : null, change.note]
          .filter(Boolean)
          .join(' · '),
      }),
    ];
    const vacancy = this.#deadline(next, 'vacancy', addDays(change.on, vacancyWarningDays));
    if (next.staffing === 'vacant') writes.push(putDeadline(positionPk(id), vacancy));
    const open = (await this.#deadlines(id)).find(
      (deadline) => deadline.kind === 'vacancy' && deadline.status === 'open',
    );
    if (current.staffing === 'vacant' && open) writes.push(closeDeadline(positionPk(id), open, context.now));
    await this.table.transact(writes);
    return next;
  }

  async history(id: string): Promise<HistoryEntry[]> {
    await this.get(id);
    return readHistory(this.table, positionPk(id));
  }

  async setPlan(id: string, year: number, input: CostPlanInput, context: WriteContext) {
    const position = await this.get(id);
    const lastYear = Number((position.end ?? '9999').slice(0, 4));
    if (year < Number(position.start.slice(0, 4)) || year > lastYear) {
      throw invalid(
        'year',
        `must lie in the position's term (${position.start} – ${position.end ?? 'open'})`,
      );
    }
    const plan = { year, ...input, updatedAt: context.now.toISOString() };
    await this.table.transact([
      { put: { pk: positionPk(id), sk: `PLAN#${year}`, entity: 'cost_plan', ...plan } },
      historyWrite(positionPk(id), context, {
        action: 'cost_plan',
        note: `${year}: ${input.plannedGrossSalaryCents} cents gross`,
      }),
    ]);
    return plan;
  }

  async setActual(id: string, month: string, input: ActualCostInput, context: WriteContext) {
    const position = await this.get(id);
    if (month < position.start.slice(0, 7) || (position.end && month > position.end.slice(0, 7))) {
      throw invalid(
        'month',
        `must lie in the position's term (${position.start} – ${position.end ?? 'open'})`,
      );
    }
    const cost = {
      month,
      grossSalaryCents: input.grossSalaryCents,
      note: input.note ?? null,
      updatedAt: context.now.toISOString(),
    };
    await this.table.transact([
      { put: { pk: positionPk(id), sk: `COST#${month}`, entity: 'cost', ...cost } },
      historyWrite(positionPk(id), context, {
        action: 'actual_cost',
        note: `${month}: ${input.grossSalaryCents} cents gross`,
      }),
    ]);
    return cost;
  }

  /** The cost plan and actual costs of a position the caller has already read. */
  async costs(position: Pick<Position, 'id'>) {
    const id = position.id;
    const [plans, actuals] = await Promise.all([
      this.table.queryAll({ partition: positionPk(id), sortKeyPrefix: 'PLAN#' }),
      this.table.queryAll({ partition: positionPk(id), sortKeyPrefix: 'COST#' }),
    ]);
    return {
      plans: plans.map((item) => withoutKeys<{ year: number; plannedGrossSalaryCents: number }>(item)),
      actuals: actuals.map((item) => withoutKeys<{ month: string; grossSalaryCents: number }>(item)),
    };
  }

  /** The funding links with what their applications say now (status, approved period). */
  async linkedFunding(
    position: Pick<Position, 'fundedBy'>,
    findApplication = this.#findApplication,
  ): Promise<LinkedFunding[]> {
    const links: LinkedFunding[] = [];
    for (const link of position.fundedBy) {
      const application = await findApplication(link.applicationId);
      if (!application) continue;
      const approved = application.status === 'approved' || application.status === 'closed';
      links.push({
        applicationId: link.applicationId,
        shareBasisPoints: link.shareBasisPoints,
        planned: !approved,
        programId: application.programId,
        period: application.notice?.fundingPeriod ?? (approved ? application.fundingPeriod : null),
      });
    }
    return links;
  }

  /**
   * Links must name existing applications; one that is not approved is allowed only when
   * declared `planned` (and is flagged); rejected, withdrawn or revoked ones never fund.
   */
  async #checkLinks(
    links: CreatePosition['fundedBy'],
    findApplication: ApplicationFinder,
  ): Promise<Position['fundedBy']> {
    const errors: FieldError[] = [];
    const checked: Position['fundedBy'] = [];
    for (const [index, link] of links.entries()) {
      const application = await findApplication(link.applicationId);
      const path = `fundedBy.${index}.applicationId`;
      if (!application) {
        errors.push({ path, message: 'no such application' });
      } else if (!USABLE_FOR_FUNDING.includes(application.status)) {
        errors.push({ path, message: `a ${application.status} application funds nothing` });
      } else if (application.status !== 'approved' && !link.planned) {
        errors.push({
          path,
          message: `is ${application.status}, not approved: link it with "planned": true`,
        });
      } else {
        checked.push({
          ...link,
          planned: application.status !== 'approved',
          programId: application.programId,
        });
      }
    }
    if (errors.length) throw new AppError('validation', 'The funding links are not valid', { errors });
    return checked;
  }

  /** Contract end and funding end as deadlines, rewritten with every change of the position. */
  #termDeadlines(position: Position, links: LinkedFunding[], existing: Deadline[]): Write[] {
    const pk = positionPk(position.id);
    const writes: Write[] = [];
    const wanted: [Deadline['kind'], string | null][] = [
      ['contract_end', position.end],
      ['position_funding_end', fundingEndOf(links)],
    ];
    for (const [kind, dueOn] of wanted) {
      const had = existing.find((deadline) => deadline.kind === kind);
      if (dueOn) writes.push(putDeadline(pk, this.#deadline(position, kind, dueOn)));
      else if (had) writes.push(removeDeadline(pk, had.id));
    }
    return writes;
  }

  #deadline(position: Position, kind: Deadline['kind'], dueOn: string): Deadline {
    return {
      id: deadlineId(position.id, kind),
      kind,
      dueOn,
      subject: {
        type: 'position',
        id: position.id,
        title: position.title,
        path: `/v1/positions/${position.id}`,
      },
      owner: position.owner,
      status: 'open',
    };
  }

  async #deadlines(id: string): Promise<Deadline[]> {
    const items = await this.table.queryAll({ partition: positionPk(id), sortKeyPrefix: DEADLINE_PREFIX });
    return items.map((item) => withoutKeys<Deadline>(item));
  }

  #replace(position: Position, expectedVersion: number): Write {
    return {
      put: positionItem(position),
      condition: versionIs(expectedVersion),
      onConditionFailed: () => staleVersion('position'),
    };
  }

  async #current(id: string, expectedVersion: number): Promise<Position> {
    const current = await this.get(id);
    if (current.version !== expectedVersion) throw staleVersion('position');
    return current;
  }
}
