import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureLocalSecrets } from '../../scripts/local/secrets.ts';
import { signLocalToken } from '../../shared/auth/local-jwt.ts';
import { SOZIALSTRATEGIE_THUERINGEN } from '../../shared/domain/program.ts';
import { freePort } from '../support/free-port.ts';

const REPO = new URL('../../', import.meta.url).pathname;
const children: ChildProcess[] = [];
let dataDir: string;
let output = '';

/** `npm start`'s own entry, as its own process (node + tsx, so SIGKILL hits the real owner). */
function startService(port: number): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: REPO,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'WARN' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Drain the pipes (a full pipe would stall the child) and keep the tail for diagnostics.
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  children.push(child);
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitForHealth(url: string) {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`service did not come up:\n${output}`);
}

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('durability of the local service', () => {
  it('keeps every acknowledged write and no partial one across a SIGKILL mid-load', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'foerdertracker-durability-'));
    const port = await freePort();
    const url = `http://localhost:${port}`;
    const first = startService(port);
    await waitForHealth(url);
    const { jwtSecret } = await ensureLocalSecrets(dataDir);
    const headers = {
      authorization: `Bearer ${await signLocalToken(jwtSecret, { roles: ['admin'], email: 'admin@erfurt.example' })}`,
      'content-type': 'application/json',
    };

    // Load: four writers in parallel until the process is killed under them.
    const acknowledged = new Set<string>();
    let killed = false;
    const writer = async (lane: number) => {
      for (let index = 0; !killed; index++) {
        const name = `Programm ${lane}-${index}`;
        try {
          const response = await fetch(`${url}/v1/programs`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ ...SOZIALSTRATEGIE_THUERINGEN, name }),
          });
          if (response.status === 201) acknowledged.add(((await response.json()) as { id: string }).id);
        } catch {
          return; // the connection died with the process
        }
      }
    };
    const load = Promise.all([0, 1, 2, 3].map(writer));
    const loadDeadline = Date.now() + 30_000;
    while (acknowledged.size < 40) {
      if (Date.now() > loadDeadline)
        throw new Error(`only ${acknowledged.size} writes acknowledged:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const firstExit = exited(first);
    first.kill('SIGKILL');
    killed = true;
    await Promise.all([load, firstExit]);

    const second = startService(port);
    await waitForHealth(url);
    const stored: { id: string; name: string }[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = (await (await fetch(`${url}/v1/programs?limit=100${query}`, { headers })).json()) as {
        items: { id: string; name: string }[];
        nextCursor: string | null;
      };
      stored.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);

    const storedIds = new Set(stored.map((program) => program.id));
    for (const id of acknowledged) expect(storedIds.has(id)).toBe(true);
    // At most the requests in flight at the kill may have committed without an answer.
    expect(stored.filter((program) => program.name.startsWith('Programm ')).length).toBeLessThanOrEqual(
      acknowledged.size + 4,
    );
    // No partial write: every stored programme has its history entry (same transaction).
    for (const program of stored.filter((candidate) => candidate.name.startsWith('Programm ')).slice(0, 60)) {
      const history = (await (
        await fetch(`${url}/v1/programs/${program.id}/history`, { headers })
      ).json()) as {
        items: { action: string }[];
      };
      expect(history.items.map((entry) => entry.action)).toEqual(['create']);
    }
    const secondExit = exited(second);
    second.kill('SIGTERM');
    await secondExit;
  }, 120_000);
});
