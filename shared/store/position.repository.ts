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
import { memoiseByKey } from '../memoise.ts';
import { appKey, appPk } from './application.keys.ts';
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

/**
 * One item per funding link in the application's partition (`APP#<app>` / `FUNDS#<position>`),
 * so a change of the application finds the positions whose funding end it moves.
 */
const FUNDING_LINK_PREFIX = 'FUNDS#';
const fundingLinkKey = (applicationId: string, positionId: string) => ({
  pk: appPk(applicationId),
  sk: `${FUNDING_LINK_PREFIX}${positionId}`,
});

const changedAlongside = (what: string) => () =>
  new AppError('conflict', `${what} changed at the same moment; nothing was saved. Please retry.`);

/** Reads an application; a request passes one memoised finder so it reads each application once. */
export type ApplicationFinder = (id: string) => Promise<Application | undefined>;

const USABLE_FOR_FUNDING: Application['status'][] = ['draft', 'submitted', 'approved'];

export class PositionRepository {
  constructor(
    private readonly table: Table,
    private readonly cursors: CursorCodec,
    private readonly applications: ApplicationRepository,
  ) {}

  /** A finder for one write: it reads each application once, however many steps need it. */
  #newFinder(): ApplicationFinder {
    return memoiseByKey((id) => this.applications.find(id));
  }

  async create(
    input: CreatePosition,
    context: WriteContext,
    findApplication = this.#newFinder(),
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
      ...(await this.#linkWrites(undefined, position, findApplication, context)),
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
    findApplication = this.#newFinder(),
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
      ...(await this.#linkWrites(current, next, findApplication, context)),
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
    findApplication = this.#newFinder(),
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

  /**
   * Contract end and funding end as deadlines, rewritten with every change of the position;
   * an open vacancy keeps its date but takes the position's owner and title as they are now,
   * so its reminders go to whoever owns the position today.
   */
  #termDeadlines(position: Position, links: LinkedFunding[], existing: Deadline[]): Write[] {
    const pk = positionPk(position.id);
    const writes: Write[] = [this.#fundingEndWrite(position, links)];
    const hadContractEnd = existing.find((deadline) => deadline.kind === 'contract_end');
    if (position.end) writes.push(putDeadline(pk, this.#deadline(position, 'contract_end', position.end)));
    else if (hadContractEnd) writes.push(removeDeadline(pk, hadContractEnd.id));
    const vacancy = existing.find((deadline) => deadline.kind === 'vacancy' && deadline.status === 'open');
    if (vacancy) writes.push(putDeadline(pk, this.#deadline(position, 'vacancy', vacancy.dueOn)));
    return writes;
  }

  /** The funding-end deadline as the links say now; none when no confirmed funding has a period. */
  #fundingEndWrite(position: Position, links: LinkedFunding[]): Write {
    const pk = positionPk(position.id);
    const dueOn = fundingEndOf(links);
    return dueOn
      ? putDeadline(pk, this.#deadline(position, 'position_funding_end', dueOn))
      : removeDeadline(pk, deadlineId(position.id, 'position_funding_end'));
  }

  /**
   * Keeps the funding links findable from their applications, and the two sides of a link from
   * racing: a new link bumps the application's version (with a history entry there), an existing
   * one is checked unchanged. An application change that read the old state then fails, or this
   * write does; either way no funding-end deadline is computed from stale data.
   */
  async #linkWrites(
    before: Position | undefined,
    after: Position,
    findApplication: ApplicationFinder,
    context: WriteContext,
  ): Promise<Write[]> {
    const had = new Set(before?.fundedBy.map((link) => link.applicationId));
    const has = new Set(after.fundedBy.map((link) => link.applicationId));
    const writes: Write[] = [];
    for (const applicationId of has) {
      const application = await findApplication(applicationId);
      if (!application) continue; // #checkLinks refused unknown applications already
      const unchanged = {
        expression: '#version = :version',
        names: { '#version': 'version' },
        values: { ':version': application.version },
      };
      const onConditionFailed = changedAlongside('A funding application');
      writes.push({
        put: { ...fundingLinkKey(applicationId, after.id), entity: 'funding_link', positionId: after.id },
      });
      if (had.has(applicationId)) {
        writes.push({ check: appKey(applicationId), condition: unchanged, onConditionFailed });
        continue;
      }
      writes.push(
        {
          update: appKey(applicationId),
          set: {
            expression: 'SET #version = #version + :one, updatedAt = :now',
            names: { '#version': 'version' },
            values: { ':one': 1, ':now': context.now.toISOString() },
          },
          condition: unchanged,
          onConditionFailed,
        },
        historyWrite(appPk(applicationId), context, {
          action: 'position_linked',
          note: `Funds position "${after.title}" (${after.id})`,
        }),
      );
    }
    for (const applicationId of had) {
      if (has.has(applicationId)) continue;
      writes.push(
        { remove: fundingLinkKey(applicationId, after.id) },
        historyWrite(appPk(applicationId), context, {
          action: 'position_unlinked',
          note: `No longer funds position "${after.title}" (${after.id})`,
        }),
      );
    }
    return writes;
  }

  /**
   * The writes that move the funding-end deadline of every position an application funds, for
   * the application's own transaction (approval, amendment, revocation). Each position is
   * checked unchanged, so a concurrent position write makes one of the two fail (409).
   */
  async fundingEndWrites(application: Application): Promise<Write[]> {
    const linkItems = await this.table.queryAll({
      partition: appPk(application.id),
      sortKeyPrefix: FUNDING_LINK_PREFIX,
    });
    const findApplication = memoiseByKey((id) =>
      id === application.id ? Promise.resolve(application) : this.applications.find(id),
    );
    const writes: Write[] = [];
    for (const item of linkItems) {
      const position = await this.find(String(item.positionId));
      if (!position) continue;
      writes.push(
        {
          check: positionKey(position.id),
          condition: versionIs(position.version),
          onConditionFailed: changedAlongside('A position this application funds'),
        },
        this.#fundingEndWrite(position, await this.linkedFunding(position, findApplication)),
      );
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
