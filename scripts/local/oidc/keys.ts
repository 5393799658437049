import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { ulid } from 'ulid';
import { readOrCreateSecretFile } from '../secrets.ts';

export interface ProviderKeys {
  /** The private RS256 key that signs ID and access tokens (RS256: what Cognito uses too). */
  signingKey: JWK;
  /** Keys that sign the provider's session cookies. */
  cookieKeys: string[];
}

/**
 * The local provider's keys, generated on first start into `DATA_DIR/oidc-keys.json` (mode
 * 0600, git-ignored with the rest of the data folder). Reused later, so that a browser's
 * tokens stay valid across a restart of `npm start`.
 */
export function ensureProviderKeys(dataDir: string): Promise<ProviderKeys> {
  return readOrCreateSecretFile(join(dataDir, 'oidc-keys.json'), async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    return {
      signingKey: { ...(await exportJWK(privateKey)), kid: ulid(), alg: 'RS256', use: 'sig' },
      cookieKeys: [randomBytes(32).toString('base64url')],
    };
  });
}

/** The public half of a signing key: what the JWKS endpoint publishes and the API verifies with. */
export function publicJwk(key: JWK): JWK {
  const { kty, n, e, kid, alg, use } = key;
  return { kty, n, e, kid, alg, use } as JWK;
}
