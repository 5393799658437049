import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LambdaBundles, synthLambdaBundles } from '../../test/support/lambda-bundles.ts';
import { bundleSize } from './bundle-size.ts';
import { coldStart } from './cold-start.ts';
import { dynamoDbRequests } from './dynamodb-requests.ts';
import { firstRequest } from './first-request.ts';
import { httpLoad } from './http-load.ts';
import { reminderRun } from './reminders.ts';
import type { BenchContext, Section } from './section.ts';
import { summaryEndpoint } from './summary.ts';
import { formatTable, type Row } from './table.ts';
import { warmOverhead } from './warm-overhead.ts';
import { webApp } from './web.ts';
import { webDashboard } from './web-dashboard.ts';

// `npm run bench`: runs the sections in order, then prints one table on stdout.
// Progress goes to stderr. Nothing leaves the machine; only loopback is used.

/** In order; later figures (DynamoDB requests per operation, HTTP load) go here. */
const SECTIONS: readonly Section[] = [
  firstRequest,
  bundleSize,
  coldStart,
  dynamoDbRequests,
  warmOverhead,
  httpLoad,
  reminderRun,
  summaryEndpoint,
  webApp,
  webDashboard,
];

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const started = performance.now();
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const temporary: string[] = [];
const removeTemporarySync = () => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
};
process.once('SIGINT', () => {
  removeTemporarySync();
  process.exit(130);
});

const rows: Row[] = [];
const failures: { title: string; error: unknown }[] = [];
let bundles: LambdaBundles | undefined;
try {
  const workDir = await mkdtemp(join(tmpdir(), 'foerdertracker-bench-'));
  temporary.push(workDir);
  log('synthesizing the CDK app with bundling (the API Lambda as deployed)');
  bundles = await synthLambdaBundles();
  temporary.push(bundles.dir);
  const context: BenchContext = {
    apiBundle: bundles.api,
    remindersBundle: bundles.reminders,
    workDir,
    log,
  };

  // `npm run bench -- cold` runs only the sections whose title contains one of the words.
  const only = process.argv.slice(2).map((word) => word.toLowerCase());
  const chosen = only.length
    ? SECTIONS.filter((section) => only.some((word) => section.title.toLowerCase().includes(word)))
    : SECTIONS;
  for (const section of chosen) {
    log(`${section.title}…`);
    const sectionStarted = performance.now();
    try {
      rows.push(...(await section.run(context)));
    } catch (error) {
      failures.push({ title: section.title, error });
      rows.push({ figure: section.title, value: 'FAILED', note: 'see stderr' });
    }
    log(`${section.title} took ${((performance.now() - sectionStarted) / 1000).toFixed(1)} s`);
  }
} catch (error) {
  failures.push({ title: 'setup', error });
} finally {
  await bundles?.cleanup();
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
}

rows.push({
  figure: 'Bench runtime',
  value: `${((performance.now() - started) / 1000).toFixed(1)} s`,
  note: '',
});
process.stdout.write(`${formatTable(rows)}\n`);
for (const { title, error } of failures) {
  console.error(`\n[bench] ${title} FAILED:`, error);
}
if (failures.length > 0) process.exitCode = 1;
