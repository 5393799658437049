import { join } from 'node:path';
import autocannon from 'autocannon';
import { signLocalToken } from '../../shared/auth/local-jwt.ts';
import { erfurtApplicationBody } from '../../test/fixtures/applications.ts';
import { freePort } from '../../test/support/free-port.ts';
import { startLocalService } from '../local/local-service.ts';
import { readLocalSecrets } from '../local/secrets.ts';
import type { Section } from './section.ts';
import { ms } from './stats.ts';
import type { Row } from './table.ts';

// The whole local service over HTTP on loopback (Node server + DynamoDB Local on disk), loaded by
// autocannon in a worker thread. On this 2-core machine server, load generator and Java share cores.

const CONNECTIONS = 10;
const DEFAULT_SECONDS = 20;
const MAX_SECONDS = 120;
/** Sent before each measured run and not counted: warms the JIT of Node and of DynamoDB Local's Java. */
const WARM_UP_REQUESTS = 300;

function secondsFromEnv(): number {
  const raw = process.env.BENCH_LOAD_SECONDS;
  if (raw === undefined) return DEFAULT_SECONDS;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_SECONDS) {
    throw new Error(`BENCH_LOAD_SECONDS must be an integer from 1 to ${MAX_SECONDS}, got ${raw}`);
  }
  return seconds;
}

export const httpLoad: Section = {
  title: 'HTTP load (local service)',
  async run({ workDir, log }) {
    const seconds = secondsFromEnv();
    const port = await freePort();
    const dataDir = join(workDir, 'load-data');
    log(`starting the local service on 127.0.0.1:${port} (DynamoDB Local under a temp DATA_DIR)`);
    const service = await startLocalService({
      port,
      dataDir,
      dynamodbEndpoint: undefined,
      s3Endpoint: undefined,
      documentsBucket: 'foerdertracker-documents',
      tableName: 'bench-load',
      logLevel: 'SILENT',
      publicBaseUrl: `http://127.0.0.1:${port}`,
    });
    try {
      const secrets = await readLocalSecrets(dataDir);
      if (!secrets) throw new Error(`the local service wrote no secrets.json to ${dataDir}`);
      const viewer = await signLocalToken(secrets.jwtSecret, {
        roles: ['viewer'],
        email: 'viewer@erfurt.example',
      });
      const finance = await signLocalToken(secrets.jwtSecret, {
        roles: ['finance'],
        email: 'anna.finanz@erfurt.example',
      });
      const base = `http://127.0.0.1:${port}`;
      const programs = await fetch(`${base}/v1/programs`, { headers: { authorization: `Bearer ${viewer}` } });
      const programId = ((await programs.json()) as { items?: { id: string }[] }).items?.[0]?.id;
      if (!programs.ok || !programId) throw new Error(`GET /v1/programs found no seeded programme`);

      const targets = [
        {
          name: 'GET /v1/programs',
          options: { url: `${base}/v1/programs`, headers: { authorization: `Bearer ${viewer}` } },
          note: 'viewer token; the seeded programme (Query on gsi1)',
        },
        {
          name: 'POST /v1/applications',
          options: {
            url: `${base}/v1/applications`,
            method: 'POST' as const,
            headers: { authorization: `Bearer ${finance}`, 'content-type': 'application/json' },
            body: JSON.stringify(erfurtApplicationBody(programId)),
          },
          note: 'finance token; a new draft each (GetItem + 3-item TransactWrite)',
        },
      ];

      const rows: Row[] = [];
      const failures: string[] = [];
      for (const target of targets) {
        const warmUp = await autocannon({
          ...target.options,
          connections: CONNECTIONS,
          amount: WARM_UP_REQUESTS,
        });
        if (warmUp.non2xx + warmUp.errors > 0) {
          failures.push(`${target.name} (warm-up): ${warmUp.non2xx} non-2xx, ${warmUp.errors} errors`);
        }
        log(`${target.name}: ${CONNECTIONS} connections for ${seconds} s`);
        const result = await autocannon({
          ...target.options,
          connections: CONNECTIONS,
          duration: seconds,
          workers: 1,
          timeout: 10,
        });
        const bad = result.non2xx + result.errors;
        if (bad > 0) {
          failures.push(`${target.name}: ${result.non2xx} non-2xx, ${result.errors} errors/timeouts`);
        }
        rows.push({
          figure: `HTTP load: ${target.name}`,
          value: `${result.requests.average.toFixed(0)} req/s, p99 ${ms(result.latency.p99)}`,
          note:
            `${CONNECTIONS} connections, ${result.duration.toFixed(0)} s, ${result['2xx']} × 2xx, ` +
            `non-2xx ${result.non2xx}, errors ${result.errors}; p50 ${ms(result.latency.p50)}; ${target.note}`,
        });
      }
      if (failures.length > 0) {
        throw new Error(
          `every response must be 2xx:\n  ${failures.join('\n  ')}\n${rows.map((row) => `  ${row.figure} | ${row.value} | ${row.note}`).join('\n')}`,
        );
      }
      return rows;
    } finally {
      await service.stop();
    }
  },
};
