import { createServer } from 'node:net';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { createApp } from '../../functions/api/app.ts';
import { buildDependencies } from '../../functions/api/build-dependencies.ts';
import { localJwtAuthenticator } from '../../functions/api/platform/local-jwt-authenticator.ts';
import { reminderJobOf } from '../../functions/api/routes/reminders.routes.ts';
import { oidcTokenVerifier } from '../../shared/auth/oidc-token.ts';
import { loadConfig } from '../../shared/config/config.ts';
import { ENV } from '../../shared/config/environment-keys.ts';
import { SOZIALSTRATEGIE_THUERINGEN } from '../../shared/domain/program.ts';
import { runReminders } from '../../shared/reminders/run-reminders.ts';
import { createDynamoClients } from '../../shared/store/dynamo-client.ts';
import { ensureTable } from '../../shared/store/ensure-table.ts';
import { securityHeaders } from '../../web/serving.ts';
import { LocalRuntimeError, startDynamoDbLocal } from './dynamodb-local.ts';
import { type LocalProvider, startLocalProvider } from './oidc/local-provider.ts';
import { type ReminderCron, startReminderCron } from './reminder-cron.ts';
import { startLocalS3 } from './s3-local.ts';
import { ensureLocalSecrets } from './secrets.ts';
import { serveHttp } from './serve-http.ts';
import type { LocalSettings } from './settings.ts';
import { isApiPath, webAppServer } from './web-app-server.ts';
import { ensureWebBuilt } from './web-build.ts';

export const SYSTEM_ACTOR = { sub: 'system', email: undefined, roles: ['admin' as const] };

export interface LocalService {
  /** The API and, when built, the web app. */
  url: string;
  /** The local OpenID provider the web app signs in with. */
  oidcIssuer: string;
  oidc: Pick<LocalProvider, 'accounts' | 'clientId'>;
  dynamodbEndpoint: string;
  s3Endpoint: string;
  /** Reminder mail lands here as .eml files. */
  outboxDir: string;
  reminders: Pick<ReminderCron, 'nextRuns'>;
  stop(): Promise<void>;
}

async function assertPortFree(port: number, setting = 'PORT'): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new LocalRuntimeError(
              'PORT_IN_USE',
              `Port ${port} is already in use: stop the other process or set ${setting}`,
            )
          : error,
      ),
    );
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

/** The origins the app is opened at: the browser treats localhost and 127.0.0.1 as different sites. */
function appOrigins(settings: LocalSettings): string[] {
  return [
    ...new Set([
      `http://localhost:${settings.port}`,
      `http://127.0.0.1:${settings.port}`,
      new URL(settings.publicBaseUrl).origin,
    ]),
  ];
}

/** Domain, reminder and sender settings pass through from the environment (offsets, finance mailbox, …). */
function passedThrough(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const names: string[] = [
    ENV.baseRateBasisPoints,
    ENV.baseRateFrom,
    ENV.vacancyWarningDays,
    ENV.documentMaxBytes,
    ENV.mailFrom,
    ENV.mailFromName,
    ENV.financeMailbox,
    ENV.reminderFinanceKinds,
    ENV.reminderOverdueEveryDays,
    ENV.reminderLookbackMonths,
  ];
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => names.includes(name) || name.startsWith(ENV.reminderOffsets)),
  );
}

/**
 * The whole service on this machine: DynamoDB Local (data under DATA_DIR, unless
 * DYNAMODB_ENDPOINT points elsewhere), the table, the seed, and the API over HTTP.
 */
export async function startLocalService(settings: LocalSettings): Promise<LocalService> {
  await assertPortFree(settings.port);
  if (settings.oidcPort) await assertPortFree(settings.oidcPort, 'OIDC_PORT');
  if (settings.web?.build) await ensureWebBuilt((message) => console.log(message));
  const secrets = await ensureLocalSecrets(settings.dataDir);
  const origins = appOrigins(settings);
  const database = settings.dynamodbEndpoint
    ? { endpoint: settings.dynamodbEndpoint, stop: async () => {} }
    : await startDynamoDbLocal({ dbPath: join(settings.dataDir, 'dynamodb') });
  // Documents: the same presigned-URL code path as S3, against an S3-compatible server.
  const storage = settings.s3Endpoint
    ? { endpoint: settings.s3Endpoint, stop: async () => {} }
    : await startLocalS3({
        directory: join(settings.dataDir, 's3'),
        buckets: [settings.documentsBucket],
        allowedOrigins: origins,
      }).catch(async (error: unknown) => {
        await database.stop();
        throw error;
      });
  let provider: LocalProvider | undefined;
  const stopStores = async () => {
    await provider?.stop();
    await storage.stop();
    await database.stop();
  };
  try {
    const config = loadConfig({
      [ENV.tableName]: settings.tableName,
      [ENV.dynamodbEndpoint]: database.endpoint,
      [ENV.authMode]: 'local-jwt',
      [ENV.jwtSecret]: secrets.jwtSecret,
      [ENV.cursorSecret]: secrets.cursorSecret,
      [ENV.logLevel]: settings.logLevel,
      [ENV.publicBaseUrl]: settings.publicBaseUrl,
      [ENV.documentsBucket]: settings.documentsBucket,
      [ENV.s3Endpoint]: storage.endpoint,
      ...passedThrough(process.env),
      [ENV.mailTransport]: 'outbox',
      [ENV.outboxDir]: join(settings.dataDir, 'outbox'),
    });
    await ensureTable(createDynamoClients({ endpoint: database.endpoint }).client, config.tableName);
    provider = await startLocalProvider({
      port: settings.oidcPort ?? 0,
      dataDir: settings.dataDir,
      appOrigins: origins,
      ...(settings.tokenLifetimes ? { lifetimes: settings.tokenLifetimes } : {}),
    });
    const verifyOidc = oidcTokenVerifier({
      issuer: provider.issuer,
      audience: provider.clientId,
      jwks: provider.jwks,
    });
    const dependencies = buildDependencies(config, localJwtAuthenticator(secrets.jwtSecret, verifyOidc));
    await dependencies.store.programs.seedOnce(SOZIALSTRATEGIE_THUERINGEN, {
      actor: SYSTEM_ACTOR,
      now: new Date(),
      newId: () => ulid(),
    });
    const app = await createApp(dependencies);
    const web = settings.web
      ? webAppServer({
          distDir: settings.web.distDir,
          config: {
            authority: provider.issuer,
            clientId: provider.clientId,
            ...(settings.cityName ? { cityName: settings.cityName } : {}),
          },
          headers: securityHeaders([provider.issuer, storage.endpoint]),
        })
      : undefined;
    const server = await serveHttp(
      (request, env) =>
        web && !isApiPath(new URL(request.url).pathname) ? web(request) : app.fetch(request, env),
      settings.port,
    );
    const reminders = startReminderCron(
      () => runReminders(reminderJobOf(dependencies)),
      (error) => dependencies.logger.error('Reminder run failed', { error }),
    );
    return {
      url: `http://localhost:${settings.port}`,
      oidcIssuer: provider.issuer,
      oidc: provider,
      dynamodbEndpoint: database.endpoint,
      s3Endpoint: storage.endpoint,
      outboxDir: config.mail.outboxDir,
      reminders,
      stop: async () => {
        await reminders.stop();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await stopStores();
      },
    };
  } catch (error) {
    await stopStores();
    throw error;
  }
}
