import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import { type Actor, actorFromClaims } from '../domain/actor.ts';

/** Whose ID tokens the local API accepts: the local OpenID provider's. */
export interface OidcTrust {
  issuer: string;
  /** The web app's client id: an ID token's `aud`. */
  audience: string;
  /** The provider's published signing keys. */
  jwks: JSONWebKeySet;
}

export type TokenVerifier = (token: string) => Promise<Actor | undefined>;

/**
 * Verifies the ID tokens of an OpenID provider against its key set, the way API Gateway's JWT
 * authorizer verifies Cognito's in AWS: signature (RS256), issuer, audience and expiry. The
 * web app sends its ID token because only that one carries `email` (Cognito's access token
 * does not), and the API names the actor by it.
 */
export function oidcTokenVerifier(trust: OidcTrust): TokenVerifier {
  const keys = createLocalJWKSet(trust.jwks);
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: ['RS256'],
        issuer: trust.issuer,
        audience: trust.audience,
      });
      return actorFromClaims(payload);
    } catch {
      return undefined;
    }
  };
}
