import { createRoute } from '@hono/zod-openapi';
import { mapWithConcurrency } from '../../../shared/concurrency.ts';
import type { Application } from '../../../shared/domain/application.ts';
import { formatDecimalComma, formatGermanDate } from '../../../shared/domain/german-format.ts';
import type { Page } from '../../../shared/store/records.ts';
import * as z from '../../../shared/zod.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { ANY_ROLE, allow } from '../platform/auth.ts';
import { newApp } from '../platform/new-app.ts';
import { readProblems } from '../platform/openapi.ts';

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

const route = createRoute({
  method: 'get',
  path: '/applications.csv',
  tags: ['Exports'],
  summary: 'One row per application, for German Excel (UTF-8 BOM, semicolons, decimal comma, DD.MM.YYYY)',
  middleware: [allow(...ANY_ROLE)],
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
    ...readProblems,
  },
});

export function exportRoutes(deps: ApiDependencies) {
  const { applications, programs } = deps.store;
  return newApp().openapi(route, async (c) => {
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
    const rows = all.map((application, index) => {
      const next = nextDeadlines[index];
      return [
        programNames.get(application.programId),
        application.title,
        application.status,
        formatGermanDate(application.fundingPeriod.start),
        formatGermanDate(application.fundingPeriod.end),
        formatDecimalComma(application.requestedCents),
        formatDecimalComma(application.approvedCents),
        formatDecimalComma(application.calledCents),
        formatDecimalComma(application.availableCents),
        next ? formatGermanDate(next.dueOn) : '',
        next?.kind ?? '',
      ];
    });
    // Loaded here, not at the top: only exports need it, so other requests' cold starts skip it.
    const { stringify } = await import('csv-stringify/sync');
    const csv = stringify([HEADER, ...rows], { delimiter: ';', bom: true, record_delimiter: 'windows' });
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="foerderantraege.csv"',
    });
  });
}
