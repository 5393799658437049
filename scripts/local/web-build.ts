import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const WEB_DIR = join(REPO, 'web');
export const WEB_DIST = join(WEB_DIR, 'dist');
/** Everything the build reads besides node_modules: the app and the generated API client. */
const WEB_INPUTS = [WEB_DIR, join(REPO, 'client')];

function newestModification(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (join(path, entry) === WEB_DIST || entry === 'node_modules') continue;
    newest = Math.max(newest, newestModification(join(path, entry)));
  }
  return newest;
}

/** True when web/dist is missing or older than any file under web/ or client/. */
export function webBuildIsStale(): boolean {
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(index)) return true;
  return Math.max(...WEB_INPUTS.map(newestModification)) > statSync(index).mtimeMs;
}

/** Runs `vite build` for web/ into `outDir` (web/dist by default); synchronous, for CDK's local bundling too. */
export function buildWebApp(outDir = WEB_DIST): void {
  // vite's package exports do not name its CLI; it sits next to its package.json.
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
  execFileSync(
    process.execPath,
    [vite, 'build', WEB_DIR, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    // A production build whatever the caller runs under (vitest sets NODE_ENV=test, which would
    // give React's development build).
    { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } },
  );
}

/** Builds the app when web/dist is missing or older than its sources; says so on the way. */
export async function ensureWebBuilt(log: (message: string) => void = () => {}): Promise<void> {
  if (!webBuildIsStale()) return;
  log('Building the web app (web/dist is missing or older than its sources) …');
  const started = performance.now();
  buildWebApp();
  log(`Built the web app in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

/**
 * For CDK's local bundling (synchronous): the built app, built first if web/dist is stale, copied
 * into the asset folder CDK uploads. `cdk synth` works on a fresh clone and stays offline.
 */
export function copyWebBuildTo(outputDir: string): void {
  if (webBuildIsStale()) buildWebApp();
  cpSync(WEB_DIST, outputDir, { recursive: true });
}
