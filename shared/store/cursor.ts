import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../domain/errors.ts';

export type StartKey = Record<string, string>;

const badCursor = () =>
  new AppError('validation', 'The cursor is not valid for this list', {
    errors: [{ path: 'cursor', message: 'is not a cursor this list returned' }],
  });

/**
 * Opaque, tamper-evident list cursors: the LastEvaluatedKey plus an HMAC over it and the
 * list it belongs to (`scope`), so an edited cursor or one from another list is a 400,
 * never a DynamoDB error.
 */
export class CursorCodec {
  readonly #secret: string;

  constructor(secret: string) {
    this.#secret = secret;
  }

  encode(key: StartKey | undefined, scope: string): string | null {
    if (!key) return null;
    const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
    return `${payload}.${this.#sign(payload, scope)}`;
  }

  decode(cursor: string | undefined, scope: string): StartKey | undefined {
    if (cursor === undefined) return undefined;
    const [payload, signature, extra] = cursor.split('.');
    if (!payload || !signature || extra !== undefined) throw badCursor();
    const expected = Buffer.from(this.#sign(payload, scope));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw badCursor();
    const key: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!isStartKey(key)) throw badCursor();
    return key;
  }

  #sign(payload: string, scope: string): string {
    return createHmac('sha256', this.#secret).update(`${scope}\n${payload}`).digest('base64url');
  }
}

function isStartKey(value: unknown): value is StartKey {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((part) => typeof part === 'string')
  );
}
