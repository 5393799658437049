import { createApp } from '../../functions/api/app.ts';
import { appClient, expectStatus, localTokens } from './app-client.ts';
import { countCommands, type Sent, summarise } from './dynamodb-requests-commands.ts';
import { copyRecords } from './dynamodb-requests-table.ts';
import { recordTemplateGrants } from './grants-seed.ts';
import type { Section } from './section.ts';
import { median, ms } from './stats.ts';
import type { Row } from './table.ts';
import { BENCH_JWT_SECRET, withBenchApi } from './with-dynamodb-local.ts';

const TABLE = 'bench-summary';
const SMALL = 10;
/** Grants recorded through the API; copies of them make the large table. */
const TEMPLATES = 20;
const LARGE = 500;
const RUNS = 7;

/** A grant's calls read from its own partition: only for a grant whose calls the list of all calls lacks. */
const isCallsQuery = (sent: Sent) => sent.command === 'Query' && /^table APP#\* begins CALL/.test(sent.shape);
/** A vacant position's cost plan and actual costs (two queries of its partition), for its vacancy loss. */
const isCostsQuery = (sent: Sent) =>
  sent.command === 'Query' && /^table POS#\* begins (PLAN|COST)#/.test(sent.shape);
const isListPage = (sent: Sent) => !isCallsQuery(sent) && !isCostsQuery(sent);

/**
 * GET /v1/summary, the Übersicht's one request, at 10 and at 500 grants (ten deadlines each):
 * the DynamoDB requests it sends (no Scan; only paged queries grow with the grants) and its time
 * in process against DynamoDB Local.
 */
export const summaryEndpoint: Section = {
  title: 'Summary endpoint (GET /v1/summary) at 10 and 500 grants',
  async run({ workDir, log }) {
    return withBenchApi({ workDir, log }, TABLE, async ({ database, deps }) => {
      let sink: Sent[] | undefined;
      countCommands(deps.store.table.doc, () => sink);
      const call = appClient(await createApp(deps));
      const tokens = await localTokens(BENCH_JWT_SECRET);

      const measure = async (grants: number) => {
        const sent: Sent[] = [];
        sink = sent;
        const first = expectStatus(
          await call('GET', '/v1/summary', { token: tokens.viewer }),
          200,
          'summary',
        );
        sink = undefined;
        const times: number[] = [];
        for (let run = 0; run < RUNS; run++) {
          const started = performance.now();
          expectStatus(await call('GET', '/v1/summary', { token: tokens.viewer }), 200, 'summary');
          times.push(performance.now() - started);
        }
        const summary = summarise(sent);
        log(`  ${grants} grants: ${summary.total} requests — ${summary.detail.join('; ')}`);
        const deadlines = first.json.deadlines;
        return {
          sent,
          summary,
          times,
          applications: first.json.applications.length as number,
          vacant: `${first.json.positions.filter((position: { staffing: string }) => position.staffing === 'vacant').length} of ${first.json.positions.length} positions vacant`,
          open: `${deadlines.overdue.length} overdue, ${deadlines.upcoming.length} in 30 days`,
          bytes: first.text.length,
        };
      };

      log(`recording ${SMALL} grants through the API`);
      await recordTemplateGrants(call, tokens, SMALL);
      const small = await measure(SMALL);
      log(
        `recording ${TEMPLATES - SMALL} more, then copying all to ${LARGE} grants (BatchWrite, the app's key shapes)`,
      );
      await recordTemplateGrants(call, tokens, TEMPLATES - SMALL, SMALL);
      await copyRecords(database.doc, TABLE, LARGE / TEMPLATES - 1);
      const large = await measure(LARGE);

      const count = (sent: Sent[], kind: (one: Sent) => boolean) => sent.filter(kind).length;
      const rows: Row[] = [];
      for (const [grants, result] of [
        [SMALL, small],
        [LARGE, large],
      ] as const) {
        if (result.applications !== grants)
          throw new Error(`expected ${grants} applications, saw ${result.applications}`);
        rows.push({
          figure: `Summary endpoint: DynamoDB requests at ${grants} grants`,
          value: `${result.summary.total}`,
          note:
            `${count(result.sent, isListPage)} list pages + ${count(result.sent, isCallsQuery)} per-grant calls queries + ` +
            `${count(result.sent, isCostsQuery)} cost queries of vacant positions (${result.vacant}); ` +
            `${result.summary.counts}; Scans ${result.summary.scans}`,
        });
        rows.push({
          figure: `Summary endpoint: time at ${grants} grants (${grants * 10} deadlines)`,
          value: `median ${ms(median(result.times))}`,
          note: `${RUNS} timed calls, in process, against DynamoDB Local; min ${ms(Math.min(...result.times))}, max ${ms(Math.max(...result.times))}; ${(result.bytes / 1024).toFixed(0)} KB JSON; ${result.open}`,
        });
      }
      const problems: string[] = [];
      if (small.summary.scans + large.summary.scans > 0) problems.push('a Scan was sent');
      if (count(large.sent, isCallsQuery) > 0) problems.push('a grant’s calls were read from its partition');
      // Apart from those per grant and per vacant position, only the pages of the four lists may grow (1 MB each).
      if (count(large.sent, isListPage) - count(small.sent, isListPage) > 10) {
        problems.push(
          `list requests grew from ${count(small.sent, isListPage)} to ${count(large.sent, isListPage)}`,
        );
      }
      if (problems.length)
        throw new Error(`the summary endpoint reads more than it should: ${problems.join('; ')}`);
      return rows;
    });
  },
};
