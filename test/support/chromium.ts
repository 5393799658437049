import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's Chromium; the first path avoids the wrapper script's harmless shell warning. */
const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'];
export const INSTALL_COMMAND = 'apt-get install -y --no-install-recommends chromium fonts-liberation';

const installed = () => CANDIDATES.find((path) => existsSync(path));
const canInstall = () => process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');

function aptGet(args: string[]): void {
  execFileSync('apt-get', args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/**
 * The path of Debian's Chromium, installed first when it is missing and this process may (root,
 * apt-get present). Never a browser downloaded from anywhere else. Otherwise it stops with the
 * one command that installs it.
 */
export function ensureChromium(log: (message: string) => void = () => {}): string {
  const found = installed();
  if (found) return found;
  if (!canInstall()) {
    throw new Error(`Browser tests need Debian's Chromium. Install it with: sudo ${INSTALL_COMMAND}`);
  }
  log(`Installing Debian's Chromium for the browser tests: ${INSTALL_COMMAND}`);
  const args = INSTALL_COMMAND.replace(/^apt-get /, '').split(' ');
  try {
    aptGet(args);
  } catch {
    // A fresh machine may have no package lists yet.
    aptGet(['update']);
    aptGet(args);
  }
  const path = installed();
  if (!path) throw new Error(`Chromium is still missing after: ${INSTALL_COMMAND}`);
  return path;
}

/**
 * Headless, and quiet on a closed network: without these flags Chromium keeps trying to reach
 * Google's services (node.md). Playwright adds --no-sandbox when run as root.
 */
export const CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  '--disable-gpu',
  '--disable-quic',
  // German browser chrome (e.g. the file picker's button), as the city's computers have it.
  '--lang=de-DE',
];
