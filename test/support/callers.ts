import { signLocalToken } from '../../shared/auth/local-jwt.ts';
import type { Role } from '../../shared/domain/roles.ts';
import { TEST_JWT_SECRET, type TestApi } from './test-api.ts';

export const ROLES: Role[] = ['finance', 'coordinator', 'viewer', 'admin'];

/** Everyone who may knock: each role, nobody, and tokens that must not get in. */
export type Caller = Role | 'none' | 'wrong-group' | 'expired' | 'forged' | 'malformed';
export const CALLERS: Caller[] = [...ROLES, 'none', 'wrong-group', 'expired', 'forged', 'malformed'];

/** The `Authorization` header of each caller (none for `none`). */
export async function callerHeaders(api: TestApi): Promise<Record<Caller, Record<string, string>>> {
  const email = 'someone@erfurt.example';
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const roles = {} as Record<Role, Record<string, string>>;
  for (const role of ROLES) roles[role] = bearer(await api.tokenFor(role));
  return {
    ...roles,
    none: {},
    'wrong-group': bearer(await signLocalToken(TEST_JWT_SECRET, { roles: ['auditors'], email })),
    expired: bearer(
      await signLocalToken(TEST_JWT_SECRET, { roles: ['admin'], email, expiresIn: '1 hour ago' }),
    ),
    forged: bearer(
      await signLocalToken('another-secret-that-is-long-enough-0123456789', { roles: ['admin'], email }),
    ),
    malformed: { authorization: 'Basic YWRtaW46YWRtaW4=' },
  };
}
