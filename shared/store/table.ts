import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactGetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mapWithConcurrency } from '../concurrency.ts';
import { AppError } from '../domain/errors.ts';
import type { StartKey } from './cursor.ts';
import type { Condition, Item, Key, Write } from './items.ts';
import { MAX_TRANSACTION_ITEMS } from './items.ts';
import { busy, conflict, mapStoreError, RETRYABLE_REASONS } from './store-errors.ts';
import { GLOBAL_INDEXES, type IndexName, TABLE_KEYS } from './table-definition.ts';

// The shapes of items and writes, and the key stripping, live in items.ts; this file talks to DynamoDB.
export {
  type Condition,
  type Item,
  type Key,
  MAX_TRANSACTION_ITEMS,
  type Write,
  withoutKeys,
} from './items.ts';

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

/** BatchGetItem takes at most 100 keys; unprocessed keys are retried with a growing pause. */
const BATCH_SIZE = 100;
const BATCH_CONCURRENCY = 6;
const UNPROCESSED_RETRIES = 8;

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) =>
    items.slice(index * size, (index + 1) * size),
  );

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const isConditionFailure = (error: unknown) =>
  (error as { name?: string } | undefined)?.name === 'ConditionalCheckFailedException';

/**
 * The only door to DynamoDB: every access is a Get, a Query, a conditional single-item write
 * or a transaction.
 */
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

  /**
   * Several items by key in one request, as one consistent snapshot (TransactGetItems): a
   * record with the deadline items derived from it, read together before they are changed
   * together. Missing items are undefined, in the order of the keys.
   */
  async getMany(keys: readonly Key[]): Promise<(Item | undefined)[]> {
    if (keys.length === 0) return [];
    try {
      const result = await this.doc.send(
        new TransactGetCommand({
          TransactItems: keys.map((key) => ({ Get: { TableName: this.tableName, Key: key } })),
        }),
      );
      return (result.Responses ?? []).map((response) => response.Item);
    } catch (error) {
      if (error instanceof TransactionCanceledException) throw busy(error);
      throw mapStoreError(error);
    }
  }

  /**
   * Many items by key, 100 per BatchGetItem, in parallel, in no particular order; for the
   * reminder job's bulk reads. Missing items are left out.
   */
  async getBatch(
    keys: readonly Key[],
    options: { consistent: boolean; attributes?: readonly string[] },
  ): Promise<Item[]> {
    const unique = [...new Map(keys.map((key) => [`${key.pk}\u0000${key.sk}`, key])).values()];
    const projection = options.attributes
      ? {
          ProjectionExpression: options.attributes.map((_, index) => `#a${index}`).join(', '),
          ExpressionAttributeNames: Object.fromEntries(
            options.attributes.map((name, index) => [`#a${index}`, name]),
          ),
        }
      : {};
    const pages = await mapWithConcurrency(chunks(unique, BATCH_SIZE), BATCH_CONCURRENCY, async (batch) => {
      const found: Item[] = [];
      let pending: Record<string, unknown>[] = batch;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > UNPROCESSED_RETRIES) throw busy(undefined);
        if (attempt > 0) await delay(2 ** attempt * 10);
        try {
          const result = await this.doc.send(
            new BatchGetCommand({
              RequestItems: {
                [this.tableName]: { Keys: pending, ConsistentRead: options.consistent, ...projection },
              },
            }),
          );
          found.push(...(result.Responses?.[this.tableName] ?? []));
          pending = result.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
        } catch (caught) {
          throw mapStoreError(caught);
        }
      }
      return found;
    });
    return pages.flat();
  }

  /** Puts one item if the condition holds; false when it does not (someone else got there first). */
  putIf(item: Item, condition: Condition): Promise<boolean> {
    return this.#sendIf(
      new PutCommand({
        TableName: this.tableName,
        Item: item,
        ConditionExpression: condition.expression,
        ExpressionAttributeNames: condition.names,
        ExpressionAttributeValues: condition.values,
      }),
    );
  }

  /** Updates one item if the condition holds; false when it does not. */
  updateIf(key: Key, set: Condition, condition: Condition): Promise<boolean> {
    return this.#sendIf(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: set.expression,
        ConditionExpression: condition.expression,
        ExpressionAttributeNames: { ...set.names, ...condition.names },
        ExpressionAttributeValues: { ...set.values, ...condition.values },
      }),
    );
  }

  /** Sends a conditional single-item write: true when written, false when its condition did not hold. */
  async #sendIf(command: PutCommand | UpdateCommand): Promise<boolean> {
    try {
      await this.doc.send(command as PutCommand);
      return true;
    } catch (caught) {
      if (isConditionFailure(caught)) return false;
      throw mapStoreError(caught);
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
