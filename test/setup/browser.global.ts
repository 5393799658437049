import type { TestProject } from 'vitest/node';
import { ensureWebBuilt } from '../../scripts/local/web-build.ts';
import { ensureChromium } from '../support/chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumPath: string;
  }
}

/** Before the first browser test: Debian's Chromium (installed if it can be) and a fresh web/dist. */
export default async function setup(project: TestProject): Promise<void> {
  const log = (message: string) => console.log(`[browser tests] ${message}`);
  project.provide('chromiumPath', ensureChromium(log));
  await ensureWebBuilt(log);
}
