import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalS3 } from '../../scripts/local/s3-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    s3Endpoint: string;
  }
}

export const TEST_BUCKET = 'test-documents';

/** One S3-compatible server per test run, for the documents' presigned-URL round trips. */
export default async function setup(project: TestProject) {
  const directory = await mkdtemp(join(tmpdir(), 'foerdertracker-s3-'));
  const s3 = await startLocalS3({ directory, buckets: [TEST_BUCKET] });
  project.provide('s3Endpoint', s3.endpoint);
  return async () => {
    await s3.stop();
    await rm(directory, { recursive: true, force: true });
  };
}
