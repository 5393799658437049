import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../scripts/client/api-types.ts';

/**
 * The OpenAPI document as third-party tools read it: `redocly lint` with the committed
 * redocly.yaml (Redocly's recommended rules) finds neither an error nor a warning. Offline: the
 * document is built in this process, Redocly's usage data and update check are off.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REDOCLY = join(ROOT, 'node_modules', '.bin', 'redocly');

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: { ruleId: string; severity: string; message: string; location?: { pointer?: string }[] }[];
}

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'foerdertracker-openapi-lint-'));
});

afterAll(() => rm(directory, { recursive: true, force: true }));

/** `redocly lint --format=json` of the file; it exits non-zero on errors, the report is on stdout either way. */
function lint(file: string): Promise<LintReport> {
  const args = [
    'lint',
    file,
    `--config=${join(ROOT, 'redocly.yaml')}`,
    '--format=json',
    '--max-problems=1000',
  ];
  const env = {
    ...process.env,
    REDOCLY_TELEMETRY: 'off',
    REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
    CI: 'true',
  };
  return new Promise((resolve, reject) => {
    execFile(REDOCLY, args, { cwd: directory, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      try {
        resolve(JSON.parse(stdout) as LintReport);
      } catch {
        reject(new Error(`redocly lint gave no report (${error?.message ?? 'no error'}): ${stderr}`));
      }
    });
  });
}

describe('the OpenAPI document under redocly lint (recommended rules)', () => {
  it('has no errors and no warnings', async () => {
    const file = join(directory, 'openapi.json');
    await writeFile(file, JSON.stringify(await buildOpenApiDocument(), null, 2));

    const report = await lint(file);

    const problems = report.problems.map(
      ({ severity, ruleId, message, location }) =>
        `${severity} ${ruleId} at ${location?.[0]?.pointer ?? '?'}: ${message}`,
    );
    expect(problems).toEqual([]);
    expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
  }, 60_000);

  it('would report what the rules forbid, so a pass means something', async () => {
    const document = (await buildOpenApiDocument()) as unknown as {
      paths: Record<string, { get?: { operationId?: string } }>;
    };
    const { operationId: _dropped, ...unnamed } = document.paths['/calendar/{file}']!.get!;
    const file = join(directory, 'broken.json');
    await writeFile(
      file,
      JSON.stringify({
        ...document,
        servers: [],
        paths: { ...document.paths, '/calendar/{file}': { get: unnamed } },
      }),
    );

    const report = await lint(file);

    expect(report.problems.map((problem) => problem.ruleId).sort()).toEqual([
      'no-empty-servers',
      'operation-operationId',
    ]);
  }, 60_000);
});
