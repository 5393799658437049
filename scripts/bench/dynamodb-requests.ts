import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createApp } from '../../functions/api/app.ts';
import { type Answer, appClient, localTokens } from './app-client.ts';
import { countCommands, type Sent, type Summary, summarise } from './dynamodb-requests-commands.ts';
import { type OperationState, operations } from './dynamodb-requests-operations.ts';
import { countItems, growTo, seed } from './dynamodb-requests-table.ts';
import type { Section } from './section.ts';
import type { Row } from './table.ts';
import { BENCH_JWT_SECRET, withBenchApi } from './with-dynamodb-local.ts';

// Counts the DynamoDB commands each API operation sends, on a small and on a large table.
// Every request of an operation should be a Get, a Query or a transaction whose number
// does not grow with the data: the same count at ~100 and at ~10,000 items, never a Scan.

const TABLE = 'bench-requests';
/** A fixed "today" inside the fixtures' funding period (2023–2025), so dates and windows are stable. */
const TODAY = new Date('2024-06-01T08:00:00Z');
const SMALL = 100;
const LARGE = 10_000;

export const dynamoDbRequests: Section = {
  title: 'DynamoDB requests per API operation',
  async run({ workDir, log }) {
    return withBenchApi({ workDir, log }, TABLE, async ({ database, deps: built }) => {
      const deps = { ...built, clock: () => TODAY };

      let sink: Sent[] | undefined;
      const storeClient = deps.store.table.doc;
      countCommands(storeClient, () => sink);
      // buildDependencies gives Powertools the DocumentClient's own DynamoDBClient, whose middleware
      // stack the DocumentClient shares; a client of its own would need a counter of its own.
      const idempotencyClient = ((await deps.idempotencyStore()) as unknown as { client?: DynamoDBClient })
        .client;
      const idempotencyCounted = idempotencyClient?.middlewareStack === storeClient.middlewareStack;
      if (idempotencyClient && !idempotencyCounted) countCommands(idempotencyClient, () => sink);

      const call = appClient(await createApp(deps));
      const tokens = await localTokens(BENCH_JWT_SECRET);
      const list = operations(call, tokens);

      const measure = async (label: string) => {
        const items = await countItems(database.doc, TABLE);
        log(`${label}: ${items} items; running ${list.length} operations`);
        const state: OperationState = {};
        const results: Summary[] = [];
        for (const operation of list) {
          const sent: Sent[] = [];
          sink = sent;
          let answer: Answer;
          try {
            answer = await operation.run(state);
          } finally {
            sink = undefined;
          }
          if (answer.status >= 300) {
            throw new Error(`${operation.name}: HTTP ${answer.status}: ${answer.text.slice(0, 300)}`);
          }
          const summary = summarise(sent);
          log(`  ${operation.name}: ${summary.total} — ${summary.detail.join('; ')}`);
          results.push(summary);
        }
        return { items, results };
      };

      log('seeding about 100 items through the API');
      await seed(call, tokens, database.doc, TABLE, SMALL);
      const small = await measure('small table');
      log(`copying records to about ${LARGE} items (BatchWrite, the app's key shapes)`);
      const growStarted = performance.now();
      await growTo(database.doc, TABLE, LARGE);
      log(`grown in ${((performance.now() - growStarted) / 1000).toFixed(1)} s`);
      const large = await measure('large table');

      const rows: Row[] = [
        {
          figure: 'DynamoDB requests: table size',
          value: `${small.items} → ${large.items} items`,
          note:
            'requests per operation at each size (small → large); ' +
            (idempotencyCounted
              ? 'idempotency records share the store client and are counted'
              : 'idempotency client counted separately'),
        },
      ];
      const problems: string[] = [];
      list.forEach((operation, index) => {
        const before = small.results[index]!;
        const after = large.results[index]!;
        const scans = before.scans + after.scans;
        const same = before.total === after.total && before.counts === after.counts;
        if (scans > 0) problems.push(`${operation.name}: ${scans} Scan(s)`);
        if (!same && !operation.ungated) {
          problems.push(`${operation.name}: ${before.total} → ${after.total} requests`);
        }
        const repeated = [...new Set([...before.repeated, ...after.repeated])];
        const flag = same ? '' : operation.ungated ? ' (not gated)' : ' DIFFERS';
        rows.push({
          figure: `DynamoDB requests: ${operation.name}`,
          value: `${before.total} → ${after.total}${flag}`,
          note:
            `${after.counts}; Scans ${scans}` +
            (same ? '' : ` (small: ${before.counts})`) +
            (repeated.length ? `; repeated read: ${repeated.join(', ')}` : '') +
            (operation.ungated && !same ? `; ${operation.ungated}` : ''),
        });
      });
      if (problems.length > 0) {
        const table = rows.map((row) => `  ${row.figure} | ${row.value} | ${row.note ?? ''}`).join('\n');
        throw new Error(
          `request counts must not depend on the table size and no Scan may be sent:\n  ${problems.join('\n  ')}\n${table}`,
        );
      }
      return rows;
    });
  },
};
