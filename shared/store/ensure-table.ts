import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  type TableDescription,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { createTableInput, TTL_ATTRIBUTE } from './table-definition.ts';

export interface EnsureTableOptions {
  /** How long to wait for the table and its indexes to become ACTIVE; default 60 s. */
  timeoutMs?: number;
}

/**
 * Creates the single table (as `createTableInput` describes it) if it is missing, waits until
 * it and its indexes are ACTIVE, and turns on TTL on `TTL_ATTRIBUTE`. Idempotent, and safe when
 * several callers race. For DynamoDB Local (runtime and tests); AWS gets the table from CDK.
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  options: EnsureTableOptions = {},
): Promise<void> {
  if (!(await describeTable(client, tableName))) {
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName)));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error; // someone else created it
    }
  }
  await waitUntilActive(client, tableName, options.timeoutMs ?? 60_000);
  await enableTimeToLive(client, tableName);
}

async function describeTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<TableDescription | undefined> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

async function waitUntilActive(client: DynamoDBClient, tableName: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const table = await describeTable(client, tableName);
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every(
      (index) => index.IndexStatus === 'ACTIVE',
    );
    if (table?.TableStatus === 'ACTIVE' && indexesActive) return;
    if (Date.now() > deadline) {
      throw new Error(`Table ${tableName} did not become ACTIVE within ${timeoutMs / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function enableTimeToLive(client: DynamoDBClient, tableName: string): Promise<void> {
  // DynamoDB Local supports TTL, but rejects enabling it twice ("TimeToLive is already enabled").
  const { TimeToLiveDescription } = await client.send(
    new DescribeTimeToLiveCommand({ TableName: tableName }),
  );
  const status = TimeToLiveDescription?.TimeToLiveStatus;
  if (status === 'ENABLED' || status === 'ENABLING') {
    if (TimeToLiveDescription?.AttributeName === TTL_ATTRIBUTE) return;
    throw new Error(
      `Table ${tableName} has TTL on ${TimeToLiveDescription?.AttributeName}, expected ${TTL_ATTRIBUTE}`,
    );
  }
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
  } catch (error) {
    // A racing caller enabled it between our Describe and Update.
    if (error instanceof Error && /already enabled/i.test(error.message)) return;
    throw error;
  }
}
