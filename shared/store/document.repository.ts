import type { Document } from '../domain/document.ts';
import { AppError, notFound } from '../domain/errors.ts';
import { mustNotExist, versionIs } from './conditions.ts';
import { documentEntity } from './document.keys.ts';
import { historyWrite, staleVersion, type WriteContext } from './records.ts';
import { type Key, type Table, withoutKeys } from './table.ts';

/** A record documents can be attached to: its item (to prove it exists) and how documents are keyed under it. */
export interface DocumentTarget {
  type: string;
  /** The record's own item. */
  key: Key;
  /** Distinguishes records that share a partition (e.g. a notice version within its application). */
  reference: string;
  path: string;
}

export const MAX_DOCUMENTS_PER_RECORD = 100;

const documentKey = (target: DocumentTarget, id: string) =>
  documentEntity.key({ partition: target.key.pk, reference: target.reference, id });
const documentItem = (target: DocumentTarget, document: Document) =>
  documentEntity.item(document, { partition: target.key.pk, reference: target.reference });

/** Documents live in their record's partition, so the attachment and the record's history share a transaction. */
export class DocumentRepository {
  constructor(private readonly table: Table) {}

  async assertRecordExists(target: DocumentTarget): Promise<void> {
    if (!(await this.table.get(target.key))) throw notFound(target.type, target.path);
  }

  async list(target: DocumentTarget): Promise<Document[]> {
    await this.assertRecordExists(target);
    const items = await this.table.queryAll(
      documentEntity.partitionQuery({ partition: target.key.pk }, { reference: target.reference }),
    );
    return items.map((item) => withoutKeys<Document>(item));
  }

  async get(target: DocumentTarget, id: string): Promise<Document> {
    const item = await this.table.get(documentKey(target, id));
    if (!item) throw notFound('Document', id);
    return withoutKeys<Document>(item);
  }

  async create(target: DocumentTarget, document: Document, expiresAtSeconds: number, context: WriteContext) {
    const existing = await this.list(target);
    if (existing.length >= MAX_DOCUMENTS_PER_RECORD) {
      throw new AppError('conflict', `A record holds at most ${MAX_DOCUMENTS_PER_RECORD} documents`);
    }
    await this.table.transact([
      {
        put: { ...documentItem(target, document), expiresAt: expiresAtSeconds },
        condition: mustNotExist,
      },
      historyWrite(target.key.pk, context, {
        action: 'document_announced',
        note: `${document.fileName} (${document.kind}) on ${target.path}`,
      }),
    ]);
  }

  /** Marks an upload complete; dropping the TTL keeps the document for good. */
  async complete(target: DocumentTarget, document: Document, context: WriteContext): Promise<Document> {
    const next: Document = {
      ...document,
      status: 'available',
      completedAt: context.now.toISOString(),
      version: document.version + 1,
    };
    await this.table.transact([
      {
        put: documentItem(target, next),
        condition: versionIs(document.version),
        onConditionFailed: () => staleVersion('document'),
      },
      historyWrite(target.key.pk, context, {
        action: 'document_attached',
        note: `${document.fileName} on ${target.path}`,
      }),
    ]);
    return next;
  }

  async remove(target: DocumentTarget, document: Document, context: WriteContext): Promise<void> {
    await this.table.transact([
      {
        remove: documentKey(target, document.id),
        condition: versionIs(document.version),
        onConditionFailed: () => staleVersion('document'),
      },
      historyWrite(target.key.pk, context, {
        action: 'document_deleted',
        note: `${document.fileName} on ${target.path}`,
      }),
    ]);
  }
}
