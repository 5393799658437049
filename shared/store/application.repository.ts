import {
  type Application,
  applyAmendment,
  type CreateApplication,
  checkAmendment,
  checkApplication,
  decideStatusChange,
  type Notice,
  type NoticeInput,
  type StatusChange,
  type UpdateApplication,
} from '../domain/application.ts';
import { type Deadline, deadlineId } from '../domain/deadline.ts';
import { AppError } from '../domain/errors.ts';
import { reportSchedule } from '../domain/funding-rules.ts';
import type { HistoryEntry } from '../domain/history.ts';
import type { Person } from '../domain/person.ts';
import type { Program } from '../domain/program.ts';
import { type Report, reportIsOpen } from '../domain/report.ts';
import { appKey, applicationItem, appPk, noticeSk, reportSk } from './application.keys.ts';
import type { CursorCodec } from './cursor.ts';
import { closeDeadline, DEADLINE_PREFIX, putDeadline, removeDeadline } from './deadline.items.ts';
import type { ProgramRepository } from './program.repository.ts';
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

export interface ApplicationFilter {
  status?: Application['status'] | undefined;
  programId?: string | undefined;
}

const subjectOf = (application: Application, path = `/v1/applications/${application.id}`) => ({
  type: 'application' as const,
  id: application.id,
  title: application.title,
  path,
});

export function applicationDeadline(
  application: Application,
  kind: Deadline['kind'],
  dueOn: string,
  reference?: string,
  path?: string,
): Deadline {
  return {
    id: deadlineId(application.id, kind, reference),
    kind,
    dueOn,
    subject: subjectOf(application, path),
    owner: application.owner,
    status: 'open',
  };
}

const reportPath = (application: Application, reportId: string) =>
  `/v1/applications/${application.id}/reports/${reportId}`;

/** Writes that move the funding-end deadlines of the positions an application funds (PositionRepository). */
export type FundedPositionWrites = (application: Application) => Promise<Write[]>;

/** Only these moves change which funding is confirmed, and so a funded position's funding end. */
const MOVES_FUNDING_END: Application['status'][] = ['approved', 'revoked'];

export class ApplicationRepository {
  constructor(
    private readonly table: Table,
    private readonly cursors: CursorCodec,
    private readonly programs: ProgramRepository,
    private readonly fundedPositionWrites: FundedPositionWrites = async () => [],
  ) {}

  async create(input: CreateApplication, context: WriteContext): Promise<Application> {
    const program = await this.#programFor(input.programId);
    const owner = input.owner ?? actorAsOwner(context);
    const at = context.now.toISOString();
    const application: Application = {
      ...input,
      submissionDeadline: input.submissionDeadline ?? null,
      owner,
      id: context.newId(),
      version: 1,
      createdAt: at,
      updatedAt: at,
      status: 'draft',
      notice: null,
      approvedCents: 0,
      calledCents: 0,
      availableCents: 0,
      repaymentClaimCents: null,
    };
    checkApplication(application, program);
    const writes: Write[] = [
      { put: applicationItem(application), condition: mustNotExist },
      historyWrite(appPk(application.id), context, { action: 'create', to: 'draft' }),
    ];
    if (application.submissionDeadline) {
      writes.push(
        putDeadline(
          appPk(application.id),
          applicationDeadline(application, 'submission', application.submissionDeadline),
        ),
      );
    }
    await this.table.transact(writes);
    return application;
  }

  find(id: string): Promise<Application | undefined> {
    return findRecord<Application>(this.table, appKey(id));
  }

  async get(id: string): Promise<Application> {
    return getRecord(await this.find(id), 'Application', id);
  }

  list(filter: ApplicationFilter, page: PageRequest): Promise<Page<Application>> {
    if (filter.programId) {
      const prefix = filter.status ? `APP#${filter.status}#` : 'APP#';
      return queryPage(
        this.table,
        this.cursors,
        { index: 'gsi2', partition: `PROGRAM#${filter.programId}`, sortKeyPrefix: prefix, newestFirst: true },
        page,
      );
    }
    if (filter.status) {
      return queryPage(
        this.table,
        this.cursors,
        { index: 'gsi3', partition: `APPSTATUS#${filter.status}`, newestFirst: true },
        page,
      );
    }
    return queryPage(this.table, this.cursors, { index: 'gsi1', partition: 'APPS', newestFirst: true }, page);
  }

