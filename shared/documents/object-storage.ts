import { createHash } from 'node:crypto';

export interface StoredObject {
  sizeBytes: number;
}

/** The document bytes' home: S3 in AWS, an S3-compatible server locally, one code path. */
export interface ObjectStorage {
  presignUpload(
    key: string,
    contentType: string,
    sizeBytes: number,
    expiresInSeconds: number,
  ): Promise<string>;
  presignDownload(
    key: string,
    contentDisposition: string,
    contentType: string,
    expiresInSeconds: number,
  ): Promise<string>;
  head(key: string): Promise<StoredObject | undefined>;
  readStart(key: string, bytes: number): Promise<Uint8Array>;
  sha256(key: string): Promise<string>;
  move(from: string, to: string): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface S3Settings {
  bucket: string;
  /** Set for an S3-compatible server (path-style); unset in AWS. */
  endpoint?: string | undefined;
  region?: string | undefined;
}

/**
 * The S3 client and presigner load on the first document request: most requests never
 * touch documents, so no cold start should pay for them.
 */
export function s3ObjectStorage(settings: S3Settings): ObjectStorage {
  const local = settings.endpoint !== undefined;
  const Bucket = settings.bucket;
  let loaded:
    | Promise<{
        s3: import('@aws-sdk/client-s3').S3Client;
        sdk: typeof import('@aws-sdk/client-s3');
        sign: typeof import('@aws-sdk/s3-request-presigner').getSignedUrl;
      }>
    | undefined;
  const client = () => {
    loaded ??= Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/s3-request-presigner')]).then(
      ([sdk, presigner]) => ({
        sdk,
        sign: presigner.getSignedUrl,
        s3: new sdk.S3Client({
          region: settings.region ?? process.env.AWS_REGION ?? 'eu-central-1',
          ...(local
            ? {
                endpoint: settings.endpoint,
                forcePathStyle: true,
                credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
              }
            : {}),
        }),
      }),
    );
    return loaded;
  };
  return {
    // ContentLength is signed, so S3 refuses a body of any other size.
    async presignUpload(key, contentType, sizeBytes, expiresIn) {
      const { s3, sdk, sign } = await client();
      return sign(
        s3,
        new sdk.PutObjectCommand({ Bucket, Key: key, ContentType: contentType, ContentLength: sizeBytes }),
        {
          expiresIn,
        },
      );
    },
    async presignDownload(key, disposition, contentType, expiresIn) {
      const { s3, sdk, sign } = await client();
      return sign(
        s3,
        new sdk.GetObjectCommand({
          Bucket,
          Key: key,
          ResponseContentDisposition: disposition,
          ResponseContentType: contentType,
        }),
        { expiresIn },
      );
    },
    async head(key) {
      const { s3, sdk } = await client();
      try {
        const head = await s3.send(new sdk.HeadObjectCommand({ Bucket, Key: key }));
        return { sizeBytes: head.ContentLength ?? 0 };
      } catch (error) {
        const name = (error as { name?: string }).name;
        if (name === 'NotFound' || name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
    async readStart(key, bytes) {
      const { s3, sdk } = await client();
      const object = await s3.send(
        new sdk.GetObjectCommand({ Bucket, Key: key, Range: `bytes=0-${bytes - 1}` }),
      );
      return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
    },
    async sha256(key) {
      const { s3, sdk } = await client();
      const object = await s3.send(new sdk.GetObjectCommand({ Bucket, Key: key }));
      const hash = createHash('sha256');
      for await (const chunk of object.Body as AsyncIterable<Uint8Array>) hash.update(chunk);
      return hash.digest('hex');
    },
    async move(from, to) {
      const { s3, sdk } = await client();
      await s3.send(
        new sdk.CopyObjectCommand({ Bucket, Key: to, CopySource: `${Bucket}/${encodeURI(from)}` }),
      );
      await s3.send(new sdk.DeleteObjectCommand({ Bucket, Key: from }));
    },
    async remove(key) {
      const { s3, sdk } = await client();
      await s3.send(new sdk.DeleteObjectCommand({ Bucket, Key: key }));
    },
  };
}
