import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { createApp } from '../../functions/api/app.ts';
import { buildDependencies } from '../../functions/api/build-dependencies.ts';
import { localJwtAuthenticator } from '../../functions/api/platform/local-jwt-authenticator.ts';
import { loadConfig } from '../../shared/config/config.ts';
import { createDynamoClients } from '../../shared/store/dynamo-client.ts';
import { ensureTable } from '../../shared/store/ensure-table.ts';
import type { Item } from '../../shared/store/table.ts';
import { erfurtApplicationBody, erfurtNotice } from '../../test/fixtures/applications.ts';
import { programBody } from '../../test/fixtures/programs.ts';
import { startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { type Answer, appClient, expectStatus, type LocalTokens, localTokens } from './app-client.ts';
import type { Section } from './section.ts';
import type { Row } from './table.ts';

// Counts the DynamoDB commands each API operation sends, on a small and on a large table.
// Every request of an operation should be a Get, a Query or a transaction whose number
// does not grow with the data: the same count at ~100 and at ~10,000 items, never a Scan.

const SECRET = 'bench-jwt-secret-that-is-long-enough-0123456789';
const TABLE = 'bench-requests';
/** A fixed "today" inside the fixtures' funding period (2023–2025), so dates and windows are stable. */
const TODAY = new Date('2024-06-01T08:00:00Z');
const SMALL = 100;
const LARGE = 10_000;
const BATCH = 25;
const WRITERS = 4;
const ULID = /[0-9A-HJKMNP-TV-Z]{26}/g;

/** One command as the app sent it, described by its key shape (ids replaced by `*`). */
interface Sent {
  command: string;
  shape: string;
  /** The exact key or key condition, to spot a read repeated within one operation. */
  exact: string;
  idempotency: boolean;
}

type AnyInput = Record<string, unknown>;

/** A DocumentClient value is plain; a raw client value is `{ S: '…' }`. */
const text = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'S' in value) return String((value as { S: unknown }).S);
  return '?';
};
const shapeOf = (value: unknown) => text(value).replace(ULID, '*');

function describe(commandName: string, input: AnyInput): Sent {
  const command = commandName.replace(/Command$/, '');
  const key = (input.Key ?? input.Item) as AnyInput | undefined;
  const idempotency = text(key?.pk) === 'IDEMPOTENCY';
  if (idempotency) return { command, shape: 'IDEMPOTENCY|<key hash>', exact: '', idempotency };
  if (key && command === 'GetItem') {
    const exact = `${text(key.pk)}|${text(key.sk)}`;
    return { command, shape: `${shapeOf(key.pk)}|${shapeOf(key.sk)}`, exact, idempotency };
  }
  if (command === 'Query') {
    const values = (input.ExpressionAttributeValues ?? {}) as AnyInput;
    const range =
      ':prefix' in values ? ` begins ${shapeOf(values[':prefix'])}` : ':from' in values ? ' between' : '';
    const filter = input.FilterExpression ? ' +filter' : '';
    const where = `${input.IndexName ?? 'table'} ${shapeOf(values[':pk'])}${range}${filter}`;
    return { command, shape: where, exact: JSON.stringify(input), idempotency };
  }
  if (command === 'TransactWriteItems') {
    const items = (input.TransactItems as unknown[] | undefined)?.length ?? 0;
    return { command, shape: `${items} items`, exact: '', idempotency };
  }
  return { command, shape: '', exact: '', idempotency };
}

/** What one operation sent; `summary` for the table, `detail` for stderr. */
function summarise(sent: Sent[]) {
  const counts = new Map<string, number>();
  for (const { command, idempotency } of sent) {
    const name = idempotency ? `idempotency ${command}` : command;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const reads = new Map<string, number>();
  for (const { command, exact, idempotency } of sent) {
    if (idempotency || (command !== 'GetItem' && command !== 'Query')) continue;
    reads.set(exact, (reads.get(exact) ?? 0) + 1);
  }
  const repeated = sent.filter(
    (one, index) =>
      (reads.get(one.exact) ?? 0) > 1 && sent.findIndex((other) => other.exact === one.exact) === index,
  );
  return {
    total: sent.length,
    scans: sent.filter((one) => one.command === 'Scan').length,
    counts: [...counts].map(([name, count]) => `${name} ${count}`).join(', '),
    repeated: repeated.map((one) => `${one.command} ${one.shape} ×${reads.get(one.exact)}`),
    detail: runs(sent.map((one) => `${one.idempotency ? 'idempotency ' : ''}${one.command} ${one.shape}`)),
  };
}

/** `a, a, a, b` → `a ×3, b`, so a long run of the same read stays one line. */
function runs(lines: string[]): string[] {
  const out: { line: string; count: number }[] = [];
  for (const line of lines) {
    const last = out.at(-1);
    if (last?.line === line) last.count += 1;
    else out.push({ line, count: 1 });
  }
  return out.map(({ line, count }) => (count > 1 ? `${line} ×${count}` : line));
}
type Summary = ReturnType<typeof summarise>;

/** Records every command sent through a client's middleware stack (retries are not new commands). */
function countCommands(client: DynamoDBClient | DynamoDBDocumentClient, into: () => Sent[] | undefined) {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      into()?.push(describe(context.commandName ?? 'Unknown', args.input as AnyInput));
      return next(args);
    },
    { step: 'initialize', name: 'benchCommandCounter' },
  );
}

