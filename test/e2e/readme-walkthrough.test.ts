import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalService, startLocalService } from '../../scripts/local/local-service.ts';
import { freePort } from '../support/free-port.ts';

const run = promisify(execFile);
const REPO = new URL('../../', import.meta.url).pathname;

/** The README's walk-through blocks, in order, exactly as a reader would paste them. */
async function walkthroughScript(): Promise<string> {
  const readme = await readFile(join(REPO, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/<!-- walkthrough -->\n```bash\n([\s\S]*?)```/g)].map(
    (match) => match[1],
  );
  expect(blocks.length).toBeGreaterThanOrEqual(8);
  return ['set -euo pipefail', ...blocks].join('\n');
}

let service: LocalService;
let dataDir: string;
let api: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'foerdertracker-readme-'));
  const port = await freePort();
  service = await startLocalService({
    port,
    dataDir,
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    s3Endpoint: inject('s3Endpoint'),
    documentsBucket: 'test-documents',
    tableName: `readme-${randomUUID()}`,
    logLevel: 'SILENT',
    publicBaseUrl: `http://localhost:${port}`,
  });
  api = service.url;
});

afterAll(async () => {
  await service?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the README walk-through (the Erfurt case)', () => {
  it('runs as written against a fresh local service and shows what the issues promise', async () => {
    const { stdout } = await run('bash', ['-c', await walkthroughScript()], {
      cwd: REPO,
      env: { ...process.env, API: api, DATA_DIR: dataDir },
      timeout: 120_000,
    });
    // Submitted, approved with notice version 1, amended to notice version 2
    expect(stdout).toContain('submitted\n1\n19500000\n["1: 19000000","2: 19500000"]');
    // The first call's co-financing split
    expect(stdout).toContain(
      '{"sources":[{"source":"esf_plus","cents":3750000},{"source":"land","cents":1250000}],"ownShareCents":1250000}',
    );
    expect(stdout).toContain('["5000000 spend by 2023-05-06","6000000 spend by 2024-05-01"]');
    expect(stdout).toContain(
      '["final due 2026-06-30","interim-2023 due 2024-04-30","interim-2024 due 2025-04-30"]',
    );
    // History names every step, the CSV has the row, the position shows its warning
    expect(stdout).toMatch(/"create draft","status submitted","status approved","amendment Notice version 2/);
    expect(stdout).toContain(
      'Sozialstrategierichtlinie Thüringen 2.1;Quartiersplanungskoordination Erfurt;bewilligt;01.01.2023;31.12.2025;200000,00;195000,00;110000,00;85000,00;06.05.2023;Mittelverwendung',
    );
    // The summary splits all grants by source with each notice's rules
    expect(stdout).toContain(
      '["esf_plus: 14625000 / 8250000","land: 4875000 / 2750000","own: 4875000 / 2750000"]',
    );
    expect(stdout).toContain('advertised\nfilled');
    expect(stdout).toContain(
      'contract_past_funding: The contract runs until 2026-06-30, but funding ends on 2025-12-31',
    );
  }, 120_000); // a whole script of curl calls and token commands: give it room on a busy machine
});
