import { decodeProtectedHeader } from 'jose';
import { verifyLocalToken } from '../../../shared/auth/local-jwt.ts';
import type { TokenVerifier } from '../../../shared/auth/oidc-token.ts';
import { type Authenticator, bearerToken } from './auth.ts';

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
 */
export function localJwtAuthenticator(secret: string, oidc?: TokenVerifier): Authenticator {
  return async (c) => {
    const token = bearerToken(c);
    if (!token) return undefined;
    const algorithm = algorithmOf(token);
    if (algorithm === 'HS256') return verifyLocalToken(secret, token);
    if (algorithm === 'RS256' && oidc) return oidc(token);
    return undefined;
  };
}
