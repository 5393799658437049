import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { LocalRuntimeError, startDynamoDbLocal } from '../../scripts/local/dynamodb-local.ts';
import { ensureTable } from '../../shared/store/ensure-table.ts';
import { localClient } from '../support/dynamodb.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/start-dynamodb-local.ts', import.meta.url));

describe('DynamoDB Local lifecycle', () => {
  it('rejects a port that is already in use with a LocalRuntimeError naming the port', async () => {
    const server = await listen();
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const error = await startDynamoDbLocal({ port }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(LocalRuntimeError);
      expect(error).toMatchObject({ code: 'PORT_IN_USE', message: `Port ${port} is already in use` });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('keeps data written with dbPath across stop and start', async () => {
    const dbPath = await mkdtemp(join(tmpdir(), 'dynamodb-local-'));
    const tableName = 'lifecycle';
    const key = { pk: 'KEEP#1', sk: 'META' };
    try {
      const first = await startDynamoDbLocal({ dbPath });
      const firstClient = localClient(first.endpoint);
      try {
        await ensureTable(firstClient, tableName);
        await DynamoDBDocumentClient.from(firstClient).send(
          new PutCommand({ TableName: tableName, Item: { ...key, note: 'survives' } }),
        );
      } finally {
        firstClient.destroy();
        await first.stop();
      }

      const second = await startDynamoDbLocal({ dbPath });
      const secondClient = localClient(second.endpoint);
      try {
        const { Item } = await DynamoDBDocumentClient.from(secondClient).send(
          new GetCommand({ TableName: tableName, Key: key }),
        );
        expect(Item).toEqual({ ...key, note: 'survives' });
      } finally {
        secondClient.destroy();
        await second.stop();
      }
    } finally {
      await rm(dbPath, { recursive: true, force: true });
    }
  });

  it('leaves no Java process behind when the Node process that started it is killed with SIGKILL', async () => {
    // `node --import tsx` (not the tsx CLI, which forks a second Node) so we kill the owner itself.
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let javaPid = 0;
    try {
      const line = await firstLine(child.stdout);
      javaPid = (JSON.parse(line) as { pid: number }).pid;
      expect(isAlive(javaPid)).toBe(true);

      child.kill('SIGKILL');
      const killedAt = Date.now();
      while (isAlive(javaPid) && Date.now() - killedAt < 5_000) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(isAlive(javaPid), `Java (pid ${javaPid}) outlived its Node process`).toBe(false);
    } finally {
      child.kill('SIGKILL');
      if (javaPid > 0 && isAlive(javaPid)) process.kill(javaPid, 'SIGKILL');
    }
  });
});

function listen(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => resolve(server));
  });
}

async function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  for await (const line of createInterface({ input: stream })) return line;
  throw new Error('the fixture exited without printing its Java PID');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
