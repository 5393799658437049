import { defineEntity } from './entity.ts';
import type { FeedToken } from './feed-token.repository.ts';

/** A calendar feed token by the SHA-256 of its secret; ofOwner: a user's tokens, newest first. */
export const feedTokenEntity = defineEntity<FeedToken & { hash: string }>()({
  tag: 'feed_token',
  pk: ['FEEDTOKEN', ':hash'],
  sk: ['FEEDTOKEN'],
  indexes: { ofOwner: { index: 'gsi1', pk: ['FEEDTOKENS', ':ownerSub'], sk: [':createdAt', ':id'] } },
});
