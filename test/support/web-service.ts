import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { type ApiClient, createApiClient } from '../../client/index.ts';
import { type LocalService, startLocalService } from '../../scripts/local/local-service.ts';
import { ensureLocalSecrets } from '../../scripts/local/secrets.ts';
import type { LocalSettings } from '../../scripts/local/settings.ts';
import { WEB_DIST } from '../../scripts/local/web-build.ts';
import { signLocalToken } from '../../shared/auth/local-jwt.ts';
import type { Role } from '../../shared/domain/roles.ts';
import { freePorts } from './free-port.ts';

export interface WebService {
  service: LocalService;
  /** Where the browser opens the app. */
  url: string;
  dataDir: string;
  /** A typed API client acting as someone (a local HS256 token, as `npm run token` makes). */
  as(roles: Role | Role[], email: string): Promise<ApiClient>;
  stop(): Promise<void>;
}

/**
 * The whole local service as `npm start` runs it, with the built web app, on free ports and a
 * fresh data folder: its own S3 server (with CORS for the app, as in AWS) and its own sign-in
 * provider; the test run's DynamoDB Local with a table of its own.
 */
export async function startWebService(overrides: Partial<LocalSettings> = {}): Promise<WebService> {
  const dataDir = await mkdtemp(join(tmpdir(), 'foerdertracker-web-'));
  const start = async () => {
    const [port, oidcPort] = (await freePorts(2)) as [number, number];
    return startLocalService({
      port,
      oidcPort,
      dataDir,
      dynamodbEndpoint: inject('dynamodbEndpoint'),
      s3Endpoint: undefined,
      documentsBucket: 'foerdertracker-documents',
      tableName: `web-${randomUUID()}`,
      logLevel: 'SILENT',
      publicBaseUrl: `http://localhost:${port}`,
      web: { distDir: WEB_DIST, build: false },
      ...overrides,
    });
  };
  // A port found free can be taken before the service listens on it (another listener, or an
  // outgoing connection's local port): the service stops what it started, and starts again.
  const service = await start().catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE') throw error;
    return start();
  });
  const { jwtSecret } = await ensureLocalSecrets(dataDir);
  return {
    service,
    url: service.url,
    dataDir,
    async as(roles, email) {
      const token = await signLocalToken(jwtSecret, { roles: [roles].flat(), email });
      return createApiClient({ baseUrl: service.url, token: () => token });
    },
    async stop() {
      await service.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The body of a successful call; anything else fails the test with the API's answer. */
export async function expectOk<T>(
  answer: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await answer;
  if (!response.ok || data === undefined) {
    throw new Error(`${response.status} ${response.url}: ${JSON.stringify(error)}`);
  }
  return data;
}
