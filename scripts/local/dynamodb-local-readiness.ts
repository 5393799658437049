import type { ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { JAVA_HINT, LocalRuntimeError, lastLine } from './dynamodb-local-errors.ts';
import { endpointFor } from './dynamodb-local-ports.ts';

const START_TIMEOUT_MS = 30_000;

/** Keeps the last few KB of Java's output for error messages. */
export class OutputTail {
  private buffer = '';

  add(chunk: Buffer): void {
    this.buffer = (this.buffer + chunk.toString('utf8')).slice(-16_384);
  }

  text(): string {
    return this.buffer;
  }
}

/** Resolves once DynamoDB Local answers `ListTables`; rejects with why Java could not get there. */
export async function waitUntilReady(
  port: number,
  output: OutputTail,
  javaExited: Promise<void>,
  shExited: Promise<number | null>,
  child: ChildProcess,
): Promise<void> {
  let exited = false;
  void javaExited.then(() => {
    exited = true;
  });
  const client = new DynamoDBClient({
    endpoint: endpointFor(port),
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true },
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  try {
    for (;;) {
      if (/BindException|Address already in use|Failed to bind/i.test(output.text())) {
        throw new LocalRuntimeError('PORT_IN_USE', `Port ${port} is already in use`);
      }
      if (exited) {
        child.stdin?.end();
        throw exitError(await shExited, output);
      }
      if (Date.now() > deadline) {
        throw new LocalRuntimeError(
          'START_TIMEOUT',
          `DynamoDB Local did not answer on port ${port} within ${START_TIMEOUT_MS / 1000} s${suffix(output)}`,
        );
      }
      if ((await accepts(port)) && (await answers(client))) return;
      await delay(50);
    }
  } finally {
    client.destroy();
  }
}

function exitError(code: number | null, output: OutputTail): LocalRuntimeError {
  const text = output.text();
  if (code === 127) {
    return new LocalRuntimeError('JAVA_NOT_FOUND', `Java was not found on PATH: ${JAVA_HINT}`);
  }
  if (/UnsupportedClassVersionError/.test(text)) {
    return new LocalRuntimeError('JAVA_TOO_OLD', `The Java on PATH is too old: ${JAVA_HINT}`);
  }
  return new LocalRuntimeError(
    'START_FAILED',
    `DynamoDB Local exited before it was ready (exit code ${code ?? 'unknown'})${suffix(output)}`,
  );
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    const done = (ok: boolean) => {
      socket.destroy();
      resolvePromise(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

async function answers(client: DynamoDBClient): Promise<boolean> {
  try {
    // Bounded even if something else that never answers holds the port.
    await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2_500) });
    return true;
  } catch {
    return false;
  }
}

function suffix(output: OutputTail): string {
  const line = lastLine(output.text());
  return line ? `: ${line}` : '';
}

function delay(ms: number): Promise<void> {
  return new Promise((resolvePromise) => setTimeout(resolvePromise, ms));
}
