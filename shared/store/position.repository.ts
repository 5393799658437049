import {
  applyPositionUpdate,
  type CreatePosition,
  decideStaffing,
  newPosition,
  type Position,
  type StaffingChange,
  type UpdatePosition,
} from '../domain/position.ts';
import { positionDeadlineIds, positionDeadlines, vacancyDeadlines } from '../domain/position-deadlines.ts';
import {
  checkFundingLinks,
  countsTowardCap,
  fteByProgram,
  type LinkedFunding,
  linkFunding,
} from '../domain/position-funding.ts';
import { memoiseByKey } from '../memoise.ts';
import type { ApplicationRepository } from './application.repository.ts';
import type { CursorCodec } from './cursor.ts';
import { deadlineKeys, storedDeadlines, syncDeadlines } from './deadline-sync.ts';
import { type ApplicationFinder, type FundingLinks, linkedApplications } from './funding-link.repository.ts';
import { positionEntity, positionKey, positionPk } from './position.keys.ts';
import { fundedFteHundredths, programFteWrites } from './program-fte.ts';
import {
  actorAsOwner,
  historyWrite,
  type Page,
  type PageRequest,
  queryPage,
  type WriteContext,
} from './records.ts';
import type { Item, Table } from './table.ts';
import { RecordRepository } from './versioned-records.ts';

export type { ApplicationFinder } from './funding-link.repository.ts';

/** What a position's deadlines need besides the position: its links as its applications say now. */
interface DeadlineFacts {
  links: LinkedFunding[];
  vacancyWarningDays: number;
}

export class PositionRepository extends RecordRepository<Position> {
  constructor(
    table: Table,
    private readonly cursors: CursorCodec,
    private readonly applications: ApplicationRepository,
    private readonly fundingLinks: FundingLinks,
  ) {
    super(table, positionEntity, 'position', positionKey);
  }

  /** A finder for one write: it reads each application once, however many steps need it. */
  #newFinder(): ApplicationFinder {
    return memoiseByKey((id) => this.applications.find(id));
  }

  async create(
    input: CreatePosition,
    context: WriteContext,
    findApplication = this.#newFinder(),
  ): Promise<Position> {
    const fundedBy = checkFundingLinks(input.fundedBy, await linkedApplications(input, findApplication));
    const position = newPosition(
      input,
      { owner: input.owner ?? actorAsOwner(context), fundedBy },
      { id: context.newId(), now: context.now },
    );
    const links = linkFunding(position, await linkedApplications(position, findApplication));
    const counts = await this.#countsTowardCap(position, findApplication);
    await this.table.transact([
      this.records.put(position),
      ...programFteWrites(new Map(), fteByProgram(position, counts)),
      historyWrite(positionPk(position.id), context, { action: 'create', to: 'planned' }),
      ...syncDeadlines(
        positionPk(position.id),
        [],
        positionDeadlines(position, links, { stored: [], vacancyWarningDays: 0 }),
        context.now,
      ),
      ...(await this.fundingLinks.writes(undefined, position, findApplication, context)),
    ]);
    return position;
  }

  list(page: PageRequest): Promise<Page<Position>> {
    return queryPage(this.table, this.cursors, positionEntity.query('byTitle', {}), page);
  }

  /** FTE funded under a programme across all of the city's positions, in hundredths of a VbE. */
  fundedFteHundredths(programId: string): Promise<number> {
    return fundedFteHundredths(this.table, programId);
  }

  update(
    id: string,
    expectedVersion: number,
    patch: UpdatePosition,
    vacancyWarningDays: number,
    context: WriteContext,
    findApplication = this.#newFinder(),
  ): Promise<Position> {
    return this.records.change(this.#withDeadlines(id, expectedVersion), context, async (current, read) => {
      const fundedBy = patch.fundedBy
        ? checkFundingLinks(
            patch.fundedBy,
            await linkedApplications({ fundedBy: patch.fundedBy }, findApplication),
          )
        : current.fundedBy;
      const next = applyPositionUpdate(current, patch, fundedBy);
      const links = linkFunding(next, await linkedApplications(next, findApplication));
      const counts = await this.#countsTowardCap(
        { fundedBy: [...current.fundedBy, ...next.fundedBy] },
        findApplication,
      );
      return {
        next,
        history: { action: 'update' },
        writes: [
          ...programFteWrites(fteByProgram(current, counts), fteByProgram(next, counts)),
          ...this.#deadlineWrites(next, read, { links, vacancyWarningDays }, context),
          ...(await this.fundingLinks.writes(current, next, findApplication, context)),
        ],
      };
    });
  }

  /** A staffing step; a vacancy becomes a deadline (due after the warning period) until the post is advertised again. */
  changeStaffing(
    id: string,
    expectedVersion: number,
    change: StaffingChange,
    vacancyWarningDays: number,
    context: WriteContext,
  ): Promise<Position> {
    return this.records.change(this.#withDeadlines(id, expectedVersion), context, (current, read) => {
      const next = decideStaffing(current, change);
      // A staffing step moves only the vacancy; the term and the funding stay as they are.
      const stored = storedDeadlines(read).filter((deadline) => deadline.kind === 'vacancy');
      return {
        next,
        history: {
          action: 'staffing',
          from: current.staffing,
          to: next.staffing,
          note: [change.on, change.holder ? `${change.holder.name}` : null, change.note]
            .filter(Boolean)
            .join(' · '),
          changes: [],
        },
        writes: syncDeadlines(
          positionPk(id),
          stored,
          vacancyDeadlines(next, { stored, vacancyWarningDays }),
          context.now,
        ),
      };
    });
  }

  /**
   * Whether each linked application counts toward its programme's VbE cap now (submitted or
   * approved): a position change moves the programme's total by what its counted links change.
   */
  async #countsTowardCap(
    position: { fundedBy: readonly { applicationId: string }[] },
    find: ApplicationFinder,
  ) {
    const applications = await linkedApplications(position, find);
    const counted = new Set(
      applications
        .filter((application) => application && countsTowardCap(application.status))
        .map((application) => application?.id),
    );
    return (applicationId: string) => counted.has(applicationId);
  }

  /** The position with its deadline items, read in one snapshot before a change. */
  #withDeadlines(id: string, expectedVersion: number) {
    return {
      id,
      key: positionKey(id),
      expectedVersion,
      alsoRead: deadlineKeys(positionPk(id), positionDeadlineIds(id)),
    };
  }

  #deadlineWrites(
    position: Position,
    read: readonly (Item | undefined)[],
    facts: DeadlineFacts,
    context: WriteContext,
  ) {
    const stored = storedDeadlines(read);
    return syncDeadlines(
      positionPk(position.id),
      stored,
      positionDeadlines(position, facts.links, { stored, vacancyWarningDays: facts.vacancyWarningDays }),
      context.now,
    );
  }
}
