import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createDynamoClients } from '../../shared/store/dynamo-client.ts';
import { DASHBOARD_CHARTS_DRAWN, DASHBOARD_DATA_ARRIVED } from '../../web/performance-marks.ts';
import { ensureLocalSecrets } from '../local/secrets.ts';
import { WEB_DIST } from '../local/web-build.ts';
import { httpClient, localTokens } from './app-client.ts';
import { copyRecords } from './dynamodb-requests-table.ts';
import { recordTemplateGrants } from './grants-seed.ts';
import type { Section } from './section.ts';
import { kb, median, ms } from './stats.ts';
import type { Row } from './table.ts';
import { JS_GOAL_BYTES, loadedSizes, met, startWebBench, WEB_BENCH_TABLE } from './web.ts';

const TEMPLATES = 20;
const GRANTS = 500;
const RUNS = 5;
const CHARTS_GOAL_MS = 1500;
/** A string only Chart.js has: where it is, the chart library is. */
const CHART_JS_MARK = 'Canvas is already in use';

/** From the page's navigation start: the summary parsed, and all charts drawn. */
async function dashboardTimes(page: Page) {
  await page.waitForFunction(
    (name) => performance.getEntriesByName(name).length > 0,
    DASHBOARD_CHARTS_DRAWN,
    {
      timeout: 60_000,
    },
  );
  return page.evaluate(
    ([arrived, drawn]) => {
      const request = performance
        .getEntriesByType('resource')
        .find((entry) => entry.name.endsWith('/v1/summary')) as PerformanceResourceTiming | undefined;
      return {
        arrived: performance.getEntriesByName(arrived!)[0]!.startTime,
        drawn: performance.getEntriesByName(drawn!)[0]!.startTime,
        requestStart: request?.startTime ?? 0,
        requestTook: request ? request.responseEnd - request.startTime : 0,
      };
    },
    [DASHBOARD_DATA_ARRIVED, DASHBOARD_CHARTS_DRAWN],
  );
}

/** The built files that contain Chart.js. */
async function filesWithChartJs(): Promise<string[]> {
  const assets = join(WEB_DIST, 'assets');
  const files = (await readdir(assets)).filter((file) => file.endsWith('.js'));
  const found: string[] = [];
  for (const file of files)
    if ((await readFile(join(assets, file), 'utf8')).includes(CHART_JS_MARK)) found.push(`/assets/${file}`);
  return found;
}

/**
 * Lea's Übersicht over a city's worth of grants (500, with 5,000 deadlines): how long from
 * opening the page to all charts drawn, in headless Chromium against a real local service; and
 * that the chart library is loaded by the Übersicht only (Anna's first page, the Anträge, stays
 * under the JavaScript budget without it).
 */
export const webDashboard: Section = {
  title: 'Web app: Übersicht with 500 grants and 5,000 deadlines',
  async run(context): Promise<Row[]> {
    const bench = await startWebBench(context);
    try {
      const { jwtSecret } = await ensureLocalSecrets(bench.dataDir);
      context.log(`recording ${TEMPLATES} grants through the API, then copying them to ${GRANTS}`);
      await recordTemplateGrants(httpClient(bench.service.url), await localTokens(jwtSecret), TEMPLATES);
      await copyRecords(
        createDynamoClients({ endpoint: bench.database.endpoint }).doc,
        WEB_BENCH_TABLE,
        GRANTS / TEMPLATES - 1,
      );

      const anna = await bench.newPage();
      await anna.page.goto(`${bench.service.url}/antraege`);
      await anna.page.getByRole('button', { name: 'Anna Finanz', exact: true }).click();
      await anna.page.waitForFunction(
        (rows) => document.querySelectorAll('table tbody tr').length >= rows,
        GRANTS,
        {
          timeout: 60_000,
        },
      );
      const annasFirstPage = await loadedSizes(anna.loaded);

      const lea = await bench.newPage();
      await lea.page.goto(`${bench.service.url}/uebersicht`);
      await lea.page.getByRole('button', { name: 'Lea Leitung', exact: true }).click();
      await dashboardTimes(lea.page);
      const leasFirstPage = await loadedSizes(lea.loaded);
      const shown = await lea.page.locator('#tabelle-je-foerderung tbody tr').count();
      if (shown !== GRANTS) throw new Error(`expected ${GRANTS} grants in the Übersicht, saw ${shown}`);
      const times = [];
      for (let run = 0; run < RUNS; run++) {
        await lea.page.reload();
        times.push(await dashboardTimes(lea.page));
      }

      const withChartJs = await filesWithChartJs();
      const chartsOnAnna = [...anna.loaded].filter((file) => withChartJs.includes(file));
      const chartsOnLea = [...lea.loaded].filter((file) => withChartJs.includes(file));
      if (withChartJs.length !== 1 || chartsOnAnna.length > 0 || chartsOnLea.length !== 1) {
        throw new Error(
          `Chart.js must be in one chunk the Übersicht alone loads: in ${withChartJs.join(', ')}; Anträge loaded ${chartsOnAnna.join(', ') || 'none'}; Übersicht ${chartsOnLea.join(', ') || 'none'}`,
        );
      }
      const toDrawn = times.map((time) => time.drawn);
      const dataToDrawn = times.map((time) => time.drawn - time.arrived);
      return [
        {
          figure: `Web app: Übersicht with ${GRANTS} grants and ${GRANTS * 10} deadlines, page opened → charts drawn`,
          value: `median ${ms(median(toDrawn))}`,
          note: `min ${ms(Math.min(...toDrawn))}, max ${ms(Math.max(...toDrawn))} over ${RUNS} reloads in headless Chromium (the summary requested at ${ms(median(times.map((time) => time.requestStart)))}, answered in ${ms(median(times.map((time) => time.requestTook)))}; data arrival → charts drawn: median ${ms(median(dataToDrawn))}); goal < 1.5 s: ${met(median(toDrawn), CHARTS_GOAL_MS)}`,
        },
        {
          figure: 'Web app: JavaScript of Anna’s first page (Anträge, 500 rows)',
          value: `${kb(annasFirstPage.js)} gzip in ${annasFirstPage.jsFiles} files`,
          note: `goal ≤ 150 KB: ${met(annasFirstPage.js, JS_GOAL_BYTES)}; no Chart.js`,
        },
        {
          figure: 'Web app: JavaScript of the Übersicht (Lea’s first page), Chart.js included',
          value: `${kb(leasFirstPage.js)} gzip in ${leasFirstPage.jsFiles} files`,
          note: `Chart.js only in ${withChartJs.join(', ')} (${kb((await loadedSizes(withChartJs)).js)} gzip), loaded by the Übersicht alone, after its tables`,
        },
      ];
    } finally {
      await bench.stop();
    }
  },
};