interface OperationState {
  programId?: string;
  applicationId?: string;
  version?: number;
  positionId?: string;
}

interface Operation {
  name: string;
  run(state: OperationState): Promise<Answer>;
  /**
   * Why this operation's count may legitimately differ with the data (shown, not checked);
   * unset means it must send the same requests at both sizes.
   */
  ungated?: string;
}

function operations(call: ReturnType<typeof appClient>, tokens: LocalTokens): Operation[] {
  const key = () => ({ 'idempotency-key': `bench-${ulid()}` });
  const id = (value: string | undefined) => {
    if (!value) throw new Error('an earlier operation did not leave the id this one needs');
    return value;
  };
  const ifMatch = (state: OperationState) => ({ 'if-match': `"${state.version}"` });
  return [
    {
      name: 'create programme (Idempotency-Key)',
      run: async (state) => {
        const answer = expectStatus(
          await call('POST', '/v1/programs', {
            token: tokens.admin,
            body: programBody({ name: `Bench ${ulid()}` }),
            headers: key(),
          }),
          201,
          'create programme',
        );
        state.programId = answer.json.id;
        return answer;
      },
    },
    {
      name: 'list programmes',
      run: async () => call('GET', '/v1/programs?limit=25', { token: tokens.viewer }),
    },
    {
      name: 'read programme',
      run: async (state) => call('GET', `/v1/programs/${id(state.programId)}`, { token: tokens.viewer }),
    },
    {
      name: 'create application (Idempotency-Key)',
      run: async (state) => {
        const answer = expectStatus(
          await call('POST', '/v1/applications', {
            token: tokens.finance,
            body: erfurtApplicationBody(id(state.programId)),
            headers: key(),
          }),
          201,
          'create application',
        );
        state.applicationId = answer.json.id;
        state.version = answer.json.version;
        return answer;
      },
    },
    {
      name: 'read application',
      run: async (state) =>
        call('GET', `/v1/applications/${id(state.applicationId)}`, { token: tokens.viewer }),
    },
    {
      name: 'list applications',
      run: async () => call('GET', '/v1/applications?limit=25', { token: tokens.viewer }),
    },
    {
      name: 'list applications of a programme, by status',
      run: async (state) =>
        call('GET', `/v1/applications?programId=${id(state.programId)}&status=draft&limit=25`, {
          token: tokens.viewer,
        }),
    },
    {
      name: 'submit application',
      run: async (state) => {
        const answer = expectStatus(
          await call('POST', `/v1/applications/${id(state.applicationId)}/status`, {
            token: tokens.finance,
            body: { to: 'submitted', note: 'eingereicht' },
            headers: ifMatch(state),
          }),
          200,
          'submit',
        );
        state.version = answer.json.version;
        return answer;
      },
    },
    {
      name: 'approve with notice',
      run: async (state) => {
        const answer = expectStatus(
          await call('POST', `/v1/applications/${id(state.applicationId)}/status`, {
            token: tokens.finance,
            body: { to: 'approved', notice: erfurtNotice() },
            headers: ifMatch(state),
          }),
          200,
          'approve',
        );
        state.version = answer.json.version;
        return answer;
      },
    },
    {
      name: 'create funds call (Idempotency-Key)',
      run: async (state) =>
        call('POST', `/v1/applications/${id(state.applicationId)}/funds-calls`, {
          token: tokens.finance,
          body: { amountCents: 1_000_000, calledOn: '2024-05-15' },
          headers: key(),
        }),
    },
    {
      name: 'list funds calls',
      run: async (state) =>
        call('GET', `/v1/applications/${id(state.applicationId)}/funds-calls`, { token: tokens.viewer }),
    },
    {
      name: 'application budget',
      run: async (state) =>
        call('GET', `/v1/applications/${id(state.applicationId)}/budget`, { token: tokens.viewer }),
    },
    {
      name: 'list open deadlines, one month',
      run: async () =>
        call('GET', '/v1/deadlines?from=2024-04-01&to=2024-04-30&status=open', { token: tokens.viewer }),
    },
    {
      name: 'list deadlines, default window (±1 year)',
      run: async () => call('GET', '/v1/deadlines', { token: tokens.viewer }),
      ungated: 'one Query per month of the window until a page (25) is full: fewer when months are full',
    },
    {
      name: 'list my deadlines (owner), one month',
      run: async () =>
        call('GET', '/v1/deadlines?from=2024-04-01&to=2024-04-30&owner=viewer@erfurt.example', {
          token: tokens.viewer,
        }),
    },
    {
      name: 'create position (Idempotency-Key)',
      run: async (state) => {
        const answer = expectStatus(
          await call('POST', '/v1/positions', {
            token: tokens.finance,
            body: positionBody(id(state.applicationId)),
            headers: key(),
          }),
          201,
          'create position',
        );
        state.positionId = answer.json.id;
        return answer;
      },
    },
    {
      name: 'read position',
      run: async (state) => call('GET', `/v1/positions/${id(state.positionId)}`, { token: tokens.viewer }),
    },
    {
      name: 'list positions',
      run: async () => call('GET', '/v1/positions?limit=25', { token: tokens.viewer }),
    },
  ];
}

