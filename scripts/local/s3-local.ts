import { mkdir } from 'node:fs/promises';
import S3rver from 's3rver';

export interface LocalS3 {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * An S3-compatible server in-process (s3rver), files under `directory`, so documents use
 * the same presigned-URL code path as in AWS. It does not verify signatures: refusing a
 * tampered URL is S3's job in AWS and is not claimed locally.
 */
export async function startLocalS3(options: {
  directory: string;
  buckets: string[];
  port?: number;
}): Promise<LocalS3> {
  await mkdir(options.directory, { recursive: true });
  const server = new S3rver({
    port: options.port ?? 0,
    address: '127.0.0.1',
    directory: options.directory,
    silent: true,
    configureBuckets: options.buckets.map((name) => ({ name })),
  });
  const address = await server.run();
  return { endpoint: `http://127.0.0.1:${address.port}`, stop: () => server.close() };
}
