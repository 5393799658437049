import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { JSONWebKeySet } from 'jose';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import {
  LOCAL_WEB_CLIENT_ID,
  SIGN_IN_CALLBACK_PATH,
  SIGNED_OUT_PATH,
  WEB_SCOPES,
  WEB_TOKEN_LIFETIMES,
} from '../../../web/serving.ts';
import { type AccountInput, AccountStore, type LocalAccount } from './accounts.ts';
import { ensureProviderKeys, publicJwk } from './keys.ts';
import { memoryAdapterFactory } from './memory-adapter.ts';
import { errorPage, SIGN_IN_CSS, type SignInPageModel, signInPage, signOutPage } from './pages.ts';

/** Token lifetimes in seconds; the defaults are those of Cognito's web client (infra/). */
export interface TokenLifetimes {
  idToken: number;
  refreshToken: number;
}
export const DEFAULT_LIFETIMES: TokenLifetimes = {
  idToken: WEB_TOKEN_LIFETIMES.idTokenSeconds,
  refreshToken: WEB_TOKEN_LIFETIMES.refreshTokenSeconds,
};

export interface LocalProviderOptions {
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  /** Origins the web app is served from (e.g. http://localhost:3000 and http://127.0.0.1:3000). */
  appOrigins: string[];
  lifetimes?: TokenLifetimes;
}

export interface LocalProvider {
  issuer: string;
  clientId: string;
  /** The public keys tokens are signed with, as the provider's JWKS endpoint publishes them. */
  jwks: JSONWebKeySet;
  accounts: AccountStore;
  stop(): Promise<void>;
}

const kern = dirname(createRequire(import.meta.url).resolve('@kern-ux/native/package.json'));
/** The Fira Sans weights KERN's styles use (regular, medium, semi-bold); nothing else is served. */
const FONT_FILES: Record<string, number> = {
  'FiraSans-Regular.woff2': 400,
  'FiraSans-Medium.woff2': 500,
  'FiraSans-SemiBold.woff2': 600,
};
const FONTS_CSS = Object.entries(FONT_FILES)
  .map(
    ([file, weight]) =>
      `@font-face{font-family:'Fira Sans';src:url('/assets/fonts/${file}') format('woff2');font-weight:${weight};font-style:normal;font-display:swap}`,
  )
  .join('\n');

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers = {}) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
}

/** The sign-in pages load KERN from this server and run no script of their own. */
const PAGE_CSP =
  "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

