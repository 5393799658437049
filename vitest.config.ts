import { defineConfig } from 'vitest/config';

// The AWS SDK warns about Node 20 on every client; set here so the main process (global setup)
// and the forked workers, which inherit it, are quiet.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const DYNAMODB_LOCAL = 'test/setup/dynamodb-local.global.ts';
const WEB_BUILD = 'test/setup/web-build.global.ts';

export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'api',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**'],
          globalSetup: [WEB_BUILD, DYNAMODB_LOCAL, 'test/setup/s3rver.global.ts'],
        },
      },
      {
        // Real Chromium against a real local service, one file at a time (2 cores), after the
        // others: their timing is what a person feels, so nothing else should run alongside.
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: [WEB_BUILD, 'test/setup/browser.global.ts', DYNAMODB_LOCAL],
          fileParallelism: false,
          testTimeout: 60_000,
          // What a page shows after a request may take longer than a second on a busy shared
          // machine: polls wait as long as Playwright's own actions do (newPerson's 10 s).
          expect: { poll: { timeout: 10_000 } },
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
