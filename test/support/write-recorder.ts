import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

// The document client shares its client's middleware stack, which sees the low-level command names.
const MUTATING = new Set([
  'TransactWriteItemsCommand',
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
]);

export interface RecordedWrite {
  command: string;
  pk: unknown;
}

const isIdempotencyLock = (write: RecordedWrite) =>
  JSON.stringify(write.pk) === '"IDEMPOTENCY"' || JSON.stringify(write.pk) === '{"S":"IDEMPOTENCY"}';

/**
 * Records every DynamoDB write that succeeded, so a test can prove a refused request
 * changed nothing. Only Powertools' idempotency lock may come and go within a request.
 */
export function recordWrites(doc: DynamoDBDocumentClient) {
  let writes: RecordedWrite[] = [];
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (MUTATING.has(context.commandName ?? '')) {
        const input = args.input as { Item?: { pk?: unknown }; Key?: { pk?: unknown } };
        writes.push({ command: context.commandName ?? '', pk: input.Item?.pk ?? input.Key?.pk });
      }
      return result;
    },
    { step: 'initialize', name: `writeRecorder${Math.random()}` },
  );
  return {
    reset() {
      writes = [];
    },
    /** Writes that outlive the request (anything but the idempotency lock). */
    lasting: () => writes.filter((write) => !isIdempotencyLock(write)),
    /** Idempotency locks taken but not released. */
    unreleasedLocks: () => {
      const locks = writes.filter(isIdempotencyLock);
      return (
        locks.filter((write) => write.command.startsWith('Put')).length -
        locks.filter((write) => write.command.startsWith('Delete')).length
      );
    },
    transactions: () => writes.filter((write) => write.command === 'TransactWriteItemsCommand').length,
  };
}
