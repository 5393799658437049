import { resolve } from 'node:path';
import * as z from 'zod';
import { WEB_DIST } from './web-build.ts';

/** Settings of the local runtime, from the environment with documented defaults. */
const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  DATA_DIR: z.string().min(1).default('.data'),
  DYNAMODB_ENDPOINT: z.url().optional(),
  TABLE_NAME: z.string().min(3).default('foerdertracker'),
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('INFO'),
  PUBLIC_BASE_URL: z.url().optional(),
  S3_ENDPOINT: z.url().optional(),
  DOCUMENTS_BUCKET: z.string().min(3).default('foerdertracker-documents'),
  OIDC_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  CITY_NAME: z.string().trim().min(1).max(100).optional(),
});

export interface LocalSettings {
  port: number;
  dataDir: string;
  dynamodbEndpoint: string | undefined;
  tableName: string;
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  publicBaseUrl: string;
  s3Endpoint: string | undefined;
  documentsBucket: string;
  /** Port of the local OpenID provider (127.0.0.1); unset: a free port. `npm start` uses PORT + 1. */
  oidcPort?: number | undefined;
  /** The web app to serve at `/`; unset: the API only. */
  web?: WebAppSettings | undefined;
  /** The city the web app names in its header and status report; unset: "Stadt Erfurt". */
  cityName?: string | undefined;
  /** Token lifetimes of the local provider; unset: Cognito's (1 hour, refresh 30 days). */
  tokenLifetimes?: { idToken: number; refreshToken: number } | undefined;
}

export interface WebAppSettings {
  /** The built app (web/dist). */
  distDir: string;
  /** Build it first when it is missing or older than its sources. */
  build: boolean;
}

export function readLocalSettings(env: Record<string, string | undefined> = process.env): LocalSettings {
  const result = settingsSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid settings: ${problems.join('; ')}`);
  }
  const settings = result.data;
  return {
    port: settings.PORT,
    dataDir: resolve(settings.DATA_DIR),
    dynamodbEndpoint: settings.DYNAMODB_ENDPOINT,
    tableName: settings.TABLE_NAME,
    logLevel: settings.LOG_LEVEL,
    publicBaseUrl: settings.PUBLIC_BASE_URL ?? `http://localhost:${settings.PORT}`,
    s3Endpoint: settings.S3_ENDPOINT,
    documentsBucket: settings.DOCUMENTS_BUCKET,
    oidcPort: settings.OIDC_PORT ?? settings.PORT + 1,
    cityName: settings.CITY_NAME,
    web: { distDir: WEB_DIST, build: true },
  };
}
