import { BatchWriteCommand, type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { Item } from '../../shared/store/table.ts';
import { erfurtApplicationBody, erfurtNotice } from '../../test/fixtures/applications.ts';
import { programBody } from '../../test/fixtures/programs.ts';
import { type appClient, expectStatus, type LocalTokens } from './app-client.ts';
import { benchPositionBody } from './dynamodb-requests-operations.ts';

/** Every id the app writes, in keys and attributes alike. */
export const ULID = /[0-9A-HJKMNP-TV-Z]{26}/g;
const BATCH = 25;
const WRITERS = 4;

/** Realistic small data: a programme, applications in every stage, calls, positions. */
export async function seed(
  call: ReturnType<typeof appClient>,
  tokens: LocalTokens,
  doc: DynamoDBDocumentClient,
  table: string,
  about: number,
): Promise<void> {
  const program = expectStatus(
    await call('POST', '/v1/programs', { token: tokens.admin, body: programBody() }),
    201,
    'seed programme',
  );
  let round = 0;
  while ((await countItems(doc, table)) < about - 8) {
    round += 1;
    const draft = expectStatus(
      await call('POST', '/v1/applications', {
        token: tokens.finance,
        body: erfurtApplicationBody(program.json.id, { title: `Antrag ${round}` }),
      }),
      201,
      'seed application',
    );
    if (round % 3 === 0) continue; // a third stay drafts
    const appPath = `/v1/applications/${draft.json.id}`;
    const submitted = expectStatus(
      await call('POST', `${appPath}/status`, {
        token: tokens.finance,
        body: { to: 'submitted' },
        headers: { 'if-match': '"1"' },
      }),
      200,
      'seed submit',
    );
    if (round % 3 === 1) continue;
    expectStatus(
      await call('POST', `${appPath}/status`, {
        token: tokens.finance,
        body: { to: 'approved', notice: erfurtNotice() },
        headers: { 'if-match': `"${submitted.json.version}"` },
      }),
      200,
      'seed approve',
    );
    expectStatus(
      await call('POST', `${appPath}/funds-calls`, {
        token: tokens.finance,
        body: { amountCents: 2_000_000, calledOn: '2024-03-01' },
      }),
      201,
      'seed funds call',
    );
    expectStatus(
      await call('POST', '/v1/positions', { token: tokens.finance, body: benchPositionBody(draft.json.id) }),
      201,
      'seed position',
    );
  }
}

/**
 * Grows the table to about `target` items with copies of what the app wrote: every record
 * (application, its history, notices, reports, calls, deadlines; positions and theirs) is
 * copied with fresh ids, so keys and index entries have exactly the app's shapes. Programmes
 * are shared, as in a city with a few programmes and many applications.
 */
export async function growTo(doc: DynamoDBDocumentClient, table: string, target: number): Promise<void> {
  const items = await allItems(doc, table);
  await batchWrite(doc, table, copiesOf(items, target - items.length));
}

/** Writes `rounds` copies of every record in the table (fresh ids, the app's key shapes). */
export async function copyRecords(doc: DynamoDBDocumentClient, table: string, rounds: number): Promise<void> {
  const items = await allItems(doc, table);
  await batchWrite(doc, table, copiesOf(items, rounds * templateOf(items).length));
}

/** What is copied: every record but the programmes, the seed marker and idempotency records. */
const templateOf = (items: readonly Item[]) =>
  items.filter((item) => {
    const pk = String(item.pk);
    return !pk.startsWith('PROGRAM#') && !pk.startsWith('SEED#') && pk !== 'IDEMPOTENCY';
  });

/** `count` items copied from the records among `items`, round after round, each round with fresh ids. */
function copiesOf(items: readonly Item[], count: number): Item[] {
  const programIds = new Set(items.filter((item) => item.entity === 'program').map((item) => item.id));
  const template = templateOf(items);
  const copies: Item[] = [];
  if (template.length === 0) throw new Error('nothing to copy: the seed wrote no records');
  while (copies.length < count) {
    const ids = new Map<string, string>();
    const fresh = (old: string) => {
      if (programIds.has(old)) return old;
      let next = ids.get(old);
      if (!next) {
        next = ulid();
        ids.set(old, next);
      }
      return next;
    };
    for (const item of template) {
      if (copies.length >= count) break;
      copies.push(JSON.parse(JSON.stringify(item).replace(ULID, fresh)) as Item);
    }
  }
  return copies;
}

/** Items in the table, counted by the bench's own client (a Scan, but not the app's). */
export async function countItems(doc: DynamoDBDocumentClient, table: string): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({ TableName: table, Select: 'COUNT', ExclusiveStartKey: startKey }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

async function allItems(doc: DynamoDBDocumentClient, table: string): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: table, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

async function batchWrite(doc: DynamoDBDocumentClient, table: string, items: Item[]): Promise<void> {
  const batches: Item[][] = [];
  for (let index = 0; index < items.length; index += BATCH) batches.push(items.slice(index, index + BATCH));
  const writer = async () => {
    for (let batch = batches.pop(); batch; batch = batches.pop()) {
      let pending = batch.map((item) => ({ PutRequest: { Item: item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 10) throw new Error('BatchWrite kept returning unprocessed items');
        const result = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
        pending = (result.UnprocessedItems?.[table] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
}
