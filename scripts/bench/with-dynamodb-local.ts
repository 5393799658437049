import { join } from 'node:path';
import { buildDependencies } from '../../functions/api/build-dependencies.ts';
import type { ApiDependencies } from '../../functions/api/dependencies.ts';
import { localJwtAuthenticator } from '../../functions/api/platform/local-jwt-authenticator.ts';
import { loadConfig } from '../../shared/config/config.ts';
import { createDynamoClients } from '../../shared/store/dynamo-client.ts';
import { ensureTable } from '../../shared/store/ensure-table.ts';
import { startDynamoDbLocal } from '../local/dynamodb-local.ts';
import type { BenchContext } from './section.ts';

/** The secrets every bench signs and checks its local tokens and cursors with. */
export const BENCH_JWT_SECRET = 'bench-jwt-secret-that-is-long-enough-0123456789';
export const BENCH_CURSOR_SECRET = 'bench-cursor-secret-0123456789';

/** A DynamoDB Local of a section's own: its endpoint and clients for it. */
export interface BenchDatabase extends ReturnType<typeof createDynamoClients> {
  endpoint: string;
}

/** Runs `use` against a DynamoDB Local in memory, started for it and stopped after it, however it ends. */
export async function withDynamoDbLocal<Result>(
  log: BenchContext['log'],
  use: (database: BenchDatabase) => Promise<Result>,
): Promise<Result> {
  log('starting DynamoDB Local (in memory)');
  const dynamodb = await startDynamoDbLocal();
  try {
    return await use({
      endpoint: dynamodb.endpoint,
      ...createDynamoClients({ endpoint: dynamodb.endpoint }),
    });
  } finally {
    await dynamodb.stop();
  }
}

/**
 * A DynamoDB Local with `table` in it, and the API's dependencies on it built as the local
 * service builds them (local tokens, logs silent, mail to an outbox in the bench's folder).
 */
export function withBenchApi<Result>(
  { workDir, log }: Pick<BenchContext, 'workDir' | 'log'>,
  table: string,
  use: (api: { database: BenchDatabase; deps: ApiDependencies }) => Promise<Result>,
): Promise<Result> {
  return withDynamoDbLocal(log, async (database) => {
    await ensureTable(database.client, table);
    const config = loadConfig({
      TABLE_NAME: table,
      DYNAMODB_ENDPOINT: database.endpoint,
      AUTH_MODE: 'local-jwt',
      JWT_SECRET: BENCH_JWT_SECRET,
      CURSOR_SECRET: BENCH_CURSOR_SECRET,
      LOG_LEVEL: 'SILENT',
      OUTBOX_DIR: join(workDir, `${table}-outbox`),
    });
    return use({ database, deps: buildDependencies(config, localJwtAuthenticator(BENCH_JWT_SECRET)) });
  });
}
