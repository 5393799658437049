import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_TRANSACTION_ITEMS, Table } from '../../shared/store/table.ts';
import { GLOBAL_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '../../shared/store/table-definition.ts';
import { createTestTable, type TestTable } from '../support/dynamodb.ts';

describe('DynamoDB Local (the real engine)', () => {
  let table: TestTable;

  beforeAll(async () => {
    table = await createTestTable();
  });

  it('creates the table with the keys, the three GSIs and TTL of the definition', async () => {
    const { Table } = await table.client.send(new DescribeTableCommand({ TableName: table.tableName }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.KeySchema).toEqual([
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ]);
    const indexes = (Table?.GlobalSecondaryIndexes ?? []).map((index) => ({
      name: index.IndexName,
      keys: index.KeySchema?.map((key) => `${key.AttributeName}:${key.KeyType}`),
      projection: index.Projection?.ProjectionType,
      status: index.IndexStatus,
    }));
    expect(indexes.sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual(
      GLOBAL_INDEXES.map((index) => ({
        name: index.indexName,
        keys: [`${index.partitionKey}:HASH`, `${index.sortKey}:RANGE`],
        projection: 'ALL',
        status: 'ACTIVE',
      })),
    );
    const ttl = await table.client.send(new DescribeTimeToLiveCommand({ TableName: table.tableName }));
    expect(ttl.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: TTL_ATTRIBUTE });
  });

  it('cancels a transaction whose ConditionCheck fails and writes nothing', async () => {
    const error = await table.doc
      .send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: table.tableName, Item: { pk: 'TX#1', sk: 'A', value: 1 } } },
            {
              ConditionCheck: {
                TableName: table.tableName,
                Key: { pk: 'TX#1', sk: 'MISSING' },
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
          ],
        }),
      )
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'TransactionCanceledException' });
    expect(
      (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons?.map((r) => r.Code),
    ).toEqual(['None', 'ConditionalCheckFailed']);
    const { Item } = await table.doc.send(
      new GetCommand({ TableName: table.tableName, Key: { pk: 'TX#1', sk: 'A' }, ConsistentRead: true }),
    );
    expect(Item).toBeUndefined();
  });

  it('refuses a transaction over 100 items before sending it (422 kind, nothing written)', async () => {
    const store = new Table(table.doc, table.tableName);
    const writes = Array.from({ length: MAX_TRANSACTION_ITEMS + 1 }, (_, index) => ({
      put: { pk: 'TX#LIMIT', sk: String(index).padStart(3, '0') },
    }));

    await expect(store.transact(writes)).rejects.toMatchObject({ kind: 'unprocessable' });
    expect(await store.queryAll({ partition: 'TX#LIMIT' })).toEqual([]);
    // The engine's own answer to the same request, which the guard keeps from becoming a 500:
    await expect(
      table.doc.send(
        new TransactWriteCommand({
          TransactItems: writes.map(({ put }) => ({ Put: { TableName: table.tableName, Item: put } })),
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('rejects a conditional Put on an existing key with ConditionalCheckFailedException', async () => {
    const key = { pk: 'ITEM#1', sk: 'META' };
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: { ...key, version: 1 } }));

    const error = await table.doc
      .send(
        new PutCommand({
          TableName: table.tableName,
          Item: { ...key, version: 2 },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      )
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect((error as { Item?: Record<string, unknown> }).Item).toMatchObject({ version: { N: '1' } });
    const { Item } = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: key }));
    expect(Item).toEqual({ ...key, version: 1 });
  });
});
