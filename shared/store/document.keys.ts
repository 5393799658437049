import type { Document } from '../domain/document.ts';
import { defineEntity } from './entity.ts';

/**
 * Documents live in their record's partition, so the attachment and the record's history share
 * a transaction; `reference` tells apart records that share a partition (a notice version within
 * its application).
 */
export const documentEntity = defineEntity<Document>()({
  tag: 'document',
  pk: [':partition'],
  sk: ['DOC', ':reference', ':id'],
});
