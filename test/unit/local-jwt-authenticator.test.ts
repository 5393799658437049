import type { Context } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppEnv } from '../../functions/api/platform/app-env.ts';
import { localJwtAuthenticator } from '../../functions/api/platform/local-jwt-authenticator.ts';
import { signLocalToken } from '../../shared/auth/local-jwt.ts';

const SECRET = 'unit-jwt-secret-that-is-long-enough-0123456789';
const withToken = (token: string) =>
  ({ req: { header: () => `Bearer ${token}` } }) as unknown as Context<AppEnv>;

afterEach(() => {
  vi.useRealTimers();
});

describe('the local JWT authenticator', () => {
  it('answers a valid token with its actor, the same each time, until the token expires; then refuses it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-01T08:00:00Z'));
    const authenticate = localJwtAuthenticator(SECRET);
    const token = await signLocalToken(SECRET, {
      roles: ['viewer'],
      email: 'v@erfurt.example',
      expiresIn: '60s',
    });

    const first = await authenticate(withToken(token));
    const again = await authenticate(withToken(token));
    vi.setSystemTime(new Date('2026-06-01T08:01:00Z'));
    const expired = await authenticate(withToken(token));

    expect(first).toMatchObject({ roles: ['viewer'], email: 'v@erfurt.example' });
    expect(again).toEqual(first);
    expect(expired).toBeUndefined();
  });

  it('refuses a token signed with another secret however often it is sent', async () => {
    const authenticate = localJwtAuthenticator(SECRET);
    const forged = await signLocalToken(`${SECRET}-other`, { roles: ['admin'], email: 'a@erfurt.example' });

    const answers = [await authenticate(withToken(forged)), await authenticate(withToken(forged))];

    expect(answers).toEqual([undefined, undefined]);
  });
});
