import { decodeJwt, decodeProtectedHeader } from 'jose';
import { verifyLocalToken } from '../../../shared/auth/local-jwt.ts';
import type { TokenVerifier } from '../../../shared/auth/oidc-token.ts';
import type { Actor } from '../../../shared/domain/actor.ts';
import { type Authenticator, bearerToken } from './auth.ts';

/** Valid tokens remembered at once; a client rarely holds more than a few. */
const REMEMBERED_TOKENS = 1_000;

function algorithmOf(token: string): string | undefined {
  try {
    return decodeProtectedHeader(token).alg;
  } catch {
    return undefined;
  }
}

/**
 * Local stand-in for API Gateway's JWT authorizer; never bundled for Lambda. It accepts the
 * HS256 tokens of `npm run token` (same claims as Cognito's) and, when given a verifier, the
 * local OpenID provider's RS256 ID tokens that the web app sends. Each token is checked only by
 * the verifier for its algorithm, so neither kind can pass as the other.
 *
 * A token found valid stays valid until it expires, so it is verified once and remembered until
 * then (as API Gateway caches an authorizer's answer): verifying on every request went through
 * WebCrypto's thread pool, and that await made the slowest 1 % of warm requests 5–10× slower.
 * Invalid tokens are verified every time; none is remembered.
 */
export function localJwtAuthenticator(secret: string, oidc?: TokenVerifier): Authenticator {
  const valid = new Map<string, { actor: Actor; expiresAt: number }>();
  const verify = async (token: string): Promise<Actor | undefined> => {
    const algorithm = algorithmOf(token);
    if (algorithm === 'HS256') return verifyLocalToken(secret, token);
    if (algorithm === 'RS256' && oidc) return oidc(token);
    return undefined;
  };
  return async (c) => {
    const token = bearerToken(c);
    if (!token) return undefined;
    const known = valid.get(token);
    if (known && Date.now() < known.expiresAt) return known.actor;
    valid.delete(token);
    const actor = await verify(token);
    const { exp } = actor ? decodeJwt(token) : {};
    if (actor && exp !== undefined) {
      if (valid.size >= REMEMBERED_TOKENS) valid.delete(valid.keys().next().value as string);
      valid.set(token, { actor: Object.freeze(actor), expiresAt: exp * 1000 });
    }
    return actor;
  };
}
