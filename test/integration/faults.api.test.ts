import {
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { programBody } from '../fixtures/programs.ts';
import { createTestApi, type TestApi } from '../support/test-api.ts';

/**
 * DynamoDB Local never throttles and never reports transaction conflicts, so these
 * faults are injected into the app's own client; reads still reach the real engine.
 */
let api: TestApi;
let storedItems: () => Promise<number>;

beforeAll(async () => {
  api = await createTestApi();
  const { doc, tableName } = api.database;
  storedItems = async () => {
    const result = await doc.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': 'PROGRAMS' },
      }),
    );
    return result.Count ?? 0;
  };
});

const createProgram = (name: string) =>
  api.client('admin').POST('/v1/programs', { body: programBody({ name }) });

let restore: (() => void) | undefined;
afterEach(() => restore?.());

function failWrites(error: Error) {
  const real = api.database.doc;
  const mock = mockClient(api.deps.store.table.doc);
  mock.on(GetCommand).callsFake((input) => real.send(new GetCommand(input)));
  mock.on(QueryCommand).callsFake((input) => real.send(new QueryCommand(input)));
  mock.on(TransactWriteCommand).rejects(error);
  restore = () => mock.restore();
}

describe('faults DynamoDB Local cannot produce', () => {
  it('answers throttling with 503, Retry-After and nothing written', async () => {
    const before = await storedItems();
    failWrites(new ProvisionedThroughputExceededException({ message: 'Rate exceeded', $metadata: {} }));
    const { response } = await createProgram('Throttled');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await storedItems()).toBe(before);
  });

  it('answers a transaction conflict with 503 and Retry-After', async () => {
    failWrites(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }],
      }),
    );
    const { response } = await createProgram('Conflicted');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
  });

  it('answers an unexpected failure with a generic 500 that leaks nothing', async () => {
    failWrites(new Error('socket hang up at 10.0.0.7 with secret detail'));
    // Raw: the problem carries `requestId`, which the Problem schema does not declare.
    const response = await api.raw('admin').post('/v1/programs', programBody({ name: 'Broken' }));
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.text).not.toContain('secret');
    expect(response.text).not.toContain('10.0.0.7');
    expect(response.json.requestId).toBe(response.headers.get('x-request-id'));
  });
});
