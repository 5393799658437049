import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { LocalSettings } from '../../scripts/local/settings.ts';
import { launchBrowser } from './browser.ts';
import { type KimsWorld, recordKimsWorld } from './coordinator-world.ts';
import { startWebService, type WebService } from './web-service.ts';

export interface BrowserSuite {
  web: WebService;
  world: KimsWorld;
  browser: Browser;
}

/**
 * What a browser test file (or describe block) starts with: its own local service holding
 * Kim's world, and Chromium. Filled in by `beforeAll`, stopped by `afterAll`.
 */
export function browserSuite(overrides: Partial<LocalSettings> = {}): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    suite.web = await startWebService(overrides);
    suite.world = await recordKimsWorld(suite.web);
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.web?.stop();
  });
  return suite;
}
