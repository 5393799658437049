import { mapWithConcurrency } from '../../../shared/concurrency.ts';
import type { Application } from '../../../shared/domain/application.ts';
import { formatDecimalComma, formatGermanDate } from '../../../shared/domain/german-format.ts';
import { APPLICATION_STATUS_LABELS, DEADLINE_KIND_LABELS } from '../../../shared/domain/labels.ts';
import type { Page } from '../../../shared/store/records.ts';
import type { Store } from '../../../shared/store/store.ts';
import * as z from '../../../shared/zod.ts';
import { specs } from '../platform/openapi.ts';
import { route } from '../platform/route-kit.ts';

const HEADER = [
  'Programm',
  'Titel',
  'Status',
  'Beginn',
  'Ende',
  'Beantragt (€)',
  'Bewilligt (€)',
  'Abgerufen (€)',
  'Verfügbar (€)',
  'Nächste Frist',
  'Art der Frist',
];

const READ_CONCURRENCY = 8;

const { read } = specs(['Exports']);
const csvResponse = { description: 'CSV', content: { 'text/csv': { schema: z.string() } } };

/** One row per application: its programme's name, its amounts and its next open deadline. */
async function applicationRows({ applications, programs }: Store) {
  const all: Application[] = [];
  let page: Page<Application> | undefined;
  do {
    page = await applications.list({}, { limit: 100, cursor: page?.nextCursor ?? undefined });
    all.push(...page.items);
  } while (page.nextCursor);

  // One read per programme and one Query per application, a few at a time rather than in a row.
  const programIds = [...new Set(all.map((application) => application.programId))];
  const programList = await mapWithConcurrency(programIds, READ_CONCURRENCY, (id) => programs.find(id));
  const programNames = new Map(programIds.map((id, index) => [id, programList[index]?.name ?? id]));
  const nextDeadlines = await mapWithConcurrency(all, READ_CONCURRENCY, async (application) => {
    const [next] = await applications.openDeadlines(application.id);
    return next;
  });
  return all.map((application, index) => {
    const next = nextDeadlines[index];
    return [
      programNames.get(application.programId),
      application.title,
      APPLICATION_STATUS_LABELS[application.status],
      formatGermanDate(application.fundingPeriod.start),
      formatGermanDate(application.fundingPeriod.end),
      formatDecimalComma(application.requestedCents),
      formatDecimalComma(application.approvedCents),
      formatDecimalComma(application.calledCents),
      formatDecimalComma(application.availableCents),
      next ? formatGermanDate(next.dueOn) : '',
      next ? DEADLINE_KIND_LABELS[next.kind] : '',
    ];
  });
}

export const exportRoutes = [
  route(
    {
      method: 'get',
      ...read(
        '/applications.csv',
        'One row per application, for German Excel (UTF-8 BOM, semicolons, decimal comma, DD.MM.YYYY)',
        {},
        csvResponse,
      ),
    },
    async (c) => {
      const rows = await applicationRows(c.var.deps.store);
      // Loaded here, not at the top: only exports need it, so other requests' cold starts skip it.
      const { stringify } = await import('csv-stringify/sync');
      // escape_formulas: a cell a person typed (a title, a programme name) that starts with = + - @
      // or a tab is prefixed with ' so Excel shows it instead of running it (OWASP CSV injection).
      const csv = stringify([HEADER, ...rows], {
        delimiter: ';',
        bom: true,
        record_delimiter: 'windows',
        escape_formulas: true,
      });
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="foerderantraege.csv"',
      });
    },
  ),
];
