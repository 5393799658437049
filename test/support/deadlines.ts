import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Deadline } from '../../shared/domain/deadline.ts';
import { deadlineItem } from '../../shared/store/deadline-sync.ts';

/** A deadline of an application, as the store writes it; tests and the bench vary one field at a time. */
export function sampleDeadline(index: number, overrides: Partial<Deadline> = {}): Deadline {
  const applicationId = `APP${String(index).padStart(6, '0')}`;
  return {
    id: `${applicationId}.final_report`,
    kind: 'final_report',
    dueOn: '2026-06-30',
    subject: {
      type: 'application',
      id: applicationId,
      title: `Förderantrag ${index}`,
      partId: 'final',
    },
    owner: { name: `Person ${index}`, email: `person${index}@erfurt.example` },
    status: 'open',
    ...overrides,
  };
}

/**
 * Writes deadlines straight into the table with the item shape the store uses (keys, sparse
 * due-month index), 25 per BatchWriteItem: fast enough for the bench's 10,000.
 */
export async function seedDeadlines(
  doc: DynamoDBDocumentClient,
  tableName: string,
  deadlines: readonly Deadline[],
): Promise<void> {
  const requests = deadlines.map((deadline) => ({
    PutRequest: { Item: deadlineItem(`APP#${deadline.subject.id}`, deadline) },
  }));
  const batches = Array.from({ length: Math.ceil(requests.length / 25) }, (_, index) =>
    requests.slice(index * 25, index * 25 + 25),
  );
  const write = async (batch: typeof requests) => {
    let pending: Record<string, unknown>[] = batch;
    while (pending.length > 0) {
      const result = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (result.UnprocessedItems?.[tableName] ?? []) as Record<string, unknown>[];
    }
  };
  for (let start = 0; start < batches.length; start += 8) {
    await Promise.all(batches.slice(start, start + 8).map(write));
  }
}
