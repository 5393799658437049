import { berlinDate } from '../domain/calendar-date.ts';
import { decideReportUpdate, type Report, reportIsOpen, type UpdateReport } from '../domain/report.ts';
import { appPk, reportSk } from './application.keys.ts';
import type { ApplicationRepository } from './application.repository.ts';
import { closeDeadline, putDeadline } from './deadline.items.ts';
import { findRecord, getRecord, historyWrite, staleVersion, type WriteContext } from './records.ts';
import { type Table, versionIs } from './table.ts';

export class ReportRepository {
  constructor(
    private readonly table: Table,
    private readonly applications: ApplicationRepository,
  ) {}

  async list(applicationId: string): Promise<Report[]> {
    await this.applications.get(applicationId);
    return this.applications.listReports(applicationId);
  }

  async get(applicationId: string, reportId: string): Promise<Report> {
    const key = { pk: appPk(applicationId), sk: reportSk(reportId) };
    return getRecord(await findRecord<Report>(this.table, key), 'Report', reportId);
  }

  /** Submitting closes the report's deadline; a rejection reopens it, since the report is due again. */
  async update(
    applicationId: string,
    reportId: string,
    expectedVersion: number,
    update: UpdateReport,
    context: WriteContext,
  ): Promise<Report> {
    const application = await this.applications.get(applicationId);
    const current = await this.get(applicationId, reportId);
    if (current.version !== expectedVersion) throw staleVersion('report');
    const next = decideReportUpdate(current, update, berlinDate(context.now), context.now);
    const pk = appPk(applicationId);
    const deadline = this.applications.reportDeadline(application, next);
    await this.table.transact([
      {
        put: { pk, sk: reportSk(reportId), entity: 'report', ...next },
        condition: versionIs(expectedVersion),
        onConditionFailed: () => staleVersion('report'),
      },
      reportIsOpen(next) ? putDeadline(pk, deadline) : closeDeadline(pk, deadline, context.now),
      historyWrite(pk, context, {
        action: 'report',
        from: current.status,
        to: next.status,
        note: update.note ?? `${next.kind} report ${next.id}`,
      }),
    ]);
    return next;
  }
}
