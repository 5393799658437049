import { type BuildOptions, buildSync } from 'esbuild';

/**
 * esbuild settings of the Lambdas, in one place: CDK bundles with them and the bench
 * rebuilds with them, so what is measured is what is deployed.
 */
export const LAMBDA_BUNDLE = {
  target: 'node22',
  mainFields: ['module', 'main'],
  // Bundled CommonJS dependencies (the SDK among them) call require(); ESM has none.
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  minify: true,
} as const;

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
} as const satisfies BuildOptions;

/**
 * Bundles a handler into `outdir/index.mjs`. With `splitting`, every dynamic `import()`
 * becomes its own chunk under `outdir/chunks/`, loaded only when first needed, so a cold
 * start parses and runs only the code its first request uses.
 */
export function bundleLambda(entry: string, outdir: string, options: { splitting: boolean }) {
  return buildSync({
    ...LAMBDA_BUILD_OPTIONS,
    entryPoints: { index: entry },
    outdir,
    outExtension: { '.js': '.mjs' },
    splitting: options.splitting,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
  });
}
