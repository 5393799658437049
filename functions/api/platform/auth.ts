import type { Context, MiddlewareHandler } from 'hono';
import { type Actor, actorFromClaims, hasAnyRole } from '../../../shared/domain/actor.ts';
import { AppError } from '../../../shared/domain/errors.ts';
import type { Role } from '../../../shared/domain/roles.ts';
import type { AppEnv } from './app-env.ts';

/** Turns a request into the acting user, or undefined when it carries no valid identity. */
export type Authenticator = (c: Context<AppEnv>) => Promise<Actor | undefined>;

/**
 * On Lambda, API Gateway's JWT authorizer has already verified the Cognito token; its
 * claims arrive in the event, so trusting them costs nothing at cold start.
 */
export const apiGatewayAuthenticator: Authenticator = async (c) => {
  const claims = c.env?.event?.requestContext?.authorizer?.jwt?.claims;
  return claims ? actorFromClaims(claims) : undefined;
};

export function bearerToken(c: Context<AppEnv>): string | undefined {
  const header = c.req.header('authorization');
  const match = header ? /^Bearer\s+([A-Za-z0-9\-_.]+)$/i.exec(header.trim()) : null;
  return match?.[1];
}

export function authenticate(authenticator: Authenticator): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = await authenticator(c);
    if (!actor) throw new AppError('unauthorized', 'A valid bearer token is required');
    c.set('actor', actor);
    c.get('log').appendKeys({ actor: actor.sub });
    await next();
  };
}

/** Route guard: the actor must hold one of the roles. */
export function allow(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!hasAnyRole(c.get('actor'), roles)) {
      throw new AppError('forbidden', `This needs one of the roles: ${roles.join(', ')}`);
    }
    await next();
  };
}

export const ANY_ROLE: Role[] = ['finance', 'coordinator', 'viewer', 'admin'];
