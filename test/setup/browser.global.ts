import type { TestProject } from 'vitest/node';
import { ensureChromium } from '../support/chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumPath: string;
  }
}

/** Before the first browser test: Debian's Chromium, installed when missing and this process can. */
export default function setup(project: TestProject): void {
  project.provide(
    'chromiumPath',
    ensureChromium((message) => console.log(`[browser tests] ${message}`)),
  );
}