function sendPage(res: ServerResponse, status: number, html: string, csp = PAGE_CSP) {
  send(res, status, 'text/html; charset=utf-8', html, {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Claims the API expects, in the shape Cognito's ID tokens carry them. */
function claimsOf(account: LocalAccount) {
  return {
    sub: account.id,
    email: account.email,
    email_verified: true,
    name: account.name,
    'cognito:groups': account.roles,
  };
}

function providerConfiguration(
  accounts: AccountStore,
  keys: Awaited<ReturnType<typeof ensureProviderKeys>>,
  options: LocalProviderOptions,
): Configuration {
  const lifetimes = options.lifetimes ?? DEFAULT_LIFETIMES;
  return {
    adapter: memoryAdapterFactory(),
    jwks: { keys: [keys.signingKey] },
    cookies: { keys: keys.cookieKeys },
    clients: [
      {
        client_id: LOCAL_WEB_CLIENT_ID,
        // A public client, like Cognito's web client: no secret, Authorization Code + PKCE.
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: options.appOrigins.map((origin) => `${origin}${SIGN_IN_CALLBACK_PATH}`),
        post_logout_redirect_uris: options.appOrigins.map((origin) => `${origin}${SIGNED_OUT_PATH}`),
      },
    ],
    scopes: [...WEB_SCOPES],
    claims: {
      // Cognito puts the groups into every ID token; so does this provider.
      openid: ['sub', 'cognito:groups'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    // Scope claims go into the ID token (as with Cognito), not only to the userinfo endpoint.
    conformIdTokenClaims: false,
    findAccount: (_ctx, id) => {
      const account = accounts.find(id);
      return account ? { accountId: account.id, claims: () => claimsOf(account) } : undefined;
    },
    // The tracker's own client needs no consent screen: the grant is made on first sign-in.
    loadExistingGrant: async (ctx) => {
      const { Grant } = ctx.oidc.provider;
      const grantId =
        ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
      const existing = grantId ? await Grant.find(grantId) : undefined;
      if (existing) return existing;
      const grant = new Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope(WEB_SCOPES.join(' '));
      await grant.save();
      return grant;
    },
    // Like Cognito's code flow: a refresh token without asking for offline_access.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    clientBasedCORS: (_ctx, origin) => options.appOrigins.includes(origin),
    pkce: { required: () => true },
    ttl: {
      AccessToken: lifetimes.idToken,
      IdToken: lifetimes.idToken,
      RefreshToken: lifetimes.refreshToken,
      AuthorizationCode: 60,
      Interaction: 60 * 60,
      Session: 14 * 24 * 60 * 60,
      Grant: 14 * 24 * 60 * 60,
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          const nonce = randomBytes(16).toString('base64');
          // The confirmation redirects to the app, and form-action governs a form's redirects too.
          const targets = ["'self'", ...options.appOrigins].join(' ');
          ctx.set(
            'content-security-policy',
            `${PAGE_CSP}; script-src 'nonce-${nonce}'; form-action ${targets}`,
          );
          ctx.type = 'html';
          ctx.body = signOutPage(form, nonce);
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(String(out.error_description ?? out.error ?? 'Unbekannter Fehler'));
    },
  };
}

/**
 * A real OpenID provider (oidc-provider, certified) for the local service: Authorization Code +
 * PKCE for the web app's public client, RS256 tokens with Cognito's claim names, and our own
 * German sign-in page, which lists the local accounts and adds new ones. No passwords: it
 * listens on 127.0.0.1 only, so only this machine can reach it.
 */
export async function startLocalProvider(options: LocalProviderOptions): Promise<LocalProvider> {
  const accounts = await AccountStore.open(options.dataDir);
  const keys = await ensureProviderKeys(options.dataDir);
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const issuer = `http://127.0.0.1:${port}`;
  // Loaded only now: on import it warns that it prefers Node 22, and a start that fails earlier
  // (port taken, Java missing) should say just its one line.
  const { default: Provider } = await import('oidc-provider');
  const provider = new Provider(issuer, providerConfiguration(accounts, keys, options));
  const callback = provider.callback();

  const renderSignIn = (uid: string, extra: Partial<SignInPageModel> = {}) =>
    signInPage({
      accounts: accounts.list(),
      loginAction: `/interaction/${uid}/login`,
      addAction: `/interaction/${uid}/konto`,
      ...extra,
    });

  async function handleInteraction(req: IncomingMessage, res: ServerResponse, uid: string, action?: string) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    if (req.method === 'GET' && !action) return sendPage(res, 200, renderSignIn(uid));
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Method Not Allowed');
    const form = await formBody(req);
    if (action === 'login') {
      const account = accounts.find(form.get('account') ?? '');
      if (!account) return sendPage(res, 400, renderSignIn(uid));
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: account.id } },
        { mergeWithLastSubmission: false },
      );
    }
    if (action === 'konto') {
      const draft: AccountInput = {
        name: form.get('name') ?? '',
        email: form.get('email') ?? '',
        roles: form.getAll('roles'),
      };
      const result = await accounts.add(draft);
      if ('id' in result) return sendPage(res, 200, renderSignIn(uid, { added: result }));
      return sendPage(res, 400, renderSignIn(uid, { draft, problems: result }));
    }
    return send(res, 404, 'text/plain', 'Not Found');
  }

  async function handleAsset(res: ServerResponse, name: string) {
    if (name === 'kern.min.css') {
      return send(res, 200, 'text/css', await readFile(join(kern, 'dist/kern.min.css')));
    }
    if (name === 'fonts.css') return send(res, 200, 'text/css', FONTS_CSS);
    if (name === 'sign-in.css') return send(res, 200, 'text/css', SIGN_IN_CSS);
    const font = name.replace(/^fonts\//, '');
    if (name.startsWith('fonts/') && font in FONT_FILES) {
      return send(res, 200, 'font/woff2', await readFile(join(kern, 'dist/fonts/fira-sans', font)));
    }
    return send(res, 404, 'text/plain', 'Not Found');
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    const interaction = /^\/interaction\/([\w-]+)(?:\/(login|konto))?$/.exec(path);
    const asset = /^\/assets\/([\w./-]+)$/.exec(path);
    // Browsers ask for a favicon on every page; there is none, and no 404 needs logging.
    if (path === '/favicon.ico') return void send(res, 204, 'text/plain', '');
    const handled = interaction
      ? handleInteraction(req, res, interaction[1]!, interaction[2])
      : asset
        ? handleAsset(res, asset[1]!)
        : undefined;
    if (!handled) return void callback(req, res);
    handled.catch((error: unknown) => {
      if (res.headersSent) return res.end();
      // An expired or unknown interaction (e.g. the sign-in page was left open for an hour).
      sendPage(res, 400, errorPage(`Die Anmeldung ist abgelaufen oder ungültig (${String(error)}).`));
    });
  });

  return {
    issuer,
    clientId: LOCAL_WEB_CLIENT_ID,
    jwks: { keys: [publicJwk(keys.signingKey)] },
    accounts,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
