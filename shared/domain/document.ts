import * as z from '../zod.ts';
import { AppError } from './errors.ts';

export const DOCUMENT_KINDS = [
  'notice',
  'statement_of_use',
  'receipt_list',
  'minutes',
  'report',
  'other',
] as const;

/** What may be attached: PDF, images, ODF and OOXML documents and spreadsheets, plain text, CSV. */
export const ALLOWED_CONTENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/plain',
  'text/csv',
] as const;
export type AllowedContentType = (typeof ALLOWED_CONTENT_TYPES)[number];

const TEXT_TYPES: readonly string[] = ['text/plain', 'text/csv'];

/** Path separators, traversal and control characters have no place in a file name. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const UNSAFE_FILE_NAME = /[/\\\u0000-\u001f\u007f]|^\.{1,2}$/;

export const fileNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200)
  .refine((name) => !UNSAFE_FILE_NAME.test(name), 'must not contain path or control characters');

export const createDocumentSchema = z.strictObject({
  fileName: fileNameSchema,
  contentType: z.enum(
    ALLOWED_CONTENT_TYPES,
    'is not an allowed type (PDF, PNG, JPEG, ODF, OOXML, text, CSV)',
  ),
  // The service's own limit (DOCUMENT_MAX_BYTES) is checked on announcing; this is its ceiling.
  sizeBytes: z.number().int().min(1, 'must be at least 1 byte').max(5_000_000_000, 'must not exceed 5 GB'),
  sha256: z
    .string()
    .regex(/^[a-f0-9]{64}$/, 'must be a lower-case hex SHA-256')
    .optional(),
  kind: z.enum(DOCUMENT_KINDS),
});
export type CreateDocument = z.infer<typeof createDocumentSchema>;

export const documentSchema = z
  .object({
    id: z.string(),
    record: z.object({ type: z.string(), path: z.string() }),
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number(),
    sha256: z.string().nullable(),
    kind: z.enum(DOCUMENT_KINDS),
    status: z.enum(['pending', 'available']),
    uploadedBy: z.object({ sub: z.string(), email: z.string().optional() }),
    createdAt: z.string(),
    completedAt: z.string().nullable(),
    version: z.number(),
  })
  .meta({ id: 'Document' });
export type Document = z.infer<typeof documentSchema>;

/** A pending document that was not completed within a day is gone. */
export const PENDING_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** The uploader may delete their own document within a day; after that only an admin. */
export const OWN_DELETE_WINDOW_MS = 24 * 60 * 60 * 1000;

export const isExpired = (document: Pick<Document, 'status' | 'createdAt'>, now: Date) =>
  document.status === 'pending' && now.getTime() - Date.parse(document.createdAt) > PENDING_LIFETIME_MS;

/**
 * `Content-Disposition` for a download: umlauts kept (RFC 6266 `filename*`), an ASCII
 * fallback for old clients, quotes and separators made harmless.
 */
export function contentDisposition(fileName: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are replaced on purpose
  const clean = fileName.replace(/[/\\\u0000-\u001f\u007f"]/g, '_');
  const ascii = clean.normalize('NFKD').replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(clean)}`;
}

/**
 * Checks the first bytes against the declared type. Binary formats must be recognised as
 * exactly that type by their magic numbers; text must have no recognisable binary format,
 * be valid UTF-8 and contain no NUL bytes.
 */
export function checkSniffedType(declared: string, sniffedMime: string | undefined, head: Uint8Array): void {
  const mismatch = (found: string) =>
    new AppError('unprocessable', `The file is not what it claims: declared ${declared}, found ${found}`);
  if (TEXT_TYPES.includes(declared)) {
    if (sniffedMime) throw mismatch(sniffedMime);
    if (head.includes(0)) throw mismatch('binary data');
    try {
      // A multi-byte character may be cut at the end of the sample; decode the rest strictly.
      new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 3)));
    } catch {
      throw mismatch('text that is not UTF-8');
    }
    return;
  }
  if (sniffedMime !== declared) throw mismatch(sniffedMime ?? 'an unknown format');
}
