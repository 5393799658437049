import {
  type Application,
  applyAmendment,
  applyApplicationUpdate,
  type CreateApplication,
  checkApplication,
  decideStatusChange,
  newApplication,
  type StatusChange,
  type UpdateApplication,
} from '../domain/application.ts';
import {
  applicationDeadlineIds,
  applicationDeadlines,
  handedOver,
  settleDeadlines,
} from '../domain/application-deadlines.ts';
import type { Deadline } from '../domain/deadline.ts';
import { AppError } from '../domain/errors.ts';
import { rulesOf } from '../domain/grant-rules.ts';
import type { Notice, NoticeInput } from '../domain/notice.ts';
import type { Person } from '../domain/person.ts';
import type { Program } from '../domain/program.ts';
import { memoiseByKey } from '../memoise.ts';
import {
  appKey,
  applicationEntity,
  applicationListQuery,
  appPk,
  type FundingLinkItem,
  noticeEntity,
  reportEntity,
} from './application.keys.ts';
import { mustNotExist } from './conditions.ts';
import type { CursorCodec } from './cursor.ts';
import { deadlineEntity } from './deadline.keys.ts';
import { deadlineKeys, storedDeadlines, syncDeadlines, toDeadline } from './deadline-sync.ts';
import type { FundingLinks } from './funding-link.repository.ts';
import type { ProgramRepository } from './program.repository.ts';
import { fundedFteMillionths } from './program-fte.ts';
import {
  actorAsOwner,
  historyWrite,
  type Page,
  type PageRequest,
  queryPage,
  type WriteContext,
} from './records.ts';
import type { ReportSchedules } from './report-schedule.ts';
import { type Table, type Write, withoutKeys } from './table.ts';
import { RecordRepository } from './versioned-records.ts';

export interface ApplicationFilter {
  status?: Application['status'] | undefined;
  programId?: string | undefined;
}

/** These moves end every duty of the grant, so they read all of its deadlines. */
const ENDS_DUTIES: Application['status'][] = ['closed', 'revoked'];

export class ApplicationRepository extends RecordRepository<Application> {
  constructor(
    table: Table,
    private readonly cursors: CursorCodec,
    private readonly programs: ProgramRepository,
    private readonly fundingLinks: FundingLinks,
    private readonly reports: ReportSchedules,
  ) {
    super(table, applicationEntity, 'application', appKey);
  }

  async create(input: CreateApplication, context: WriteContext): Promise<Application> {
    const program = await this.#programFor(input.programId);
    const application = newApplication(
      { ...input, owner: input.owner ?? actorAsOwner(context) },
      { id: context.newId(), now: context.now },
    );
    checkApplication(application, program);
    await this.table.transact([
      this.records.put(application),
      historyWrite(appPk(application.id), context, { action: 'create', to: 'draft' }),
      ...syncDeadlines(appPk(application.id), [], applicationDeadlines(application), context.now),
    ]);
    return application;
  }

  list(filter: ApplicationFilter, page: PageRequest): Promise<Page<Application>> {
    return queryPage(this.table, this.cursors, applicationListQuery(filter), page);
  }

