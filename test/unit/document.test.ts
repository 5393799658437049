import { describe, expect, it } from 'vitest';
import {
  checkSniffedType,
  contentDisposition,
  createDocumentSchema,
  isExpired,
  PENDING_LIFETIME_MS,
} from '../../shared/domain/document.ts';
import { errorOf } from '../support/app-error.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('a file name has no path, traversal or control characters', () => {
  const body = (fileName: string) => ({
    fileName,
    contentType: 'application/pdf',
    sizeBytes: 1,
    kind: 'notice',
  });

  it.each(['Bescheid 2023.pdf', 'Verwendungsnachweis_Ä.pdf', '...pdf'])('accepts %s', (fileName) => {
    expect(createDocumentSchema.safeParse(body(fileName)).success).toBe(true);
  });

  it.each(['../secret.pdf', 'a/b.pdf', 'a\\b.pdf', 'zeile\numbruch.pdf', '..', '.'])(
    'refuses %j',
    (fileName) => {
      expect(createDocumentSchema.safeParse(body(fileName)).success).toBe(false);
    },
  );
});

describe('a pending upload not completed within a day is gone', () => {
  const createdAt = '2024-05-01T08:00:00.000Z';
  const at = (ms: number) => new Date(Date.parse(createdAt) + ms);

  it('is still there exactly a day after it began, and gone a millisecond later', () => {
    expect(isExpired({ status: 'pending', createdAt }, at(PENDING_LIFETIME_MS))).toBe(false);
    expect(isExpired({ status: 'pending', createdAt }, at(PENDING_LIFETIME_MS + 1))).toBe(true);
  });

  it('never expires once it is available', () => {
    expect(isExpired({ status: 'available', createdAt }, at(10 * PENDING_LIFETIME_MS))).toBe(false);
  });
});

describe('a download keeps umlauts and makes quotes and separators harmless', () => {
  it('gives an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('Zuwendungsbescheid Übersicht.pdf')).toBe(
      `attachment; filename="Zuwendungsbescheid U_bersicht.pdf"; filename*=UTF-8''Zuwendungsbescheid%20%C3%9Cbersicht.pdf`,
    );
  });

  it('replaces quotes, separators and control characters', () => {
    expect(contentDisposition('a"b/c\\d\u0007e.txt')).toBe(
      `attachment; filename="a_b_c_d_e.txt"; filename*=UTF-8''a_b_c_d_e.txt`,
    );
  });
});

describe('the first bytes must be what the upload declares', () => {
  it('accepts a binary format recognised as exactly the declared type', () => {
    expect(() => checkSniffedType('application/pdf', 'application/pdf', utf8('%PDF-1.7'))).not.toThrow();
  });

  it('refuses a binary format recognised as another type, or not recognised, naming both', () => {
    expect(errorOf(() => checkSniffedType('application/pdf', 'image/png', utf8('x')))).toMatchObject({
      kind: 'unprocessable',
      message: 'The file is not what it claims: declared application/pdf, found image/png',
    });
    expect(errorOf(() => checkSniffedType('application/pdf', undefined, utf8('x'))).message).toBe(
      'The file is not what it claims: declared application/pdf, found an unknown format',
    );
  });

  it('accepts UTF-8 text, also with a multi-byte character cut at the end of the sample', () => {
    const cut = utf8('Straße Ü').subarray(0, -1);
    expect(() => checkSniffedType('text/csv', undefined, cut)).not.toThrow();
    expect(() => checkSniffedType('text/plain', undefined, utf8('Erfurt, 1.234,56 €'))).not.toThrow();
  });

  it('refuses text that is a recognised binary format', () => {
    expect(errorOf(() => checkSniffedType('text/plain', 'application/pdf', utf8('%PDF'))).message).toBe(
      'The file is not what it claims: declared text/plain, found application/pdf',
    );
  });

  it('refuses text with a NUL byte', () => {
    expect(errorOf(() => checkSniffedType('text/csv', undefined, new Uint8Array([65, 0, 66]))).message).toBe(
      'The file is not what it claims: declared text/csv, found binary data',
    );
  });

  it('refuses text that is not UTF-8 before its last three bytes', () => {
    const latin1 = new Uint8Array([0x53, 0x74, 0x72, 0x61, 0xdf, 0x65, 0x20, 0x31, 0x32, 0x33]);
    expect(errorOf(() => checkSniffedType('text/plain', undefined, latin1))).toMatchObject({
      kind: 'unprocessable',
      message: 'The file is not what it claims: declared text/plain, found text that is not UTF-8',
    });
  });

  it('lets an invalid byte pass only within the last three bytes, where a character may be cut', () => {
    const lastThree = new Uint8Array([0x41, 0x42, 0x43, 0xdf, 0x41, 0x41]);
    expect(() => checkSniffedType('text/plain', undefined, lastThree)).not.toThrow();
    const fourthLast = new Uint8Array([0x41, 0x42, 0xdf, 0x41, 0x41, 0x41]);
    expect(errorOf(() => checkSniffedType('text/plain', undefined, fourthLast)).kind).toBe('unprocessable');
  });
});
