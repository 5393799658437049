// Runs in a fresh `node` process (plain JS, no tsx, so nothing but the bundle is loaded):
// imports a Lambda bundle, invokes its handler once, and reports ms since process start.
// argv: <bundle path> <event JSON> <context JSON>. Writes one JSON line to stdout, then exits.
// The context's functions cannot travel as JSON; they are added here.
import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, eventJson, contextJson] = process.argv.slice(2);
const { handler } = await import(pathToFileURL(bundle).href);
const deadline = Date.now() + 10_000;
const context = {
  ...JSON.parse(contextJson),
  getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};
const response = await handler(JSON.parse(eventJson), context);
// performance.now() counts from the process's time origin, i.e. its start.
const elapsed = performance.now();
// CPU time (user + system) of this process so far: what the start-up computed, without the time
// it waited for a core on a busy machine or for the database.
const { user, system } = process.cpuUsage();
const cpuMs = (user + system) / 1000;
writeSync(
  1,
  `${JSON.stringify({ ms: elapsed, cpuMs, statusCode: response?.statusCode, body: response?.body })}\n`,
);
// Exit at once: a handle the bundle left open must not hang the benchmark.
process.exit(0);
