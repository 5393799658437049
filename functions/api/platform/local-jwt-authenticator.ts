import { verifyLocalToken } from '../../../shared/auth/local-jwt.ts';
import { type Authenticator, bearerToken } from './auth.ts';

/** Local stand-in for API Gateway's JWT authorizer (HS256, same claims); never bundled for Lambda. */
export function localJwtAuthenticator(secret: string): Authenticator {
  return async (c) => {
    const token = bearerToken(c);
    return token ? verifyLocalToken(secret, token) : undefined;
  };
}
