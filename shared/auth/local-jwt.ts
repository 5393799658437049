import { jwtVerify, SignJWT } from 'jose';
import { type Actor, actorFromClaims } from '../domain/actor.ts';
import type { Role } from '../domain/roles.ts';

/**
 * Local stand-in for Cognito: HS256 tokens with the same claims shape (`sub`, `email`,
 * `cognito:groups`), signed with a secret generated into the data folder.
 */
const ISSUER = 'foerdertracker-local';
const AUDIENCE = 'foerdertracker-api';

export interface LocalTokenRequest {
  roles: Role[] | string[];
  email: string;
  sub?: string;
  expiresIn?: string;
}

export async function signLocalToken(secret: string, request: LocalTokenRequest): Promise<string> {
  return new SignJWT({ email: request.email, 'cognito:groups': request.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub ?? `local-${request.email}`)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '12h')
    .sign(new TextEncoder().encode(secret));
}

/** Returns the actor of a valid token, or undefined for any token that is not. */
export async function verifyLocalToken(secret: string, token: string): Promise<Actor | undefined> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    return actorFromClaims(payload);
  } catch {
    return undefined;
  }
}
