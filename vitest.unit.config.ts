import { defineConfig } from 'vitest/config';

// The unit tests alone (no DynamoDB Local, no S3 server): what mutation testing runs, over and over.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    // The generated client is checked against the document by npm test; under mutation the
    // document is built from mutated code, so that check says nothing about the domain.
    exclude: ['test/unit/api-client.test.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    pool: 'forks',
  },
});
