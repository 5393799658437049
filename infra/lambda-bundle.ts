import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BuildOptions, build, type Plugin } from 'esbuild';

/**
 * esbuild settings of the Lambdas, in one place: CDK bundles with them and the bench
 * rebuilds with them, so what is measured is what is deployed.
 */
export const LAMBDA_BUNDLE = {
  target: 'node22',
  mainFields: ['module', 'main'],
  // Bundled CommonJS dependencies (the SDK among them) call require(); ESM has none. The alias
  // keeps the banner clear of a bundled module's own `createRequire` import (unminified builds).
  banner:
    "import { createRequire as __bannerCreateRequire } from 'module'; const require = __bannerCreateRequire(import.meta.url);",
  minify: true,
} as const;

/** The text @hono/zod-openapi is bundled without, and what replaces it; each must occur once. */
const ZOD_OPENAPI_EDITS: [from: string, to: string][] = [
  ['import { z } from "zod";', 'import * as z from "zod";'],
  ['extendZodWithOpenApi(z);', 'extendZodWithOpenApi({ ZodType: z.ZodType });'],
];

/**
 * Lets esbuild drop the parts of zod nobody calls. @hono/zod-openapi takes zod's namespace as
 * one value (`import { z }`, then `extendZodWithOpenApi(z)`), which forces the bundle to keep
 * all of it: 40 translations, toJSONSchema, fromJSONSchema (454 KB where our schemas need 90).
 * extendZodWithOpenApi reads only `z.ZodType`, so the bundle hands it just that; the app's own
 * files import zod as `import * as z`, which esbuild can shake. If a library update changes the
 * edited text, the build fails here instead of quietly growing again.
 */
const zodTreeShaking: Plugin = {
  name: 'zod-tree-shaking',
  setup(bundle) {
    bundle.onLoad({ filter: /[\\/]@hono[\\/]zod-openapi[\\/]dist[\\/]index\.mjs$/ }, async ({ path }) => {
      let contents = await readFile(path, 'utf8');
      for (const [from, to] of ZOD_OPENAPI_EDITS) {
        if (contents.split(from).length !== 2) {
          throw new Error(`${path}: expected "${from}" exactly once; review infra/lambda-bundle.ts`);
        }
        contents = contents.replace(from, to);
      }
      return { contents, loader: 'js' };
    });
  },
};

export const LAMBDA_BUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: LAMBDA_BUNDLE.target,
  minify: LAMBDA_BUNDLE.minify,
  mainFields: [...LAMBDA_BUNDLE.mainFields],
  banner: { js: LAMBDA_BUNDLE.banner },
  sourcemap: false,
  // UTF-8 output instead of \uXXXX escapes: smaller, and the same strings.
  charset: 'utf8',
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [zodTreeShaking],
} as const satisfies BuildOptions;

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const THIS_FILE = fileURLToPath(import.meta.url);

/**
 * Bundles a handler into `outdir/index.mjs`. With `splitting`, every dynamic `import()`
 * becomes its own chunk under `outdir/chunks/`, loaded only when first needed, so a cold
 * start parses and runs only the code its first request uses.
 */
export function buildLambda(entry: string, outdir: string, options: { splitting: boolean; write?: boolean }) {
  return build({
    ...LAMBDA_BUILD_OPTIONS,
    plugins: [...LAMBDA_BUILD_OPTIONS.plugins],
    entryPoints: { index: entry },
    absWorkingDir: REPO_ROOT,
    outdir,
    outExtension: { '.js': '.mjs' },
    splitting: options.splitting,
    chunkNames: 'chunks/[name]-[hash]',
    write: options.write ?? true,
    metafile: true,
  });
}

/**
 * `buildLambda` for callers that must be synchronous (CDK's local bundling): esbuild runs
 * plugins only in its asynchronous API, so a child process runs this file as a script.
 */
export function bundleLambda(entry: string, outdir: string, options: { splitting: boolean }): void {
  execFileSync(process.execPath, ['--import', 'tsx', THIS_FILE, entry, outdir, String(options.splitting)], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

if (process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const [entry, outdir, splitting] = process.argv.slice(2);
  if (entry === undefined || outdir === undefined)
    throw new Error('usage: lambda-bundle.ts <entry> <outdir> [splitting]');
  await buildLambda(entry, outdir, { splitting: splitting === 'true' });
}
