import { describe, expect, it } from 'vitest';
import { actorFromClaims, hasAnyRole, rolesFromGroupsClaim } from '../../shared/domain/actor.ts';

describe('roles from the cognito:groups claim', () => {
  it('reads a JSON array from a signed token', () => {
    expect(rolesFromGroupsClaim(['finance', 'admin'])).toEqual(['finance', 'admin']);
  });

  it('reads the "[a b]" string API Gateway passes to Lambda', () => {
    expect(rolesFromGroupsClaim('[finance admin]')).toEqual(['finance', 'admin']);
  });

  it('reads a JSON-encoded array string', () => {
    expect(rolesFromGroupsClaim('["viewer","coordinator"]')).toEqual(['viewer', 'coordinator']);
  });

  it('ignores groups that are not roles of this service', () => {
    expect(rolesFromGroupsClaim('[auditors admin]')).toEqual(['admin']);
    expect(rolesFromGroupsClaim(['superuser'])).toEqual([]);
  });

  it('gives no roles for a missing or malformed claim', () => {
    expect(rolesFromGroupsClaim(undefined)).toEqual([]);
    expect(rolesFromGroupsClaim(42)).toEqual([]);
    expect(rolesFromGroupsClaim('["broken')).toEqual([]);
  });
});

describe('actor from claims', () => {
  it('takes sub, the lower-cased e-mail and the roles', () => {
    expect(actorFromClaims({ sub: 'u1', email: 'A@Erfurt.de', 'cognito:groups': ['viewer'] })).toEqual({
      sub: 'u1',
      email: 'a@erfurt.de',
      roles: ['viewer'],
    });
  });

  it('refuses claims without a subject', () => {
    expect(actorFromClaims({ email: 'a@erfurt.de' })).toBeUndefined();
  });
});

describe('roles and actors, exactly', () => {
  it('reads a claim with blanks around it', () => {
    expect(rolesFromGroupsClaim('  [finance admin]  ')).toEqual(['finance', 'admin']);
  });

  it('grants no role for a group that only has a role’s name inside brackets', () => {
    expect(rolesFromGroupsClaim('[[admin viewer]')).toEqual(['viewer']);
    expect(rolesFromGroupsClaim('[viewer admin]]')).toEqual(['viewer']);
  });

  it('names each role once', () => {
    expect(rolesFromGroupsClaim(['admin', 'admin', 'viewer'])).toEqual(['admin', 'viewer']);
  });

  it('refuses an empty subject', () => {
    expect(actorFromClaims({ sub: '', email: 'a@erfurt.de' })).toBeUndefined();
  });

  it('has no e-mail when the token carries none', () => {
    expect(actorFromClaims({ sub: 'u1', 'cognito:groups': '[viewer]' })).toEqual({
      sub: 'u1',
      email: undefined,
      roles: ['viewer'],
    });
  });

  it('lets an actor act when any of its roles is allowed, and only then', () => {
    const actor = { sub: 'u1', email: undefined };
    expect(hasAnyRole({ ...actor, roles: ['viewer', 'finance'] }, ['finance', 'admin'])).toBe(true);
    expect(hasAnyRole({ ...actor, roles: ['viewer'] }, ['finance', 'admin'])).toBe(false);
  });
});
