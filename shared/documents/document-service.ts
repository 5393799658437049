import { hasAnyRole } from '../domain/actor.ts';
import {
  type CreateDocument,
  checkSniffedType,
  contentDisposition,
  type Document,
  isExpired,
  OWN_DELETE_WINDOW_MS,
  PENDING_LIFETIME_MS,
} from '../domain/document.ts';
import { AppError, invalid } from '../domain/errors.ts';
import type { DocumentRepository, DocumentTarget } from '../store/document.repository.ts';
import type { WriteContext } from '../store/records.ts';
import type { ObjectStorage } from './object-storage.ts';

export interface DocumentSettings {
  maxBytes: number;
  uploadUrlSeconds: number;
  downloadUrlSeconds: number;
}

/** Uploads land under `uploads/` (expired by a bucket lifecycle rule) and move to `documents/` once verified. */
const uploadKey = (id: string) => `uploads/${id}`;
const documentKey = (id: string) => `documents/${id}`;
const SNIFF_BYTES = 4100;

/**
 * Documents beside their records. The bytes go straight to storage through short-lived
 * presigned URLs (API Gateway caps bodies at 10 MB); the API only announces, verifies and
 * hands out links.
 */
export function documentService(
  repository: DocumentRepository,
  storage: ObjectStorage,
  settings: DocumentSettings,
) {
  async function current(target: DocumentTarget, id: string, now: Date): Promise<Document> {
    const document = await repository.get(target, id);
    if (isExpired(document, now))
      throw new AppError('not_found', `Document ${id} expired before its upload was completed`);
    return document;
  }

  async function reject(document: Document, error: AppError): Promise<never> {
    await storage.remove(uploadKey(document.id));
    throw error;
  }

  return {
    async announce(target: DocumentTarget, input: CreateDocument, context: WriteContext) {
      if (input.sizeBytes > settings.maxBytes) invalidSize(settings.maxBytes);
      await repository.assertRecordExists(target);
      const document: Document = {
        id: context.newId(),
        record: { type: target.type, path: target.path },
        fileName: input.fileName,
        contentType: input.contentType,
        sizeBytes: input.sizeBytes,
        sha256: input.sha256 ?? null,
        kind: input.kind,
        status: 'pending',
        uploadedBy: { sub: context.actor.sub, email: context.actor.email },
        createdAt: context.now.toISOString(),
        completedAt: null,
        version: 1,
      };
      const expiresAt = Math.ceil((context.now.getTime() + PENDING_LIFETIME_MS) / 1000);
      await repository.create(target, document, expiresAt, context);
      const url = await storage.presignUpload(
        uploadKey(document.id),
        input.contentType,
        input.sizeBytes,
        settings.uploadUrlSeconds,
      );
      return {
        document,
        upload: {
          method: 'PUT' as const,
          url,
          headers: { 'content-type': input.contentType },
          expiresAt: new Date(context.now.getTime() + settings.uploadUrlSeconds * 1000).toISOString(),
        },
      };
    },

    /** Verifies what was uploaded (exists, size, sniffed type, sha256) before the document becomes available. */
    async complete(target: DocumentTarget, id: string, context: WriteContext): Promise<Document> {
      const document = await current(target, id, context.now);
      if (document.status === 'available') return document;
      const stored = await storage.head(uploadKey(id));
      if (!stored)
        throw new AppError('conflict', 'Nothing was uploaded yet: PUT the file to the upload URL first');
      if (stored.sizeBytes !== document.sizeBytes) {
        return reject(
          document,
          new AppError(
            'unprocessable',
            `Uploaded ${stored.sizeBytes} bytes, announced ${document.sizeBytes}`,
          ),
        );
      }
      const head = await storage.readStart(uploadKey(id), SNIFF_BYTES);
      const { fileTypeFromBuffer } = await import('file-type');
      const sniffed = await fileTypeFromBuffer(head);
      try {
        checkSniffedType(document.contentType, sniffed?.mime, head);
      } catch (error) {
        return reject(document, error as AppError);
      }
      if (document.sha256 && (await storage.sha256(uploadKey(id))) !== document.sha256) {
        return reject(
          document,
          new AppError('unprocessable', 'The uploaded bytes do not match the announced sha256'),
        );
      }
      await storage.move(uploadKey(id), documentKey(id));
      return repository.complete(target, document, context);
    },

    async download(target: DocumentTarget, id: string, now: Date) {
      const document = await current(target, id, now);
      if (document.status !== 'available')
        throw new AppError('conflict', 'The upload of this document is not complete');
      const url = await storage.presignDownload(
        documentKey(id),
        contentDisposition(document.fileName),
        document.contentType,
        settings.downloadUrlSeconds,
      );
      return { url, expiresAt: new Date(now.getTime() + settings.downloadUrlSeconds * 1000).toISOString() };
    },

    /** Admins may delete any document; the uploader their own within a day. */
    async remove(target: DocumentTarget, id: string, context: WriteContext): Promise<void> {
      const document = await repository.get(target, id);
      const own = document.uploadedBy.sub === context.actor.sub;
      const fresh = context.now.getTime() - Date.parse(document.createdAt) <= OWN_DELETE_WINDOW_MS;
      if (!hasAnyRole(context.actor, ['admin']) && !(own && fresh)) {
        throw new AppError(
          'forbidden',
          'Only an admin, or the uploader within 24 hours, may delete a document',
        );
      }
      await repository.remove(target, document, context);
      await storage.remove(document.status === 'available' ? documentKey(id) : uploadKey(id));
    },

    list: (target: DocumentTarget, now: Date) =>
      repository.list(target).then((documents) => documents.filter((document) => !isExpired(document, now))),
    get: (target: DocumentTarget, id: string, now: Date) => current(target, id, now),
  };
}
export type DocumentService = ReturnType<typeof documentService>;

function invalidSize(maxBytes: number): never {
  throw invalid('sizeBytes', `must not exceed ${maxBytes} bytes`);
}