const positionBody = (applicationId: string) => ({
  title: 'Quartiersplanungskoordination',
  fte: 0.5,
  payGrade: 'TVöD E 11',
  payStep: 3,
  orgUnit: 'Amt für Soziales, Sozialplanung',
  start: '2023-01-01',
  end: '2025-12-31',
  owner: { name: 'Anna Finanz', email: 'anna.finanz@erfurt.example' },
  fundedBy: [{ applicationId, shareBasisPoints: 5_000 }],
});

/** Items in the table, counted by the bench's own client (a Scan, but not the app's). */
async function countItems(doc: DynamoDBDocumentClient): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({ TableName: TABLE, Select: 'COUNT', ExclusiveStartKey: startKey }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

async function allItems(doc: DynamoDBDocumentClient): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: TABLE, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

async function batchWrite(doc: DynamoDBDocumentClient, items: Item[]): Promise<void> {
  const batches: Item[][] = [];
  for (let index = 0; index < items.length; index += BATCH) batches.push(items.slice(index, index + BATCH));
  const writer = async () => {
    for (let batch = batches.pop(); batch; batch = batches.pop()) {
      let pending = batch.map((item) => ({ PutRequest: { Item: item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 10) throw new Error('BatchWrite kept returning unprocessed items');
        const result = await doc.send(new BatchWriteCommand({ RequestItems: { [TABLE]: pending } }));
        pending = (result.UnprocessedItems?.[TABLE] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
}

/**
 * Grows the table to about `target` items with copies of what the app wrote: every record
 * (application, its history, notices, reports, calls, deadlines; positions and theirs) is
 * copied with fresh ids, so keys and index entries have exactly the app's shapes. Programmes
 * are shared, as in a city with a few programmes and many applications.
 */
async function growTo(doc: DynamoDBDocumentClient, target: number): Promise<void> {
  const items = await allItems(doc);
  const programIds = new Set(items.filter((item) => item.entity === 'program').map((item) => item.id));
  const template = items.filter((item) => {
    const pk = String(item.pk);
    return !pk.startsWith('PROGRAM#') && !pk.startsWith('SEED#') && pk !== 'IDEMPOTENCY';
  });
  const copies: Item[] = [];
  const missing = target - items.length;
  if (template.length === 0) throw new Error('nothing to copy: the seed wrote no records');
  while (copies.length < missing) {
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
      if (copies.length >= missing) break;
      copies.push(JSON.parse(JSON.stringify(item).replace(ULID, fresh)) as Item);
    }
  }
  await batchWrite(doc, copies);
}

/** Realistic small data: a programme, applications in every stage, calls, positions. */
async function seed(call: ReturnType<typeof appClient>, tokens: LocalTokens, doc: DynamoDBDocumentClient) {
  const program = expectStatus(
    await call('POST', '/v1/programs', { token: tokens.admin, body: programBody() }),
    201,
    'seed programme',
  );
  let round = 0;
  while ((await countItems(doc)) < SMALL - 8) {
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
      await call('POST', '/v1/positions', { token: tokens.finance, body: positionBody(draft.json.id) }),
      201,
      'seed position',
    );
  }
}

export const dynamoDbRequests: Section = {
  title: 'DynamoDB requests per API operation',
  async run({ workDir, log }) {
    log('starting DynamoDB Local (in memory)');
    const database = await startDynamoDbLocal();
    try {
      const own = createDynamoClients({ endpoint: database.endpoint });
      await ensureTable(own.client, TABLE);
      const config = loadConfig({
        TABLE_NAME: TABLE,
        DYNAMODB_ENDPOINT: database.endpoint,
        AUTH_MODE: 'local-jwt',
        JWT_SECRET: SECRET,
        CURSOR_SECRET: 'bench-cursor-secret-0123456789',
        LOG_LEVEL: 'SILENT',
        OUTBOX_DIR: join(workDir, 'outbox'),
      });
      const deps = { ...buildDependencies(config, localJwtAuthenticator(SECRET)), clock: () => TODAY };

      let sink: Sent[] | undefined;
      const storeClient = deps.store.table.doc;
      countCommands(storeClient, () => sink);
      // buildDependencies gives Powertools the DocumentClient's own DynamoDBClient, whose middleware
      // stack the DocumentClient shares; a client of its own would need a counter of its own.
      const idempotencyClient = ((await deps.idempotencyStore()) as unknown as { client?: DynamoDBClient })
        .client;
      const idempotencyCounted = idempotencyClient?.middlewareStack === storeClient.middlewareStack;
      if (idempotencyClient && !idempotencyCounted) countCommands(idempotencyClient, () => sink);

      const call = appClient(await createApp(deps));
      const tokens = await localTokens(SECRET);
      const list = operations(call, tokens);

      const measure = async (label: string) => {
        const items = await countItems(own.doc);
        log(`${label}: ${items} items; running ${list.length} operations`);
        const state: OperationState = {};
        const results: Summary[] = [];
        for (const operation of list) {
          const sent: Sent[] = [];
          sink = sent;
          let answer: Answer;
          try {
            answer = await operation.run(state);
          } finally {
            sink = undefined;
          }
          if (answer.status >= 300) {
            throw new Error(`${operation.name}: HTTP ${answer.status}: ${answer.text.slice(0, 300)}`);
          }
          const summary = summarise(sent);
          log(`  ${operation.name}: ${summary.total} — ${summary.detail.join('; ')}`);
          results.push(summary);
        }
        return { items, results };
      };

      log('seeding about 100 items through the API');
      await seed(call, tokens, own.doc);
      const small = await measure('small table');
      log(`copying records to about ${LARGE} items (BatchWrite, the app's key shapes)`);
      const growStarted = performance.now();
      await growTo(own.doc, LARGE);
      log(`grown in ${((performance.now() - growStarted) / 1000).toFixed(1)} s`);
      const large = await measure('large table');

      const rows: Row[] = [
        {
          figure: 'DynamoDB requests: table size',
          value: `${small.items} → ${large.items} items`,
          note:
            'requests per operation at each size (small → large); ' +
            (idempotencyCounted
              ? 'idempotency records share the store client and are counted'
              : 'idempotency client counted separately'),
        },
      ];
      const problems: string[] = [];
      list.forEach((operation, index) => {
        const before = small.results[index]!;
        const after = large.results[index]!;
        const scans = before.scans + after.scans;
        const same = before.total === after.total && before.counts === after.counts;
        if (scans > 0) problems.push(`${operation.name}: ${scans} Scan(s)`);
        if (!same && !operation.ungated) {
          problems.push(`${operation.name}: ${before.total} → ${after.total} requests`);
        }
        const repeated = [...new Set([...before.repeated, ...after.repeated])];
        const flag = same ? '' : operation.ungated ? ' (not gated)' : ' DIFFERS';
        rows.push({
          figure: `DynamoDB requests: ${operation.name}`,
          value: `${before.total} → ${after.total}${flag}`,
          note:
            `${after.counts}; Scans ${scans}` +
            (same ? '' : ` (small: ${before.counts})`) +
            (repeated.length ? `; repeated read: ${repeated.join(', ')}` : '') +
            (operation.ungated && !same ? `; ${operation.ungated}` : ''),
        });
      });
      if (problems.length > 0) {
        const table = rows.map((row) => `  ${row.figure} | ${row.value} | ${row.note ?? ''}`).join('\n');
        throw new Error(
          `request counts must not depend on the table size and no Scan may be sent:\n  ${problems.join('\n  ')}\n${table}`,
        );
      }
      return rows;
    } finally {
      await database.stop();
    }
  },
};
