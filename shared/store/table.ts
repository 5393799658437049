import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { AppError } from '../domain/errors.ts';
import type { StartKey } from './cursor.ts';
import { GLOBAL_INDEXES, type IndexName, TABLE_KEYS, TTL_ATTRIBUTE } from './table-definition.ts';

export type Item = Record<string, unknown>;
export type Key = { pk: string; sk: string };

export interface Condition {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

/** One write in a transaction; `onConditionFailed` says what a failed condition means. */
export type Write = (
  | { put: Item; condition?: Condition }
  | { update: Key; set: Condition; condition?: Condition }
  | { check: Key; condition: Condition }
  | { remove: Key; condition?: Condition }
) & { onConditionFailed?: () => AppError };

const RETRYABLE = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'TransactionInProgressException',
  'InternalServerError',
  'ServiceUnavailable',
]);
const RETRYABLE_REASONS = new Set([
  'TransactionConflict',
  'ThrottlingError',
  'ProvisionedThroughputExceeded',
]);

/** DynamoDB's limit on the items of one TransactWriteItems. */
export const MAX_TRANSACTION_ITEMS = 100;

const busy = (cause: unknown) =>
  new AppError('unavailable', 'The database is busy; nothing was changed. Please retry.', {
    cause,
    extensions: { retryAfterSeconds: 1 },
  });

const KEY_ATTRIBUTES = new Set<string>([
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  TTL_ATTRIBUTE,
  'entity',
  ...GLOBAL_INDEXES.flatMap((index) => [index.partitionKey, index.sortKey]),
]);

/** Strips storage-only attributes so domain objects never see keys. */
export function withoutKeys<T>(item: Item): T {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !KEY_ATTRIBUTES.has(name))) as T;
}

export interface QueryInput {
  index?: IndexName;
  partition: string;
  sortKeyPrefix?: string;
  sortKeyBetween?: [string, string];
  limit?: number;
  startKey?: StartKey | undefined;
  newestFirst?: boolean;
  /** Applied after the key condition (DynamoDB FilterExpression); `limit` counts items read. */
  filter?: Condition;
}

/** The only door to DynamoDB: every access is a Get, a Query or a transaction. */
export class Table {
  constructor(
    readonly doc: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async get(key: Key, consistent = true): Promise<Item | undefined> {
    try {
      const result = await this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: consistent }),
      );
      return result.Item;
    } catch (error) {
      throw mapStoreError(error);
    }
  }

  async query(input: QueryInput): Promise<{ items: Item[]; lastKey: StartKey | undefined }> {
    const indexKeys = input.index
      ? GLOBAL_INDEXES.find((index) => index.indexName === input.index)!
      : { partitionKey: TABLE_KEYS.partitionKey, sortKey: TABLE_KEYS.sortKey };
    const names: Record<string, string> = { '#pk': indexKeys.partitionKey };
    const values: Record<string, unknown> = { ':pk': input.partition };
    let expression = '#pk = :pk';
    if (input.sortKeyPrefix !== undefined) {
      names['#sk'] = indexKeys.sortKey;
      values[':prefix'] = input.sortKeyPrefix;
      expression += ' AND begins_with(#sk, :prefix)';
    } else if (input.sortKeyBetween) {
      names['#sk'] = indexKeys.sortKey;
      values[':from'] = input.sortKeyBetween[0];
      values[':to'] = input.sortKeyBetween[1];
      expression += ' AND #sk BETWEEN :from AND :to';
    }
    Object.assign(names, input.filter?.names);
    Object.assign(values, input.filter?.values);
    try {
      const result = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: input.index,
          KeyConditionExpression: expression,
          FilterExpression: input.filter?.expression,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          Limit: input.limit,
          ExclusiveStartKey: input.startKey,
          ScanIndexForward: !input.newestFirst,
        }),
      );
      return { items: result.Items ?? [], lastKey: result.LastEvaluatedKey as StartKey | undefined };
    } catch (error) {
      throw mapStoreError(error);
    }
  }

  /** Every item a query matches, page after page (for whole sub-collections of one partition). */
  async queryAll(input: Omit<QueryInput, 'startKey' | 'limit'>): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: StartKey | undefined;
    do {
      const page = await this.query({ ...input, startKey });
      items.push(...page.items);
      startKey = page.lastKey;
    } while (startKey);
    return items;
  }

  /** Writes all or nothing; a failed condition becomes the write's own domain error. */
  async transact(writes: Write[]): Promise<void> {
    if (writes.length > MAX_TRANSACTION_ITEMS) {
      // DynamoDB would refuse it with a ValidationException, which reads as our fault (500).
      throw new AppError(
        'unprocessable',
        `This change would write ${writes.length} records at once; one transaction holds at most ` +
          `${MAX_TRANSACTION_ITEMS}. Nothing was saved.`,
      );
    }
    const input: TransactWriteCommandInput = {
      TransactItems: writes.map((write) => this.#toTransactItem(write)),
    };
    try {
      await this.doc.send(new TransactWriteCommand(input));
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
        if (failed >= 0) {
          throw writes[failed]?.onConditionFailed?.() ?? conflict('The record was changed by someone else');
        }
        if (reasons.some((reason) => RETRYABLE_REASONS.has(reason.Code ?? ''))) throw busy(error);
      }
      throw mapStoreError(error);
    }
  }

  #toTransactItem(write: Write) {
    const condition = 'condition' in write ? write.condition : undefined;
    const common = {
      TableName: this.tableName,
      ConditionExpression: condition?.expression,
    };
    const names = { ...condition?.names, ...('set' in write ? write.set.names : {}) };
    const values = { ...condition?.values, ...('set' in write ? write.set.values : {}) };
    const expressionParts = {
      ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
      ExpressionAttributeValues: Object.keys(values).length ? values : undefined,
    };
    if ('put' in write) return { Put: { ...common, ...expressionParts, Item: write.put } };
    if ('update' in write) {
      return {
        Update: { ...common, ...expressionParts, Key: write.update, UpdateExpression: write.set.expression },
      };
    }
    if ('check' in write) return { ConditionCheck: { ...common, ...expressionParts, Key: write.check } };
    return { Delete: { ...common, ...expressionParts, Key: write.remove } };
  }
}

export const conflict = (message: string) => new AppError('conflict', message);

/** SDK failures become domain errors; anything unknown stays an unexpected error (a 500). */
export function mapStoreError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const name = (error as { name?: string } | undefined)?.name ?? '';
  if (RETRYABLE.has(name)) return busy(error);
  if (name === 'ConditionalCheckFailedException') return conflict('The record was changed by someone else');
  return error;
}

/** Condition for a first write of a key. */
export const mustNotExist: Condition = { expression: 'attribute_not_exists(pk)' };

/** Condition for optimistic locking: the stored version must still be the one read. */
export const versionIs = (version: number): Condition => ({
  expression: '#version = :expectedVersion',
  names: { '#version': 'version' },
  values: { ':expectedVersion': version },
});
