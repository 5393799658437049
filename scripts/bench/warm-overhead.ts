import { IdempotencyItemNotFoundError } from '@aws-lambda-powertools/idempotency';
import { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import { ulid } from 'ulid';
import { createApp } from '../../functions/api/app.ts';
import type { ApiDependencies } from '../../functions/api/dependencies.ts';
import { type Authenticator, bearerToken } from '../../functions/api/platform/auth.ts';
import { verifyLocalToken } from '../../shared/auth/local-jwt.ts';
import { loadConfig } from '../../shared/config/config.ts';
import type { DocumentService } from '../../shared/documents/document-service.ts';
import type { Actor } from '../../shared/domain/actor.ts';
import { type Program, type ProgramFields, SOZIALSTRATEGIE_THUERINGEN } from '../../shared/domain/program.ts';
import { createLogger } from '../../shared/logger.ts';
import type { MailTransport } from '../../shared/mail/transport.ts';
import type { PageRequest, WriteContext } from '../../shared/store/records.ts';
import type { Store } from '../../shared/store/store.ts';
import { appClient, expectStatus, localTokens } from './app-client.ts';
import type { Section } from './section.ts';
import { percentile } from './stats.ts';
import type { Row } from './table.ts';
import { BENCH_CURSOR_SECRET, BENCH_JWT_SECRET } from './with-dynamodb-local.ts';

// What the API itself costs per warm request: routing, auth, validation, serialisation,
// with a store that answers at once. Requests go through `app.request` (no socket).

const REQUESTS = 5_000;
/**
 * Requests per route before measuring. Warm means steady state: with 300, the first route's p99
 * was 3.2 ms against 0.33 ms after 3,000 (same run of code, 2026-12-02): its slowest 1 % was
 * V8 optimising the request path during the first few thousand requests, not the request itself.
 */
const WARM_UP = 3_000;
const PROGRAM_ID = '01JC0Z6XKX2P4T3C8Y5W7QF9AC';
const AT = '2024-06-01T08:00:00.000Z';

const fine = (millis: number) => `${millis.toFixed(2)} ms`;

const PROGRAM: Program = {
  ...SOZIALSTRATEGIE_THUERINGEN,
  id: PROGRAM_ID,
  version: 1,
  createdAt: AT,
  updatedAt: AT,
};

/** Programmes answered from memory; nothing else of the store is reached by the routes measured. */
const fakeStore = {
  programs: {
    find: async (id: string) => (id === PROGRAM_ID ? PROGRAM : undefined),
    get: async () => PROGRAM,
    list: async (_page: PageRequest) => ({ items: [PROGRAM], nextCursor: null }),
    create: async (fields: ProgramFields, context: WriteContext): Promise<Program> => {
      const at = context.now.toISOString();
      return { ...fields, id: context.newId(), version: 1, createdAt: at, updatedAt: at };
    },
  },
} as unknown as Store;

/** Remembers nothing: every key is new, every save succeeds. */
class NoopPersistence extends BasePersistenceLayer {
  protected override async _deleteRecord(): Promise<void> {}
  protected override async _getRecord(key: string): Promise<never> {
    throw new IdempotencyItemNotFoundError(key);
  }
  protected override async _putRecord(): Promise<void> {}
  protected override async _updateRecord(): Promise<void> {}
}

/**
 * As on Lambda, where API Gateway's JWT authorizer has verified the token before the function
 * runs: each bench token is verified once here, and a request's token is only looked up.
 */
async function verifiedBeforehand(tokens: readonly string[]): Promise<Authenticator> {
  const actors = new Map<string, Actor | undefined>();
  for (const token of tokens) actors.set(token, await verifyLocalToken(BENCH_JWT_SECRET, token));
  return async (c) => {
    const token = bearerToken(c);
    return token ? actors.get(token) : undefined;
  };
}

function stubDependencies(authenticator: Authenticator): ApiDependencies {
  const config = loadConfig({
    TABLE_NAME: 'bench',
    AUTH_MODE: 'local-jwt',
    JWT_SECRET: BENCH_JWT_SECRET,
    CURSOR_SECRET: BENCH_CURSOR_SECRET,
  });
  return {
    store: fakeStore,
    clock: () => new Date(AT),
    newId: () => ulid(),
    authenticator,
    idempotencyStore: async () => new NoopPersistence(),
    logger: createLogger('SILENT'),
    publicBaseUrl: config.publicBaseUrl,
    baseRates: config.baseRates,
    vacancyWarningDays: config.vacancyWarningDays,
    documents: {} as DocumentService,
    mailTransport: {} as MailTransport,
    mail: config.mail,
    reminderSettings: config.reminders,
  };
}

export const warmOverhead: Section = {
  title: 'Warm request overhead (stubbed store)',
  async run({ log }) {
    const tokens = await localTokens(BENCH_JWT_SECRET);
    const call = appClient(
      await createApp(stubDependencies(await verifiedBeforehand(Object.values(tokens)))),
    );
    const body = { ...SOZIALSTRATEGIE_THUERINGEN, name: 'Benchprogramm' };
    const routes = [
      {
        name: `GET /v1/programs/{id}`,
        send: () => call('GET', `/v1/programs/${PROGRAM_ID}`, { token: tokens.viewer }),
        status: 200,
        note: 'viewer token',
      },
      {
        name: 'POST /v1/programs',
        send: () => call('POST', '/v1/programs', { token: tokens.admin, body }),
        status: 201,
        note: 'admin token, programme body, no Idempotency-Key',
      },
      {
        name: 'POST /v1/programs + Idempotency-Key',
        send: () =>
          call('POST', '/v1/programs', {
            token: tokens.admin,
            body,
            headers: { 'idempotency-key': `bench-${ulid()}` },
          }),
        status: 201,
        note: 'a fresh key each, Powertools idempotency on a no-op store',
      },
    ];

    const rows: Row[] = [];
    // Powertools warns on every idempotent request outside a registered Lambda context; count,
    // don't print, so stderr stays readable (the warning costs a log line per request in Lambda too).
    const warn = console.warn;
    let warnings = 0;
    console.warn = () => {
      warnings += 1;
    };
    try {
      for (const route of routes) {
        for (let i = 0; i < WARM_UP; i++) expectStatus(await route.send(), route.status, route.name);
        log(`${route.name}: ${REQUESTS} requests`);
        const samples: number[] = [];
        warnings = 0;
        for (let i = 0; i < REQUESTS; i++) {
          const started = performance.now();
          const answer = await route.send();
          samples.push(performance.now() - started);
          if (answer.status !== route.status) expectStatus(answer, route.status, route.name);
        }
        const total = samples.reduce((sum, sample) => sum + sample, 0);
        rows.push({
          figure: `Warm overhead: ${route.name}`,
          value: `p50 ${fine(percentile(samples, 50))}, p99 ${fine(percentile(samples, 99))}`,
          note:
            `${REQUESTS} sequential app.request, ${(REQUESTS / (total / 1000)).toFixed(0)}/s; ${route.note}; ` +
            'the token verified before the request, as API Gateway does; logs SILENT' +
            (warnings ? `; Powertools warned ${warnings}× (no Lambda context registered)` : ''),
        });
      }
    } finally {
      console.warn = warn;
    }
    return rows;
  },
};
