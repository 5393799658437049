import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { LAMBDA_BUNDLE } from '../../infra/node-function.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const API_ENTRY = fileURLToPath(new URL('../../functions/api/handler.ts', import.meta.url));

/**
 * The esbuild options CDK derives from `LAMBDA_BUNDLE` in infra/node-function.ts, which every
 * function shares (NodejsFunction runs `esbuild --bundle <entry> --target=node22 --platform=node
 * --format=esm --minify --banner:js=… --main-fields=module,main`). bundle-size.ts rebuilds the API
 * with these and compares the bytes with the CDK asset, so a drift between the two shows up.
 *
 * No `charset`: node-function.ts sets `Charset.UTF8`, but aws-cdk-lib 2.276 never passes it on to
 * esbuild (aws/aws-cdk#32649), so the deployed bundle is ASCII-escaped; mirror what is deployed.
 */
export const LAMBDA_BUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: LAMBDA_BUNDLE.target,
  minify: LAMBDA_BUNDLE.minify,
  mainFields: [...LAMBDA_BUNDLE.mainFields],
  banner: { js: LAMBDA_BUNDLE.banner },
  sourcemap: false,
  logLevel: 'warning',
} as const satisfies BuildOptions;
