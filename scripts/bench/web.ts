import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { createApiClient } from '../../client/index.ts';
import { signLocalToken } from '../../shared/auth/local-jwt.ts';
import { CHROMIUM_ARGS, ensureChromium } from '../../test/support/chromium.ts';
import { freePorts } from '../../test/support/free-port.ts';
import { TASKS_DATA_ARRIVED, TASKS_RENDERED } from '../../web/performance-marks.ts';
import { SIGN_IN_CALLBACK_PATH } from '../../web/serving.ts';
import { startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { startLocalService } from '../local/local-service.ts';
import { ensureLocalSecrets } from '../local/secrets.ts';
import { ensureWebBuilt, WEB_DIST } from '../local/web-build.ts';
import type { BenchContext, Section } from './section.ts';
import { kb, median, ms } from './stats.ts';
import type { Row } from './table.ts';

export const JS_GOAL_BYTES = 150 * 1024;
const CSS_GOAL_BYTES = 60 * 1024;
const RENDER_GOAL_MS = 1000;
const TASKS = 200;
const RENDER_RUNS = 7;
const KIM = { name: 'Kim Koordination', email: 'kim.koordination@erfurt.example' };

export const met = (value: number, goal: number) => (value <= goal ? 'met' : 'NOT met');

/** Kim's 200 tasks, recorded through the API as she would (8 requests at a time). */
async function recordTasks(url: string, dataDir: string): Promise<void> {
  const { jwtSecret } = await ensureLocalSecrets(dataDir);
  const as = async (role: string, email: string) =>
    createApiClient({ baseUrl: url, token: () => signLocalToken(jwtSecret, { roles: [role], email }) });
  const finance = await as('finance', 'anna.finanz@erfurt.example');
  const kim = await as('coordinator', KIM.email);
  const position = await finance.POST('/v1/positions', {
    body: {
      title: 'Quartiersplanungskoordination',
      fte: 1,
      payGrade: 'TVöD E 11',
      orgUnit: 'Amt für Soziales',
      start: '2023-01-01',
      owner: { name: 'Anna Finanz', email: 'anna.finanz@erfurt.example' },
    },
  });
  if (!position.data) throw new Error(`position: ${JSON.stringify(position.error)}`);
  const positionId = position.data.id;
  for (let start = 0; start < TASKS; start += 8) {
    await Promise.all(
      Array.from({ length: Math.min(8, TASKS - start) }, async (_, offset) => {
        const n = start + offset;
        const { error } = await kim.POST('/v1/tasks', {
          body: {
            title: `Aufgabe ${String(n + 1).padStart(3, '0')}: Beteiligung im Sozialraum ${(n % 12) + 1} vorbereiten`,
            area: 'coordination_networking',
            positionId,
            dueOn: `2026-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`,
            assignee: KIM,
          },
        });
        if (error) throw new Error(`task: ${JSON.stringify(error)}`);
      }),
    );
  }
}

/** Milliseconds from the tasks' arrival (parsed) to the rows painted, from the app's own marks. */
async function renderTime(page: Page): Promise<number> {
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, TASKS_RENDERED, {
    timeout: 30_000,
  });
  const rows = await page.locator('table tbody tr').count();
  if (rows !== TASKS) throw new Error(`expected ${TASKS} rows, saw ${rows}`);
  return page.evaluate(
    ([arrived, rendered]) =>
      performance.getEntriesByName(rendered!)[0]!.startTime -
      performance.getEntriesByName(arrived!)[0]!.startTime,
    [TASKS_DATA_ARRIVED, TASKS_RENDERED],
  );
}

export async function gzipSizeOf(paths: readonly string[]): Promise<number> {
  let total = 0;
  for (const path of paths) total += gzipSync(await readFile(join(WEB_DIST, path)), { level: 9 }).length;
  return total;
}

/**
 * The web app as Kim meets it: the JavaScript and CSS that Meine Aufgaben loads right after
 * sign-in (gzip, as served compressed), and how long Chromium takes from the arrival of 200
 * tasks to the painted table. A real local service, the production build, Debian's Chromium.
 */
