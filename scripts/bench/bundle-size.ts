import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Metafile } from 'esbuild';
import { ALL_ROUTE_GROUPS } from '../../functions/api/route-groups.ts';
import { buildLambda } from '../../infra/lambda-bundle.ts';
import { API_ENTRY } from './lambda-build.ts';
import type { Section } from './section.ts';
import { kb } from './stats.ts';
import type { Row } from './table.ts';

const TOP_PACKAGES = 5;
const GOAL_LOADED_BYTES = 600 * 1024;

/** `node_modules/@scope/name/…` → `@scope/name`; the project's own files → `(app) functions/`, `(app) shared/`. */
function packageOf(input: string): string {
  const nodeModules = input.lastIndexOf('node_modules/');
  if (nodeModules === -1) return `(app) ${input.split('/')[0]}/`;
  const [first = '', second = ''] = input.slice(nodeModules + 'node_modules/'.length).split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}

/** Bytes each package contributes to the (single) output, largest first. */
export function bytesByPackage(metafile: Metafile): [name: string, bytes: number][] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(input);
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
}

export const bundleSize: Section = {
  title: 'API bundle size',
  async run({ apiBundle, log }) {
    const directory = dirname(apiBundle);
    const files = await bundleFiles(directory);
    const deployed = Buffer.concat(files.map((file) => file.bytes));
    const entry = await readFile(apiBundle);
    const gzipped = gzipSync(deployed).length;
    const rows: Row[] = [
      {
        figure: 'API bundle, raw',
        value: kb(deployed.length),
        note: `index.mjs and ${files.length - 1} chunks as CDK bundles them for deploy`,
      },
      {
        figure: 'API bundle, entry chunk',
        value: kb(entry.length),
        note: 'what a health check loads; the rest loads on the first request that needs it',
      },
      {
        figure: 'API bundle, gzip',
        value: kb(gzipped),
        note: 'gzip level 6, about what the Lambda zip holds',
      },
    ];

    log('rebuilding the API with a metafile to attribute its bytes');
    const rebuilt = await buildLambda(API_ENTRY, directory, { splitting: true, write: false });
    const rebuiltBytes = Buffer.concat(
      [...(rebuilt.outputFiles ?? [])]
        .sort((a, b) => a.path.localeCompare(b.path))
        .map((file) => Buffer.from(file.contents)),
    );
    const identical = Buffer.compare(rebuiltBytes, deployed) === 0;
    rows.push({
      figure: 'API rebuild matches CDK asset',
      value: identical ? 'yes' : 'NO',
      note: identical
        ? 'the byte shares below come from its metafile'
        : `rebuild ${rebuiltBytes.length} B vs asset ${deployed.length} B: sync lambda-build.ts with ` +
          'infra/api-stack.ts (or sources changed during the run); shares below are approximate',
    });
    const outputs = Object.entries(rebuilt.metafile.outputs);
    const outputOf = (entryPoint: string) =>
      outputs.find(([, output]) => output.entryPoint === entryPoint)?.[0];
    const entryFile = outputOf('functions/api/handler.ts');
    const appChunk = outputOf('functions/api/full-handler.ts');
    if (entryFile === undefined || appChunk === undefined) {
      throw new Error('API bundle without its entry or full-handler chunk');
    }
    // A /v1 request loads the entry, the app chunk and its own route group (functions/api/route-groups.ts).
    for (const group of ALL_ROUTE_GROUPS) {
      const groupChunk = outputOf(`functions/api/groups/${group}.ts`);
      if (groupChunk === undefined) throw new Error(`API bundle without the ${group} route group chunk`);
      const loaded = loadedBytes(rebuilt.metafile, [entryFile, appChunk, groupChunk]);
      rows.push({
        figure: `API code a first /v1 request loads: ${group} routes`,
        value: kb(loaded),
        note: `entry, app chunk, the group and their static imports, minified, SDK included; goal ≤ ${kb(GOAL_LOADED_BYTES)}: ${loaded <= GOAL_LOADED_BYTES ? 'met' : 'NOT met'}`,
      });
    }
    const groupChunks = ALL_ROUTE_GROUPS.map((group) => outputOf(`functions/api/groups/${group}.ts`) ?? '');
    const whole = loadedBytes(rebuilt.metafile, [entryFile, appChunk, ...groupChunks]);
    rows.push({
      figure: 'API code with every route group loaded',
      value: kb(whole),
      note: 'what /openapi.json loads; S3, file-type, mail and idempotency load only on the requests that use them',
    });
    for (const [name, bytes] of bytesByPackage(rebuilt.metafile).slice(0, TOP_PACKAGES)) {
      const share = ((100 * bytes) / deployed.length).toFixed(0);
      rows.push({ figure: `API bundle share: ${name}`, value: kb(bytes), note: `${share} % of raw` });
    }
    return rows;
  },
};

/**
 * Bytes of the output files a request makes Node load, starting from `starts`: each file and
 * every file it imports statically. Dynamic `import()` chunks load only when their code runs.
 */
export function loadedBytes(metafile: Metafile, starts: string[]): number {
  const loaded = new Set<string>();
  const pending = [...starts];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    const output = metafile.outputs[file];
    if (output === undefined || loaded.has(file)) continue;
    loaded.add(file);
    for (const { path, kind } of output.imports) if (kind === 'import-statement') pending.push(path);
  }
  return [...loaded].reduce((sum, file) => sum + (metafile.outputs[file]?.bytes ?? 0), 0);
}

/** The bundle's JavaScript files, sorted by path, so two builds compare byte for byte. */
async function bundleFiles(directory: string): Promise<{ path: string; bytes: Buffer }[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.mjs'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort((a, b) => a.localeCompare(b));
  return Promise.all(files.map(async (path) => ({ path, bytes: await readFile(path) })));
}
