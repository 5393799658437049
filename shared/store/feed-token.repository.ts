import { createHash, randomBytes } from 'node:crypto';
import { AppError, notFound } from '../domain/errors.ts';
import * as z from '../zod.ts';
import { mustNotExist } from './conditions.ts';
import type { CursorCodec } from './cursor.ts';
import { feedTokenEntity } from './feed-token.keys.ts';
import { type Page, type PageRequest, queryPage, type WriteContext } from './records.ts';
import { type Item, type Table, withoutKeys } from './table.ts';

/** A calendar feed token as its owner sees it; the secret itself is never stored. */
export const feedTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    ownerSub: z.string(),
    ownerEmail: z.string().nullable(),
  })
  .meta({ id: 'CalendarToken' });
export type FeedToken = z.infer<typeof feedTokenSchema>;

/** A person rarely needs more than a feed per device; the cap keeps a leaked login from minting thousands. */
export const MAX_TOKENS_PER_USER = 20;

/** 32 random bytes, base64url: 43 characters. */
export const FEED_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('base64url');

const toFeedToken = (item: Item): FeedToken => {
  const { hash: _hash, ...token } = withoutKeys<FeedToken & { hash: string }>(item);
  return token;
};

/**
 * Calendar clients cannot send a bearer token, so a feed URL carries its own secret:
 * 32 random bytes, shown once. Only its SHA-256 is stored (`FEEDTOKEN#<hash>` · `FEEDTOKEN`),
 * so the table, a backup or the log of this repository cannot give a working URL back.
 * A feed request is one GetItem by that hash: no comparison whose timing could leak.
 * Each user lists and revokes their own tokens through gsi1 `FEEDTOKENS#<sub>` · `<createdAt>#<id>`.
 */
export class FeedTokenRepository {
  constructor(
    private readonly table: Table,
    private readonly cursors: CursorCodec,
  ) {}

  async create(name: string, context: WriteContext): Promise<{ token: string; record: FeedToken }> {
    const existing = await this.#itemsOf(context.actor.sub);
    if (existing.length >= MAX_TOKENS_PER_USER) {
      throw new AppError(
        'conflict',
        `You have ${existing.length} calendar tokens already; revoke one before creating another`,
      );
    }
    const token = randomBytes(32).toString('base64url');
    const hash = hashOf(token);
    const record: FeedToken = {
      id: context.newId(),
      name,
      createdAt: context.now.toISOString(),
      ownerSub: context.actor.sub,
      ownerEmail: context.actor.email ?? null,
    };
    await this.table.transact([
      {
        put: feedTokenEntity.item({ ...record, hash }),
        condition: mustNotExist,
      },
    ]);
    return { token, record };
  }

  /** The token's record, or undefined for an unknown or revoked token. */
  async findByToken(token: string): Promise<FeedToken | undefined> {
    if (!FEED_TOKEN_PATTERN.test(token)) return undefined;
    const item = await this.table.get(feedTokenEntity.key({ hash: hashOf(token) }));
    return item ? toFeedToken(item) : undefined;
  }

  listFor(sub: string, page: PageRequest): Promise<Page<FeedToken>> {
    return queryPage(
      this.table,
      this.cursors,
      feedTokenEntity.query('ofOwner', { ownerSub: sub }, { newestFirst: true }),
      page,
      toFeedToken,
    );
  }

  /** One of the user's own tokens; another user's is as good as missing. */
  async findFor(sub: string, id: string): Promise<FeedToken | undefined> {
    const item = (await this.#itemsOf(sub)).find((candidate) => candidate.id === id);
    return item ? toFeedToken(item) : undefined;
  }

  /** Revokes one of the user's own tokens; the URL stops working at once. */
  async revoke(sub: string, id: string): Promise<void> {
    const item = (await this.#itemsOf(sub)).find((candidate) => candidate.id === id);
    if (!item) throw notFound('Calendar token', id);
    await this.table.transact([{ remove: feedTokenEntity.key({ hash: String(item.hash) }) }]);
  }

  #itemsOf(sub: string): Promise<Item[]> {
    return this.table.queryAll(feedTokenEntity.query('ofOwner', { ownerSub: sub }));
  }
}
