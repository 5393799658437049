import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ulid } from 'ulid';
import { buildLambda } from '../../infra/lambda-bundle.ts';
import { createApplicationSchema } from '../../shared/domain/application.ts';
import { SOZIALSTRATEGIE_THUERINGEN } from '../../shared/domain/program.ts';
import { ensureTable } from '../../shared/store/ensure-table.ts';
import { createStore } from '../../shared/store/store.ts';
import { erfurtApplicationBody } from '../../test/fixtures/applications.ts';
import { sampleDeadline, seedDeadlines } from '../../test/support/deadlines.ts';
import { httpApiEvent } from '../../test/support/http-api-event.ts';
import { bundleSource, CHILD_ENV, invokeFresh, runsFromEnv, type Variant } from './cold-start.ts';
import { PHASE_NAMES } from './first-request-phases.ts';
import type { Section } from './section.ts';
import { kb, median, ms, percentile } from './stats.ts';
import type { Row } from './table.ts';
import { withDynamoDbLocal } from './with-dynamodb-local.ts';

const TABLE = 'bench-first-request';
const GOAL_VS_FLOOR = 1.1;
const PHASES_ENTRY = fileURLToPath(new URL('./first-request-phases.ts', import.meta.url));
const CLAIMS = { sub: 'bench', email: 'bench@erfurt.example', 'cognito:groups': ['viewer'] };

const SCHEDULER_EVENT = JSON.stringify({
  scheduledTime: '2026-06-01T04:00:00Z',
  executionId: 'bench',
  attemptNumber: '1',
});

const EMPTY_SOURCE = "export const handler = async () => ({ statusCode: 200, body: 'ok' });\n";
const HONO_SOURCE = `
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
const app = new Hono();
app.get('/v1/programs', (c) => c.json({ items: [] }));
export const handler = handle(app);
`;
/**
 * The floor: what the two reads need and nothing else, written by hand. Hono and the DynamoDB
 * document client send the very requests the API sends (the same Query, the same GetItem).
 */