  async update(id: string, expectedVersion: number, patch: UpdateApplication, context: WriteContext) {
    const current = await this.#current(id, expectedVersion);
    if (current.status !== 'draft') {
      throw new AppError('conflict', `Only a draft can be edited; this application is ${current.status}`);
    }
    const program = await this.#programFor(current.programId);
    const next: Application = {
      ...current,
      ...patch,
      submissionDeadline:
        patch.submissionDeadline === undefined ? current.submissionDeadline : patch.submissionDeadline,
      owner: patch.owner ?? current.owner,
      version: current.version + 1,
      updatedAt: context.now.toISOString(),
    };
    checkApplication(next, program);
    const writes: Write[] = [
      this.#replace(next, expectedVersion),
      historyWrite(appPk(id), context, { action: 'update', changes: changedFields(current, next) }),
    ];
    const submission = deadlineId(id, 'submission');
    if (next.submissionDeadline) {
      writes.push(putDeadline(appPk(id), applicationDeadline(next, 'submission', next.submissionDeadline)));
    } else if (current.submissionDeadline) {
      writes.push(removeDeadline(appPk(id), submission));
    }
    await this.table.transact(writes);
    return next;
  }

  /**
   * Hands the application, in any status, to a new owner: people change jobs during a funding
   * period. Every open deadline (reports, spending clocks, the period end) moves with it, so
   * the reminders reach the new owner.
   */
  async handOver(id: string, expectedVersion: number, owner: Person, context: WriteContext) {
    const current = await this.#current(id, expectedVersion);
    const next: Application = {
      ...current,
      owner,
      version: current.version + 1,
      updatedAt: context.now.toISOString(),
    };
    const open = await this.openDeadlines(id);
    await this.table.transact([
      this.#replace(next, expectedVersion),
      historyWrite(appPk(id), context, { action: 'owner', changes: changedFields(current, next) }),
      ...open.map((deadline) => putDeadline(appPk(id), { ...deadline, owner })),
    ]);
    return next;
  }

