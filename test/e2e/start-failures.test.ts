import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.ts';

const run = promisify(execFile);
const REPO = new URL('../../', import.meta.url).pathname;
let dataDir: string;

/** `npm start`'s entry, run as a reader would; returns its exit code and what it printed on stderr. */
async function start(env: Record<string, string>) {
  try {
    await run(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: REPO,
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'WARN', ...env },
      timeout: 60_000,
    });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failure = error as { code?: number; stderr?: string };
    return { code: failure.code ?? -1, stderr: failure.stderr ?? '' };
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'foerdertracker-start-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm start refuses clearly', () => {
  let blocker: Server;
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it('says in one line that the port is taken, and exits non-zero', async () => {
    const port = await freePort();
    blocker = createServer().listen(port);
    await new Promise((resolve) => blocker.once('listening', resolve));
    const result = await start({ PORT: String(port) });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `Port ${port} is already in use: stop the other process or set PORT`,
    ]);
  });

  it('says in one line that Java is missing, and exits non-zero', async () => {
    const result = await start({ PORT: String(await freePort()), PATH: '/nonexistent' });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Java was not found on PATH: DynamoDB Local needs Java 17\+/);
  });
});