/** A real local service with the production build of the app, its own DynamoDB Local, and Chromium. */
export async function startWebBench(context: BenchContext) {
  await ensureWebBuilt(context.log);
  const database = await startDynamoDbLocal();
  const [port, oidcPort] = (await freePorts(2)) as [number, number];
  const dataDir = join(context.workDir, 'web-bench');
  const service = await startLocalService({
    port,
    oidcPort,
    dataDir,
    dynamodbEndpoint: database.endpoint,
    s3Endpoint: undefined,
    documentsBucket: 'foerdertracker-documents',
    tableName: WEB_BENCH_TABLE,
    logLevel: 'SILENT',
    publicBaseUrl: `http://localhost:${port}`,
    web: { distDir: WEB_DIST, build: false },
  });
  const browser = await chromium.launch({ executablePath: ensureChromium(context.log), args: CHROMIUM_ARGS });
  return {
    database,
    service,
    dataDir,
    browser,
    /** A page whose requests for the app's own scripts and styles are collected from the sign-in callback on. */
    async newPage() {
      const page = await browser.newPage({ locale: 'de-DE', viewport: { width: 1280, height: 900 } });
      const loaded = new Set<string>();
      let afterSignIn = false;
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname === SIGN_IN_CALLBACK_PATH) afterSignIn = true;
        if (
          afterSignIn &&
          url.origin === new URL(service.url).origin &&
          url.pathname.startsWith('/assets/')
        ) {
          loaded.add(url.pathname);
        }
      });
      return { page, loaded };
    },
    async stop() {
      await browser.close();
      await service.stop();
      await database.stop();
    },
  };
}
export const WEB_BENCH_TABLE = 'web-bench';

/** The gzip size of the app's files that were loaded, by kind. */
export async function loadedSizes(files: Iterable<string>) {
  const all = [...files];
  const js = all.filter((file) => file.endsWith('.js'));
  return {
    js: await gzipSizeOf(js),
    jsFiles: js.length,
    css: await gzipSizeOf(all.filter((file) => file.endsWith('.css'))),
    fonts: all.filter((file) => file.endsWith('.woff2')),
  };
}

/**
 * The web app as Kim meets it: the JavaScript and CSS that Meine Aufgaben loads right after
 * sign-in (gzip, as served compressed), and how long Chromium takes from the arrival of 200
 * tasks to the painted table. A real local service, the production build, Debian's Chromium.
 */
export const webApp: Section = {
  title: 'Web app: first page after sign-in, 200 tasks rendered',
  async run(context): Promise<Row[]> {
    const bench = await startWebBench(context);
    try {
      context.log(`recording ${TASKS} tasks for Kim through the API`);
      await recordTasks(bench.service.url, bench.dataDir);
      const { page, loaded } = await bench.newPage();
      await page.goto(`${bench.service.url}/aufgaben`);
      await page.getByRole('button', { name: KIM.name, exact: true }).click();
      const times = [await renderTime(page)];
      const { js, jsFiles, css, fonts } = await loadedSizes(loaded);

      for (let run = 1; run < RENDER_RUNS; run++) {
        await page.reload();
        times.push(await renderTime(page));
      }
      return [
        {
          figure: 'Web app: JavaScript of the first page after sign-in (Meine Aufgaben)',
          value: `${kb(js)} gzip in ${jsFiles} files`,
          note: `goal ≤ 150 KB: ${met(js, JS_GOAL_BYTES)}; other pages load their own chunks when opened`,
        },
        {
          figure: 'Web app: CSS of the first page after sign-in',
          value: `${kb(css)} gzip`,
          note: `goal ≤ 60 KB: ${met(css, CSS_GOAL_BYTES)}; KERN plus the app's layout; fonts: ${fonts.length} Fira Sans weights (woff2, ${kb(await gzipSizeOf(fonts))})`,
        },
        {
          figure: `Web app: Meine Aufgaben with ${TASKS} tasks, data arrival → rows painted`,
          value: `median ${ms(median(times))}`,
          note: `min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))} over ${RENDER_RUNS} page loads in headless Chromium; goal < 1 s: ${met(median(times), RENDER_GOAL_MS)}`,
        },
      ];
    } finally {
      await bench.stop();
    }
  },
};
