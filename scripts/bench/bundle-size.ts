import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { API_ENTRY, LAMBDA_BUILD_OPTIONS, REPO_ROOT } from './lambda-build.ts';
import type { Section } from './section.ts';
import { kb } from './stats.ts';
import type { Row } from './table.ts';

const TOP_PACKAGES = 5;

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
    const deployed = await readFile(apiBundle);
    const gzipped = gzipSync(deployed).length;
    const rows: Row[] = [
      {
        figure: 'API bundle, raw',
        value: kb(deployed.length),
        note: 'index.mjs as CDK bundles it for deploy',
      },
      {
        figure: 'API bundle, gzip',
        value: kb(gzipped),
        note: 'gzip level 6, about what the Lambda zip holds',
      },
    ];

    log('rebuilding the API with a metafile to attribute its bytes');
    const rebuilt = await build({
      ...LAMBDA_BUILD_OPTIONS,
      entryPoints: [API_ENTRY],
      absWorkingDir: REPO_ROOT,
      outfile: 'index.mjs',
      write: false,
      metafile: true,
    });
    const rebuiltBytes = rebuilt.outputFiles[0]?.contents;
    const identical = rebuiltBytes !== undefined && Buffer.compare(Buffer.from(rebuiltBytes), deployed) === 0;
    rows.push({
      figure: 'API rebuild matches CDK asset',
      value: identical ? 'yes' : 'NO',
      note: identical
        ? 'the byte shares below come from its metafile'
        : `rebuild ${rebuiltBytes?.length ?? 0} B vs asset ${deployed.length} B: sync lambda-build.ts with ` +
          'infra/api-stack.ts (or sources changed during the run); shares below are approximate',
    });
    for (const [name, bytes] of bytesByPackage(rebuilt.metafile).slice(0, TOP_PACKAGES)) {
      const share = ((100 * bytes) / deployed.length).toFixed(0);
      rows.push({ figure: `API bundle share: ${name}`, value: kb(bytes), note: `${share} % of raw` });
    }
    return rows;
  },
};