const FLOOR_SOURCE = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
const doc = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT, maxAttempts: 3 }),
  { marshallOptions: { removeUndefinedValues: true } },
);
const TableName = process.env.TABLE_NAME;
const app = new Hono();
app.get('/v1/programs', async (c) => {
  const { Items = [] } = await doc.send(new QueryCommand({
    TableName, IndexName: 'gsi1', KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': 'gsi1pk' }, ExpressionAttributeValues: { ':pk': 'PROGRAMS' },
    Limit: 50, ScanIndexForward: true,
  }));
  return c.json({ items: Items.map(({ pk, sk, gsi1pk, gsi1sk, entity, ...program }) => program) });
});
app.get('/v1/applications/:id', async (c) => {
  const { Item } = await doc.send(new GetCommand({
    TableName, Key: { pk: 'APP#' + c.req.param('id'), sk: 'APP' }, ConsistentRead: true,
  }));
  if (!Item) return c.json({ status: 404 }, 404);
  const { pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, gsi3pk, gsi3sk, entity, ...application } = Item;
  return c.json(application);
});
export const handler = handle(app);
`;

/** A 200 whose body is JSON and no problem document (the child checks the status). */
const isJsonAnswer = (body: unknown) =>
  typeof body === 'string' && body.startsWith('{') && !/"status":\d/.test(body);

/** The table with one programme and one application in it, for the children to read. */
async function seed(client: Parameters<typeof ensureTable>[0], doc: Parameters<typeof createStore>[0]) {
  await ensureTable(client, TABLE);
  const store = createStore(doc, TABLE, CHILD_ENV.CURSOR_SECRET);
  const context = {
    actor: { sub: 'bench', email: undefined, roles: ['admin' as const] },
    now: new Date(),
    newId: () => ulid(),
  };
  const program = await store.programs.create(SOZIALSTRATEGIE_THUERINGEN, context);
  const application = await store.applications.create(
    createApplicationSchema.parse(erfurtApplicationBody(program.id)),
    context,
  );
  await seedDeadlines(doc, TABLE, [sampleDeadline(1), sampleDeadline(2)]);
  return application.id;
}

export const firstRequest: Section = {
  title: 'Cold start of the first /v1 request',
  async run({ apiBundle, remindersBundle, workDir, log }) {
    const runs = runsFromEnv();
    return withDynamoDbLocal(log, async ({ endpoint, client, doc }) => {
      const applicationId = await seed(client, doc);
      const env = {
        ...CHILD_ENV,
        TABLE_NAME: TABLE,
        DYNAMODB_ENDPOINT: endpoint,
        PUBLIC_BASE_URL: 'https://fristen.erfurt.example',
        MAIL_TRANSPORT: 'outbox',
        OUTBOX_DIR: join(workDir, 'outbox'),
      };
      const event = (path: string) => JSON.stringify(httpApiEvent({ method: 'GET', path, claims: CLAIMS }));
      const programs = event('/v1/programs');
      const application = event(`/v1/applications/${applicationId}`);
      const health = JSON.stringify(httpApiEvent({ method: 'GET', path: '/health' }));

      log('bundling the empty handler, plain Hono, the floor and the phase probe');
      const floorBundle = await bundleSource(FLOOR_SOURCE, 'floor', workDir);
      const phasesDir = join(workDir, 'phases');
      await buildLambda(PHASES_ENTRY, phasesDir, { splitting: true });
      const variant = (name: string, bundle: string, eventJson: string): Variant & { eventJson: string } => ({
        name,
        bundle,
        accepts: isJsonAnswer,
        samples: [],
        eventJson,
      });
      const variants = [
        variant('API, GET /v1/programs', apiBundle, programs),
        variant('floor, GET /v1/programs', floorBundle, programs),
        variant('API, GET /v1/applications/{id}', apiBundle, application),
        variant('floor, GET /v1/applications/{id}', floorBundle, application),
        variant(
          'plain Hono, GET /v1/programs (no query)',
          await bundleSource(HONO_SOURCE, 'hono-v1', workDir),
          programs,
        ),
        {
          ...variant('empty handler', await bundleSource(EMPTY_SOURCE, 'empty-v1', workDir), programs),
          accepts: (body: unknown) => body === 'ok',
        },
        variant('API, GET /health (no /v1 code loaded)', apiBundle, health),
        {
          // A daily run over the two open deadlines of the table: after the first run, both
          // are reminded already, so each fresh process reads and sends nothing.
          ...variant('reminder Lambda, a run over 2 open deadlines', remindersBundle, SCHEDULER_EVENT),
          accepts: () => true,
          status: null,
        },
      ];
      const phaseVariants = [
        variant('phases, GET /v1/programs', join(phasesDir, 'index.mjs'), programs),
        variant('phases, GET /v1/applications/{id}', join(phasesDir, 'index.mjs'), application),
      ];
      const phaseSamples = new Map<string, Record<string, number>[]>();
      const all = [...variants, ...phaseVariants];
      const cpu = new Map<Variant, number[]>(all.map((v) => [v, []]));
      const once = async (v: (typeof all)[number]) => {
        const { ms: elapsed, cpuMs, body } = await invokeFresh(v, v.eventJson, env);
        v.samples.push(elapsed);
        cpu.get(v)?.push(cpuMs);
        if (phaseVariants.includes(v)) {
          const list = phaseSamples.get(v.name) ?? [];
          list.push(JSON.parse(body as string) as Record<string, number>);
          phaseSamples.set(v.name, list);
        }
      };
      // One discarded round warms the page cache and DynamoDB Local, and fails fast.
      for (const v of all) await once(v);
      for (const v of all) {
        v.samples.length = 0;
        cpu.set(v, []);
      }
      phaseSamples.clear();
      log(`${runs} fresh processes per variant, round-robin, against DynamoDB Local`);
      for (let round = 0; round < runs; round++) {
        for (let i = 0; i < all.length; i++) await once(all[(round + i) % all.length]!);
      }

      const m = (v: Variant) => median(v.samples);
      const c = (v: Variant) => median(cpu.get(v) ?? []);
      const [apiPrograms, floorPrograms, apiApplication, floorApplication, hono, empty] =
        variants as unknown as [Variant, Variant, Variant, Variant, Variant, Variant];
      const rows: Row[] = [];
      for (const [api, floor] of [
        [apiPrograms, floorPrograms],
        [apiApplication, floorApplication],
      ] as const) {
        const ratio = m(api) / m(floor);
        const cpuRatio = c(api) / c(floor);
        rows.push({
          figure: `First /v1 request: ${api.name.replace('API, ', '')} / floor`,
          value: `${ratio.toFixed(2)}×`,
          note:
            `API ${ms(m(api))}, floor ${ms(m(floor))} (medians of wall time); by CPU time ${cpuRatio.toFixed(2)}× ` +
            `(${ms(c(api))} / ${ms(c(floor))}); goal ≤ ${GOAL_VS_FLOOR}×: ${ratio <= GOAL_VS_FLOOR ? 'met' : 'NOT met'}`,
        });
      }
      for (const v of variants) {
        const { size } = await stat(v.bundle);
        rows.push({
          figure: `Cold start: ${v.name}`,
          value: `${ms(m(v))} (p90 ${ms(percentile(v.samples, 90))}, CPU ${ms(c(v))})`,
          note: `median of ${v.samples.length} fresh node ${process.versions.node} processes; entry ${kb(size)}; ${(m(v) / m(hono)).toFixed(2)}× plain Hono, ${(m(v) / m(empty)).toFixed(2)}× empty`,
        });
      }
      for (const v of phaseVariants) {
        const samples = phaseSamples.get(v.name) ?? [];
        const parts = PHASE_NAMES.map((phase) => `${phase} ${ms(median(samples.map((s) => s[phase] ?? 0)))}`);
        rows.push({
          figure: `Cold start by phase: ${v.name.replace('phases, ', '')}`,
          value: ms(m(v)),
          note: `medians: ${parts.join(', ')}`,
        });
      }
      return rows;
    });
  },
};
