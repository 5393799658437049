import type { Application } from '../domain/application.ts';
import { reportDeadline, reportDeadlineIdOf } from '../domain/application-deadlines.ts';
import { berlinDate } from '../domain/calendar-date.ts';
import { notFound } from '../domain/errors.ts';
import { decideReportUpdate, type Report, type UpdateReport } from '../domain/report.ts';
import { appKey, appPk, reportEntity } from './application.keys.ts';
import type { ApplicationRepository } from './application.repository.ts';
import { deadlineKey } from './deadline.keys.ts';
import { storedDeadlines, syncDeadlines } from './deadline-sync.ts';
import type { WriteContext } from './records.ts';
import { type Table, withoutKeys } from './table.ts';
import { VersionedRecords } from './versioned-records.ts';

const reportKey = (applicationId: string, id: string) => reportEntity.key({ applicationId, id });

export class ReportRepository {
  readonly #records: VersionedRecords<Report>;

  constructor(
    private readonly table: Table,
    private readonly applications: ApplicationRepository,
  ) {
    this.#records = new VersionedRecords(table, reportEntity, 'report');
  }

  async list(applicationId: string): Promise<Report[]> {
    await this.applications.get(applicationId);
    const items = await this.table.queryAll(reportEntity.partitionQuery({ applicationId }));
    return items.map((item) => withoutKeys<Report>(item));
  }

  get(applicationId: string, reportId: string): Promise<Report> {
    return this.#records.get(reportKey(applicationId, reportId), reportId);
  }

  /**
   * Submitting closes the report's deadline; a rejection reopens it, since the report is due
   * again. The report, its application and its deadline are read in one snapshot.
   */
  update(
    applicationId: string,
    reportId: string,
    expectedVersion: number,
    update: UpdateReport,
    context: WriteContext,
  ): Promise<Report> {
    const pk = appPk(applicationId);
    const alsoRead = [appKey(applicationId), deadlineKey(pk, reportDeadlineIdOf(applicationId, reportId))];
    const request = { id: reportId, key: reportKey(applicationId, reportId), expectedVersion, alsoRead };
    return this.#records.change(request, context, (current, [applicationItem, deadline]) => {
      if (!applicationItem) throw notFound('Application', applicationId);
      const next = decideReportUpdate(current, update, berlinDate(context.now), context.now);
      const application = withoutKeys<Application>(applicationItem);
      return {
        next,
        history: {
          action: 'report',
          from: current.status,
          to: next.status,
          note: update.note ?? `${next.kind} report ${next.id}`,
          changes: [],
        },
        writes: syncDeadlines(
          pk,
          storedDeadlines([deadline]),
          [reportDeadline(application, next)],
          context.now,
        ),
      };
    });
  }
}