  update(id: string, expectedVersion: number, patch: UpdateApplication, context: WriteContext) {
    return this.records.change(
      this.#withOwnDeadlines(id, expectedVersion),
      context,
      async (current, read) => {
        const next = applyApplicationUpdate(current, patch);
        checkApplication(next, await this.#programFor(current.programId));
        return { next, history: { action: 'update' }, writes: this.#ownDeadlineWrites(next, read, context) };
      },
    );
  }

  /**
   * Hands the application, in any status, to a new owner: people change jobs during a funding
   * period. Every open deadline (reports, spending clocks, the period end) moves with it, so
   * the reminders reach the new owner.
   */
  async handOver(id: string, expectedVersion: number, owner: Person, context: WriteContext) {
    const stored = await this.#allDeadlines(id);
    return this.records.change({ id, key: appKey(id), expectedVersion }, context, (current) => ({
      next: { ...current, owner },
      history: { action: 'owner' },
      writes: syncDeadlines(appPk(id), stored, handedOver(stored, owner), context.now),
    }));
  }

  /**
   * Moves an application along. Submission is checked against the programme's limits as they
   * are now (with the VbE its positions add); an approval issues the grant notice with the
   * programme's rules; closing or revoking ends every open duty; and the positions it funds
   * follow in the same transaction (their funding end, the programme's VbE total).
   */
  changeStatus(id: string, expectedVersion: number, change: StatusChange, context: WriteContext) {
    const request = this.#withOwnDeadlines(id, expectedVersion);
    // Only closing depends on the final statement of use; no other move reads it.
    if (change.to === 'closed') request.alsoRead.push(reportEntity.key({ applicationId: id, id: 'final' }));
    return this.records.change(request, context, async (current, read) => {
      const needsRules = change.to === 'submitted' || change.to === 'approved';
      const [program, links] = await Promise.all([
        needsRules ? this.#programFor(current.programId) : undefined,
        this.fundingLinks.linksOf(id),
      ]);
      const decision = decideStatusChange(current, change, {
        finalReportAccepted: read.at(-1)?.status === 'accepted' && change.to === 'closed',
        now: context.now,
        rules: program
          ? rulesOf(program)
          : (current.notice?.rules ?? rulesOf(await this.#programFor(current.programId))),
        personnel: {
          fundedFteMillionths:
            change.to === 'submitted' ? await fundedFteMillionths(this.table, current.programId) : 0,
          addedFteMillionths: links.reduce((sum, link) => sum + link.fteMillionths, 0),
        },
      });
      const next = decision.next;
      const writes: Write[] = [];
      if (ENDS_DUTIES.includes(next.status)) {
        const stored = await this.#allDeadlines(id);
        writes.push(...syncDeadlines(appPk(id), stored, settleDeadlines(next, stored), context.now));
      } else {
        writes.push(...this.#ownDeadlineWrites(next, read, context));
      }
      if (decision.notice) {
        writes.push(this.#noticeWrite(next, decision.notice, context));
        writes.push(...(await this.reports.writes(current, next, context)));
      }
      writes.push(...(await this.#fundedPositionWrites(current, next, links, context)));
      return {
        next,
        history: { action: 'status', from: current.status, to: next.status, note: change.note },
        writes,
      };
    });
  }

  /**
   * Records an amendment notice (Änderungsbescheid): a new version with the rules of the notice
   * it amends (unless it states others), its budget years, and the reports rescheduled.
   */
  amend(id: string, expectedVersion: number, input: NoticeInput, context: WriteContext) {
    return this.records.change(
      this.#withOwnDeadlines(id, expectedVersion),
      context,
      async (current, read) => {
        const decision = applyAmendment(current, input, context.now);
        const next = decision.next;
        const notice = decision.notice as Notice;
        const links = await this.fundingLinks.linksOf(id);
        return {
          next,
          history: { action: 'amendment', note: `Notice version ${notice.version}: ${input.reference}` },
          writes: [
            this.#noticeWrite(next, notice, context),
            ...(await this.reports.writes(current, next, context)),
            ...this.#ownDeadlineWrites(next, read, context),
            ...(await this.#fundedPositionWrites(current, next, links, context)),
          ],
        };
      },
    );
  }

  async notices(id: string): Promise<Notice[]> {
    await this.get(id);
    const items = await this.table.queryAll(noticeEntity.partitionQuery({ applicationId: id }));
    return items.map((item) => withoutKeys<Notice>(item));
  }

  /** The application's open deadlines, soonest first. */
  async openDeadlines(id: string): Promise<Deadline[]> {
    return (await this.#allDeadlines(id))
      .filter((deadline) => deadline.status === 'open')
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  }

  /** The application with its own deadline items, read in one snapshot before a change. */
  #withOwnDeadlines(id: string, expectedVersion: number) {
    const alsoRead = deadlineKeys(appPk(id), applicationDeadlineIds(id));
    return { id, key: appKey(id), expectedVersion, alsoRead };
  }

  #ownDeadlineWrites(next: Application, read: readonly unknown[], context: WriteContext): Write[] {
    const own = read.slice(0, applicationDeadlineIds(next.id).length) as Parameters<
      typeof storedDeadlines
    >[0];
    return syncDeadlines(appPk(next.id), storedDeadlines(own), applicationDeadlines(next), context.now);
  }

  /** Every deadline of the application: its own, its reports', its funds calls'. */
  async #allDeadlines(id: string) {
    const items = await this.table.queryAll(deadlineEntity.partitionQuery({ partition: appPk(id) }));
    return items.map(toDeadline);
  }

  #fundedPositionWrites(
    before: Application,
    after: Application,
    links: FundingLinkItem[],
    context: WriteContext,
  ) {
    return this.fundingLinks.fundedPositionWrites(
      before,
      after,
      links,
      memoiseByKey((id) => this.find(id)),
      context,
    );
  }

  #noticeWrite(application: Application, notice: Notice, context: WriteContext): Write {
    return {
      put: noticeEntity.item({ ...notice, recordedBy: context.actor.sub }, { applicationId: application.id }),
      condition: mustNotExist,
    };
  }

  async #programFor(programId: string): Promise<Program> {
    const program = await this.programs.find(programId);
    if (!program) {
      throw new AppError('validation', `Programme ${programId} does not exist`, {
        errors: [{ path: 'programId', message: 'no such programme' }],
      });
    }
    return program;
  }
}