  async changeStatus(id: string, expectedVersion: number, change: StatusChange, context: WriteContext) {
    const current = await this.#current(id, expectedVersion);
    // Only closing depends on the final statement of use; no other move reads it.
    const finalReport =
      change.to === 'closed' ? await this.table.get({ pk: appPk(id), sk: reportSk('final') }) : undefined;
    const decision = decideStatusChange(current, change, {
      finalReportAccepted: finalReport?.status === 'accepted',
      now: context.now,
    });
    const next = { ...decision.next, version: current.version + 1, updatedAt: context.now.toISOString() };
    const writes: Write[] = [
      this.#replace(next, expectedVersion),
      historyWrite(appPk(id), context, {
        action: 'status',
        from: current.status,
        to: next.status,
        note: change.note,
      }),
    ];
    const openDeadlines = await this.openDeadlines(id);
    if (next.status === 'approved' && decision.notice) {
      const program = await this.#programFor(current.programId);
      writes.push(...this.#noticeWrites(next, decision.notice, context));
      writes.push(...this.#scheduleReports(next, program, [], context));
      writes.push(
        putDeadline(
          appPk(id),
          applicationDeadline(next, 'funding_period_end', decision.notice.fundingPeriod.end),
        ),
      );
    }
    // Leaving draft settles the submission deadline; closing or revoking ends every duty that is still open.
    const settles = (deadline: Deadline) =>
      deadline.kind === 'submission' || next.status === 'closed' || next.status === 'revoked';
    writes.push(
      ...openDeadlines.filter(settles).map((deadline) => closeDeadline(appPk(id), deadline, context.now)),
    );
    if (MOVES_FUNDING_END.includes(next.status)) writes.push(...(await this.fundedPositionWrites(next)));
    await this.table.transact(writes);
    return next;
  }

  /** Records an amendment notice (Änderungsbescheid): new version, reports rescheduled to the new period. */
  async amend(id: string, expectedVersion: number, input: NoticeInput, context: WriteContext) {
    const current = await this.#current(id, expectedVersion);
    checkAmendment(current, input);
    const decision = applyAmendment(current, input, context.now);
    const next = { ...decision.next, version: current.version + 1, updatedAt: context.now.toISOString() };
    const program = await this.#programFor(current.programId);
    const reports = await this.listReports(id);
    const writes: Write[] = [
      this.#replace(next, expectedVersion),
      historyWrite(appPk(id), context, {
        action: 'amendment',
        note: `Notice version ${decision.notice!.version}: ${input.reference}`,
        changes: changedFields(current, next),
      }),
      ...this.#noticeWrites(next, decision.notice!, context),
      ...this.#scheduleReports(next, program, reports, context),
      putDeadline(appPk(id), applicationDeadline(next, 'funding_period_end', input.fundingPeriod.end)),
      ...(await this.fundedPositionWrites(next)),
    ];
    await this.table.transact(writes);
    return next;
  }

  async notices(id: string): Promise<Notice[]> {
    await this.get(id);
    const items = await this.table.queryAll({ partition: appPk(id), sortKeyPrefix: 'NOTICE#' });
    return items.map((item) => withoutKeys<Notice>(item));
  }

  async history(id: string): Promise<HistoryEntry[]> {
    await this.get(id);
    return readHistory(this.table, appPk(id));
  }

  async listReports(id: string): Promise<Report[]> {
    const items = await this.table.queryAll({ partition: appPk(id), sortKeyPrefix: 'REPORT#' });
    return items.map((item) => withoutKeys<Report>(item));
  }

  /** The application's open deadlines, soonest first. */
  async openDeadlines(id: string): Promise<Deadline[]> {
    const items = await this.table.queryAll({ partition: appPk(id), sortKeyPrefix: DEADLINE_PREFIX });
    return items
      .map((item) => withoutKeys<Deadline>(item))
      .filter((deadline) => deadline.status === 'open')
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  }

  #noticeWrites(application: Application, notice: Notice, context: WriteContext): Write[] {
    return [
      {
        put: {
          pk: appPk(application.id),
          sk: noticeSk(notice.version),
          entity: 'notice',
          ...notice,
          recordedBy: context.actor.sub,
        },
        condition: mustNotExist,
      },
    ];
  }

  /**
   * Makes the reports match the (new) period: missing ones are created, open ones move to
   * their new due date, open ones the period no longer has are cancelled. Submitted or
   * decided reports are history and stay as they are.
   */
  #scheduleReports(
    application: Application,
    program: Program,
    existing: Report[],
    context: WriteContext,
  ): Write[] {
    const schedule = reportSchedule(application.notice!.fundingPeriod, program);
    const at = context.now.toISOString();
    const pk = appPk(application.id);
    const writes: Write[] = [];
    for (const planned of schedule) {
      const report = existing.find((candidate) => candidate.id === planned.id);
      if (report && !reportIsOpen(report)) continue;
      if (report && report.dueOn === planned.dueOn) continue;
      const next: Report = report
        ? { ...report, dueOn: planned.dueOn, version: report.version + 1, updatedAt: at }
        : {
            ...planned,
            applicationId: application.id,
            status: 'due',
            submittedOn: null,
            decidedOn: null,
            version: 1,
            createdAt: at,
            updatedAt: at,
          };
      writes.push({ put: { pk, sk: reportSk(next.id), entity: 'report', ...next } });
      writes.push(putDeadline(pk, this.reportDeadline(application, next)));
    }
    for (const report of existing) {
      if (!reportIsOpen(report) || schedule.some((planned) => planned.id === report.id)) continue;
      const cancelled: Report = {
        ...report,
        status: 'cancelled',
        version: report.version + 1,
        updatedAt: at,
      };
      writes.push({ put: { pk, sk: reportSk(report.id), entity: 'report', ...cancelled } });
      writes.push(closeDeadline(pk, this.reportDeadline(application, report), context.now));
    }
    return writes;
  }

  reportDeadline(application: Application, report: Report): Deadline {
    const kind = report.kind === 'final' ? 'final_report' : 'interim_report';
    const reference = report.kind === 'final' ? undefined : String(report.budgetYear);
    return applicationDeadline(
      application,
      kind,
      report.dueOn,
      reference,
      reportPath(application, report.id),
    );
  }

  #replace(application: Application, expectedVersion: number): Write {
    return {
      put: applicationItem(application),
      condition: versionIs(expectedVersion),
      onConditionFailed: () => staleVersion('application'),
    };
  }

  async #current(id: string, expectedVersion: number): Promise<Application> {
    const current = await this.get(id);
    if (current.version !== expectedVersion) throw staleVersion('application');
    return current;
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
