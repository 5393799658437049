import { createHash } from 'node:crypto';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

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

export function s3ObjectStorage(settings: S3Settings): ObjectStorage {
  const local = settings.endpoint !== undefined;
  const s3 = new S3Client({
    region: settings.region ?? process.env.AWS_REGION ?? 'eu-central-1',
    ...(local
      ? {
          endpoint: settings.endpoint,
          forcePathStyle: true,
          credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        }
      : {}),
  });
  const Bucket = settings.bucket;
  return {
    // ContentLength is signed, so S3 refuses a body of any other size.
    presignUpload: (key, contentType, sizeBytes, expiresIn) =>
      getSignedUrl(
        s3,
        new PutObjectCommand({ Bucket, Key: key, ContentType: contentType, ContentLength: sizeBytes }),
        {
          expiresIn,
        },
      ),
    presignDownload: (key, disposition, contentType, expiresIn) =>
      getSignedUrl(
        s3,
        new GetObjectCommand({
          Bucket,
          Key: key,
          ResponseContentDisposition: disposition,
          ResponseContentType: contentType,
        }),
        { expiresIn },
      ),
    async head(key) {
      try {
        const head = await s3.send(new HeadObjectCommand({ Bucket, Key: key }));
        return { sizeBytes: head.ContentLength ?? 0 };
      } catch (error) {
        const name = (error as { name?: string }).name;
        if (name === 'NotFound' || name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
    async readStart(key, bytes) {
      const object = await s3.send(new GetObjectCommand({ Bucket, Key: key, Range: `bytes=0-${bytes - 1}` }));
      return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
    },
    async sha256(key) {
      const object = await s3.send(new GetObjectCommand({ Bucket, Key: key }));
      const hash = createHash('sha256');
      for await (const chunk of object.Body as AsyncIterable<Uint8Array>) hash.update(chunk);
      return hash.digest('hex');
    },
    async move(from, to) {
      await s3.send(new CopyObjectCommand({ Bucket, Key: to, CopySource: `${Bucket}/${encodeURI(from)}` }));
      await s3.send(new DeleteObjectCommand({ Bucket, Key: from }));
    },
    async remove(key) {
      await s3.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
  };
}
