import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { httpApiEvent, lambdaContext } from '../../test/support/http-api-event.ts';
import { LAMBDA_BUILD_OPTIONS, REPO_ROOT } from './lambda-build.ts';
import type { Section } from './section.ts';
import { kb, median, ms, percentile } from './stats.ts';
import type { Row } from './table.ts';

const run = promisify(execFile);

const CHILD_SCRIPT = fileURLToPath(new URL('./cold-start-child.mjs', import.meta.url));
const MIN_RUNS = 15;
const DEFAULT_RUNS = 21;
const CHILD_TIMEOUT_MS = 30_000;
const GOAL_VS_HONO = 1.25;
const GOAL_VS_EXPRESS = 1.5;

/** What the API needs to start; GET /health touches no database, so the endpoint may be dead. */
export const CHILD_ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  TABLE_NAME: 'bench',
  AUTH_MODE: 'apigateway',
  CURSOR_SECRET: 'bench-cursor-secret-123',
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  LOG_LEVEL: 'WARN',
  DYNAMODB_ENDPOINT: 'http://127.0.0.1:1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** The Lambda context the child invokes with, as JSON (the child adds its functions). */
export const CONTEXT_JSON = JSON.stringify(
  lambdaContext({
    functionName: 'bench',
    invokedFunctionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:bench',
    awsRequestId: 'bench-request-1',
    logGroupName: '/aws/lambda/bench',
  }),
);

