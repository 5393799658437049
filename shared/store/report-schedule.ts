import type { Application } from '../domain/application.ts';
import { reportDeadline, reportDeadlineId } from '../domain/application-deadlines.ts';
import { budgetYearsOf, reportSchedule } from '../domain/funding-rules.ts';
import { type Report, reportIsOpen } from '../domain/report.ts';
import { appPk, reportEntity } from './application.keys.ts';
import { mustNotExist, versionIs } from './conditions.ts';
import { deadlineKey } from './deadline.keys.ts';
import { storedDeadlines, syncDeadlines } from './deadline-sync.ts';
import type { WriteContext } from './records.ts';
import { type Item, type Table, type Write, withoutKeys } from './table.ts';

/** A stored report with its deadline item as read together. */
interface StoredReport {
  report: Report;
  deadline: Item | undefined;
}

/** Every statement of use a notice period can have: an interim one per budget year, and the final one. */
function possibleReports(application: Application): Pick<Report, 'id' | 'kind' | 'budgetYear'>[] {
  const years = application.notice ? budgetYearsOf(application.notice.fundingPeriod) : [];
  return [
    ...years.map(({ year }) => ({ id: `interim-${year}`, kind: 'interim' as const, budgetYear: year })),
    { id: 'final', kind: 'final' as const, budgetYear: null },
  ];
}

/**
 * The statements of use a notice schedules (Zwischen- and Verwendungsnachweis), kept in step
 * with the notice in force: an approval creates them, an amendment moves them.
 */
export class ReportSchedules {
  constructor(private readonly table: Table) {}

  /**
   * Makes the reports match the period of the notice in force after the change, due as its rules say: missing ones
   * are created, open ones move to their new due date, open ones the period no longer has are
   * cancelled. Submitted or decided reports are history and stay as they are. Each report is
   * read with its deadline and written only if unchanged since, so a report submitted at the
   * same moment is never put back to "due".
   */
  async writes(before: Application, after: Application, context: WriteContext): Promise<Write[]> {
    const existing = before.notice ? await this.#read(before, after) : [];
    const notice = after.notice!;
    const schedule = reportSchedule(notice.fundingPeriod, notice.rules);
    const at = context.now.toISOString();
    const writes: Write[] = [];
    const write = (report: Report, replacing: StoredReport | undefined) => {
      writes.push(
        replacing
          ? { put: reportEntity.item(report), condition: versionIs(replacing.report.version) }
          : { put: reportEntity.item(report), condition: mustNotExist },
        ...syncDeadlines(
          appPk(after.id),
          storedDeadlines([replacing?.deadline]),
          [reportDeadline(after, report)],
          context.now,
        ),
      );
    };
    for (const planned of schedule) {
      const found = existing.find((candidate) => candidate.report.id === planned.id);
      if (found && (!reportIsOpen(found.report) || found.report.dueOn === planned.dueOn)) continue;
      const next: Report = found
        ? { ...found.report, dueOn: planned.dueOn, version: found.report.version + 1, updatedAt: at }
        : {
            ...planned,
            applicationId: after.id,
            status: 'due',
            submittedOn: null,
            decidedOn: null,
            version: 1,
            createdAt: at,
            updatedAt: at,
          };
      write(next, found);
    }
    for (const found of existing) {
      if (!reportIsOpen(found.report) || schedule.some((planned) => planned.id === found.report.id)) continue;
      write(
        { ...found.report, status: 'cancelled', version: found.report.version + 1, updatedAt: at },
        found,
      );
    }
    return writes;
  }

  /** The reports the notice before and after can have, each with its deadline item, in one read. */
  async #read(before: Application, after: Application): Promise<StoredReport[]> {
    const candidates = [...possibleReports(before), ...possibleReports(after)].filter(
      (report, index, all) => all.findIndex((other) => other.id === report.id) === index,
    );
    const pk = appPk(before.id);
    const items = await this.table.getMany(
      candidates.flatMap((report) => [
        reportEntity.key({ applicationId: before.id, id: report.id }),
        deadlineKey(pk, reportDeadlineId(before.id, report)),
      ]),
    );
    return candidates.flatMap((_, index) => {
      const item = items[index * 2];
      return item ? [{ report: withoutKeys<Report>(item), deadline: items[index * 2 + 1] }] : [];
    });
  }
}
