/**
 * What the web app needs from whoever serves it: the local service (scripts/local) and CDK
 * (infra/) both read this file, so the app, the local provider and Cognito cannot disagree on
 * a path, a client id or a header.
 */

/** The client id of the web app at the local OpenID provider (Cognito makes its own). */
export const LOCAL_WEB_CLIENT_ID = 'foerdertracker-web';
/** The app route that completes the Authorization Code + PKCE flow. */
export const SIGN_IN_CALLBACK_PATH = '/anmeldung';
/** Where the provider sends the browser after sign-out. */
export const SIGNED_OUT_PATH = '/abgemeldet';
/** Scopes the app asks for; the ID token then carries `email` and `cognito:groups`, which the API reads. */
export const WEB_SCOPES = ['openid', 'email', 'profile'] as const;

/** Token lifetimes of the web client: Cognito's app client (infra/) and the local provider use the same. */
export const WEB_TOKEN_LIFETIMES = {
  idTokenSeconds: 60 * 60,
  refreshTokenSeconds: 30 * 24 * 60 * 60,
} as const;

/** Served next to the app (locally by the service, in AWS deployed into the bucket by CDK). */
export const RUNTIME_CONFIG_PATH = '/config.json';

/** What the app learns at run time, so one build runs locally and in AWS. */
export interface WebRuntimeConfig {
  /** The OpenID provider's issuer; its discovery document lives below it. */
  authority: string;
  clientId: string;
  /**
   * Cognito's managed login publishes no `end_session_endpoint`; its `/logout` takes
   * `client_id` and `logout_uri` instead. Absent: the provider's own end-session endpoint.
   */
  cognitoLogoutUrl?: string;
  /** Extra parameters of the sign-in request, e.g. `lang=de` for Cognito's managed login. */
  signInParameters?: Record<string, string>;
  /** The city the app serves, in headers and on the printed status report; default {@link DEFAULT_CITY_NAME}. */
  cityName?: string;
}

export const DEFAULT_CITY_NAME = 'Stadt Erfurt';

/** Paths the API owns; everything else on the app's origin is the app (with SPA fallback). */
export const API_PATH_PREFIXES = ['/v1', '/docs', '/openapi.json', '/health', '/calendar'] as const;

/**
 * The app's Content-Security-Policy: its own scripts, styles and fonts only (no inline script,
 * nothing from a CDN); it may talk to its own origin, the identity provider and the document
 * storage that presigned uploads go to; no page may frame it.
 */
export function contentSecurityPolicy(connectSources: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    // KERN draws its icons as CSS masks from data: URIs.
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${["'self'", ...connectSources].join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The headers every answer of the app carries (CloudFront's response-headers policy sets the same, plus HSTS). */
export function securityHeaders(connectSources: readonly string[]): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(connectSources),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
  };
}