const EMPTY_SOURCE = "export const handler = async () => ({ statusCode: 200, body: 'ok' });\n";
const HONO_SOURCE = `
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
const app = new Hono();
app.get('/health', (c) => c.json({ status: 'ok' }));
export const handler = handle(app);
`;
/** Plain Hono plus what every /v1 request needs: zod-openapi with one validated route… */
const ZOD_OPENAPI_SOURCE = `
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { handle } from 'hono/aws-lambda';
const app = new OpenAPIHono();
const health = z.object({ status: z.string() });
app.openapi(
  createRoute({ method: 'get', path: '/health', responses: { 200: { description: 'ok', content: { 'application/json': { schema: health } } } } }),
  (c) => c.json({ status: 'ok' }, 200),
);
export const handler = handle(app);
`;
/** …and the DynamoDB document client, built at start-up as the API builds it. */
const DYNAMODB_SOURCE = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const app = new Hono();
app.get('/health', (c) => c.json({ status: typeof documents.send === 'function' ? 'ok' : 'no client' }));
export const handler = handle(app);
`;
/** The usual alternative: Express behind serverless-http, same route, same esbuild options. */
const EXPRESS_SOURCE = `
import express from 'express';
import serverless from 'serverless-http';
const app = express();
app.get('/health', (_req, res) => { res.json({ status: 'ok' }); });
export const handler = serverless(app);
`;

export interface Variant {
  name: string;
  bundle: string;
  /** Whether the handler's response body is the expected answer. */
  accepts(body: unknown): boolean;
  samples: number[];
  /** The event to answer; GET /health unless set. */
  event?: string;
  /** The HTTP status it answers; 200 unless set, null for a handler that answers no HTTP response. */
  status?: number | null;
}

const isHealthJson = (body: unknown) => {
  try {
    return typeof body === 'string' && (JSON.parse(body) as { status?: unknown }).status === 'ok';
  } catch {
    return false;
  }
};

/** Bundles a one-file handler with the API function's esbuild options. */
export async function bundleSource(source: string, name: string, workDir: string): Promise<string> {
  const outfile = join(workDir, name, 'index.mjs');
  await build({
    ...LAMBDA_BUILD_OPTIONS,
    stdin: { contents: source, loader: 'ts', resolveDir: REPO_ROOT, sourcefile: `${name}.ts` },
    outfile,
  });
  return outfile;
}

export function runsFromEnv(): number {
  const raw = process.env.BENCH_COLD_START_RUNS;
  if (raw === undefined) return DEFAULT_RUNS;
  const runs = Number(raw);
  if (!Number.isInteger(runs) || runs < MIN_RUNS) {
    throw new Error(`BENCH_COLD_START_RUNS must be an integer ≥ ${MIN_RUNS}, got ${raw}`);
  }
  return runs;
}

/** One fresh process: import, one invocation, ms since process start. Throws unless it answered 200. */
export async function measure(
  variant: Variant,
  eventJson: string,
  env: Record<string, string> = CHILD_ENV,
): Promise<number> {
  return (await invokeFresh(variant, eventJson, env)).ms;
}

/** One fresh process, as `measure`, with what the handler answered. */
export async function invokeFresh(
  variant: Variant,
  eventJson: string,
  env: Record<string, string> = CHILD_ENV,
): Promise<{ ms: number; cpuMs: number; body: unknown }> {
  let stdout: string;
  try {
    const args = [CHILD_SCRIPT, variant.bundle, variant.event ?? eventJson, CONTEXT_JSON];
    ({ stdout } = await run(process.execPath, args, {
      env,
      timeout: CHILD_TIMEOUT_MS,
      maxBuffer: 16 * 1024 * 1024,
    }));
  } catch (error) {
    const { stderr = '', message } = error as { stderr?: string; message: string };
    throw new Error(`cold start of ${variant.name} failed: ${message}\n${stderr}`);
  }
  const line = stdout.trim().split('\n').at(-1) ?? '';
  let result: { ms?: unknown; cpuMs?: unknown; statusCode?: unknown; body?: unknown };
  try {
    result = JSON.parse(line) as typeof result;
  } catch {
    throw new Error(`cold start of ${variant.name}: unreadable child output:\n${stdout}`);
  }
  if (
    result.statusCode !== (variant.status === null ? undefined : (variant.status ?? 200)) ||
    !variant.accepts(result.body) ||
    typeof result.ms !== 'number'
  ) {
    throw new Error(`cold start of ${variant.name}: unexpected answer ${line}`);
  }
  return { ms: result.ms, cpuMs: Number(result.cpuMs), body: result.body };
}

export const coldStart: Section = {
  title: 'Cold start of GET /health (secondary)',
  async run({ apiBundle, workDir, log }) {
    const runs = runsFromEnv();
    log('bundling the empty, the plain Hono and the Express handler');
    const variants: Variant[] = [
      {
        name: 'empty handler',
        bundle: await bundleSource(EMPTY_SOURCE, 'empty', workDir),
        accepts: (body) => body === 'ok',
        samples: [],
      },
      {
        name: 'plain Hono',
        bundle: await bundleSource(HONO_SOURCE, 'hono', workDir),
        accepts: isHealthJson,
        samples: [],
      },
      {
        name: 'Express + serverless-http',
        bundle: await bundleSource(EXPRESS_SOURCE, 'express', workDir),
        accepts: isHealthJson,
        samples: [],
      },
      {
        name: 'plain Hono + zod-openapi route',
        bundle: await bundleSource(ZOD_OPENAPI_SOURCE, 'zod-openapi', workDir),
        accepts: isHealthJson,
        samples: [],
      },
      {
        name: 'plain Hono + DynamoDB client',
        bundle: await bundleSource(DYNAMODB_SOURCE, 'dynamodb', workDir),
        accepts: isHealthJson,
        samples: [],
      },
      { name: 'API', bundle: apiBundle, accepts: isHealthJson, samples: [] },
      {
        // The honest counterpart: the first /v1 request loads the whole app (schemas, SDK, routes).
        // An invalid body is refused by validation, so no database is needed to answer it.
        name: 'API, first /v1 request (POST /v1/programs → 400)',
        bundle: apiBundle,
        accepts: (body) => typeof body === 'string' && body.includes('"status":400'),
        status: 400,
        samples: [],
        event: JSON.stringify(
          httpApiEvent({
            method: 'POST',
            path: '/v1/programs',
            headers: { 'content-type': 'application/json' },
            body: '{}',
            claims: { sub: 'bench', email: 'bench@erfurt.example', 'cognito:groups': ['admin'] },
          }),
        ),
      },
    ];
    const [empty, hono, express, zodOpenApi, dynamodb, api, apiFull] = variants as [
      Variant,
      Variant,
      Variant,
      Variant,
      Variant,
      Variant,
      Variant,
    ];
    const eventJson = JSON.stringify(httpApiEvent({ method: 'GET', path: '/health' }));

    // One discarded run each warms the page cache (and fails fast if a bundle does not start).
    for (const variant of variants) await measure(variant, eventJson);
    log(`${runs} fresh processes per variant, round-robin`);
    for (let round = 0; round < runs; round++) {
      // Rotate who goes first, so no variant always follows the same neighbour.
      for (let i = 0; i < variants.length; i++) {
        const variant = variants[(round + i) % variants.length]!;
        variant.samples.push(await measure(variant, eventJson));
      }
    }

    const rows: Row[] = [];
    for (const variant of variants) {
      const { size } = await stat(variant.bundle);
      rows.push({
        figure: `Cold start: ${variant.name}`,
        value: `${ms(median(variant.samples))} (p90 ${ms(percentile(variant.samples, 90))})`,
        note: `median of ${variant.samples.length} fresh node ${process.versions.node} processes; bundle ${kb(size)}`,
      });
    }
    const apiVsHono = median(api.samples) / median(hono.samples);
    const apiVsEmpty = median(api.samples) / median(empty.samples);
    const expressVsApi = median(express.samples) / median(api.samples);
    const fullVsHono = median(apiFull.samples) / median(hono.samples);
    const overHono = (variant: Variant) => median(variant.samples) - median(hono.samples);
    const appOwn = overHono(apiFull) - overHono(zodOpenApi) - overHono(dynamodb);
    rows.push(
      {
        figure: 'Cold start ratio API / plain Hono',
        value: `${apiVsHono.toFixed(2)}×`,
        note: `goal ≤ ${GOAL_VS_HONO}× plain Hono: ${apiVsHono <= GOAL_VS_HONO ? 'met' : 'NOT met'}`,
      },
      {
        figure: 'Cold start: API is N× faster than Express',
        value: `${expressVsApi.toFixed(2)}×`,
        note:
          `Express median / API median (below 1: the API is slower); goal ≥ ${GOAL_VS_EXPRESS}×: ` +
          `${expressVsApi >= GOAL_VS_EXPRESS ? 'met' : 'NOT met'}`,
      },
      {
        figure: 'Cold start ratio API first /v1 request / plain Hono',
        value: `${fullVsHono.toFixed(2)}×`,
        note: 'the whole app loads on the first /v1 request; reported, not gated',
      },
      {
        figure: 'Cold start: first /v1 request beyond plain Hono',
        value: ms(overHono(apiFull)),
        note:
          `zod-openapi ${ms(overHono(zodOpenApi))}, DynamoDB client ${ms(overHono(dynamodb))}, ` +
          `the app's own routes, schemas and middleware the other ${ms(appOwn)} (differences of medians)`,
      },
      {
        figure: 'Cold start ratio API / empty',
        value: `${apiVsEmpty.toFixed(2)}×`,
        note: `API start-up beyond the empty handler: ${ms(median(api.samples) - median(empty.samples))}`,
      },
    );
    return rows;
  },
};
