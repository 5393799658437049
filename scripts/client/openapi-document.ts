import { createApp } from '../../functions/api/app.ts';
import { buildDependencies } from '../../functions/api/build-dependencies.ts';
import { loadConfig } from '../../shared/config/config.ts';
import { ENV } from '../../shared/config/environment-keys.ts';

/**
 * The API's OpenAPI document, built in-process from the same app `npm start` serves. Building the
 * app opens no connection (clients connect on first use) and nobody is ever authenticated, so
 * placeholder settings are enough: no database, no server, no port.
 */
export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const config = loadConfig({
    [ENV.tableName]: 'openapi-document',
    [ENV.authMode]: 'local-jwt',
    [ENV.jwtSecret]: 'x'.repeat(32),
    [ENV.cursorSecret]: 'x'.repeat(16),
    [ENV.logLevel]: 'SILENT',
  });
  const app = await createApp(buildDependencies(config, async () => undefined));
  const response = await app.request('/openapi.json');
  if (response.status !== 200) throw new Error(`GET /openapi.json answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}
