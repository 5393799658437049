import { mkdir } from 'node:fs/promises';
import S3rver from 's3rver';

export interface LocalS3 {
  endpoint: string;
  stop(): Promise<void>;
}

/** The browser PUTs a file to a presigned URL and reads nothing back but the status. */
function corsConfiguration(origins: string[]): string {
  const allowed = origins.map((origin) => `<AllowedOrigin>${origin}</AllowedOrigin>`).join('');
  return `<CORSConfiguration><CORSRule>${allowed}<AllowedMethod>PUT</AllowedMethod><AllowedHeader>content-type</AllowedHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;
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
  /** Web pages allowed to upload with presigned URLs (CORS), like the documents bucket in AWS. */
  allowedOrigins?: string[];
}): Promise<LocalS3> {
  await mkdir(options.directory, { recursive: true });
  const server = new S3rver({
    port: options.port ?? 0,
    address: '127.0.0.1',
    directory: options.directory,
    silent: true,
    configureBuckets: options.buckets.map((name) => ({
      name,
      configs: options.allowedOrigins?.length ? [corsConfiguration(options.allowedOrigins)] : [],
    })),
  });
  const address = await server.run();
  return { endpoint: `http://127.0.0.1:${address.port}`, stop: () => server.close() };
}
