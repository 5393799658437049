import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ULID } from './dynamodb-requests-table.ts';

/** One command as the app sent it, described by its key shape (ids replaced by `*`). */
export interface Sent {
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

/** Records every command sent through a client's middleware stack (retries are not new commands). */
export function countCommands(
  client: DynamoDBClient | DynamoDBDocumentClient,
  into: () => Sent[] | undefined,
): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      into()?.push(describe(context.commandName ?? 'Unknown', args.input as AnyInput));
      return next(args);
    },
    { step: 'initialize', name: 'benchCommandCounter' },
  );
}

/** What one operation sent; `summary` for the table, `detail` for stderr. */
export function summarise(sent: Sent[]) {
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
export type Summary = ReturnType<typeof summarise>;

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
