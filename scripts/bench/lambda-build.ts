import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const API_ENTRY = fileURLToPath(new URL('../../functions/api/handler.ts', import.meta.url));

/**
 * The esbuild options CDK derives from the API function's `bundling` in infra/api-stack.ts
 * (NodejsFunction runs `esbuild --bundle <entry> --target=node22 --platform=node --format=esm
 * --minify --banner:js=… --main-fields=module,main`). bundle-size.ts rebuilds the API with these
 * and compares the bytes with the CDK asset, so a drift between the two shows up in the report.
 *
 * No `charset`: api-stack.ts sets `Charset.UTF8`, but aws-cdk-lib 2.276 never passes it on to
 * esbuild (aws/aws-cdk#32649), so the deployed bundle is ASCII-escaped; mirror what is deployed.
 */
export const LAMBDA_BUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  minify: true,
  mainFields: ['module', 'main'],
  banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
  sourcemap: false,
  logLevel: 'warning',
} as const satisfies BuildOptions;
