import { createDynamoClients } from '../../shared/store/dynamo-client.ts';
import { startDynamoDbLocal } from '../local/dynamodb-local.ts';
import type { BenchContext } from './section.ts';

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
