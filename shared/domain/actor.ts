import { ROLES, type Role } from './roles.ts';

/** Who acts: from the verified token's `sub`, `email` and `cognito:groups` claims. */
export interface Actor {
  sub: string;
  email: string | undefined;
  roles: Role[];
}

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/**
 * Reads `cognito:groups` in every shape it arrives in: a JSON array from a signed token,
 * or the `"[admin finance]"` string API Gateway's JWT authorizer passes to Lambda.
 * Groups that are not roles of this service are ignored.
 */
export function rolesFromGroupsClaim(claim: unknown): Role[] {
  let names: unknown[] = [];
  if (Array.isArray(claim)) names = claim;
  else if (typeof claim === 'string') {
    const trimmed = claim.trim();
    if (trimmed.startsWith('["')) {
      try {
        const parsed: unknown = JSON.parse(trimmed);
        names = Array.isArray(parsed) ? parsed : [];
      } catch {
        names = [];
      }
    } else {
      names = trimmed.replace(/^\[|\]$/g, '').split(/[\s,]+/);
    }
  }
  return [...new Set(names.filter((name): name is string => typeof name === 'string').filter(isRole))];
}

export function actorFromClaims(claims: Record<string, unknown>): Actor | undefined {
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub.length === 0) return undefined;
  const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : undefined;
  return { sub, email, roles: rolesFromGroupsClaim(claims['cognito:groups']) };
}

export function hasAnyRole(actor: Actor, allowed: readonly Role[]): boolean {
  return actor.roles.some((role) => allowed.includes(role));
}
