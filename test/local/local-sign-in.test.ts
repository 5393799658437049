import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { generateKeyPair, importJWK, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localJwtAuthenticator } from '../../functions/api/platform/local-jwt-authenticator.ts';
import { AccountStore, SEED_ACCOUNTS } from '../../scripts/local/oidc/accounts.ts';
import { ensureProviderKeys, publicJwk } from '../../scripts/local/oidc/keys.ts';
import { signLocalToken } from '../../shared/auth/local-jwt.ts';
import { oidcTokenVerifier } from '../../shared/auth/oidc-token.ts';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'foerdertracker-sign-in-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

describe('the local accounts', () => {
  it('are the four people of the handbook on first start', async () => {
    const store = await AccountStore.open(dataDir);
    expect(store.list().map((account) => [account.name, account.email, account.roles])).toEqual(
      SEED_ACCOUNTS.map((account) => [account.name, account.email, account.roles]),
    );
  });

  it('keep an added account, with a stable id, across a restart', async () => {
    const added = await (await AccountStore.open(dataDir)).add({
      name: ' Alex Sozialplanung ',
      email: 'Alex.Sozialplanung@Erfurt.example',
      roles: ['coordinator', 'viewer'],
    });
    const reopened = await AccountStore.open(dataDir);
    expect(reopened.list()).toHaveLength(5);
    expect(reopened.find((added as { id: string }).id)).toMatchObject({
      name: 'Alex Sozialplanung',
      email: 'alex.sozialplanung@erfurt.example',
      roles: ['coordinator', 'viewer'],
    });
  });

  it('refuse a missing name, a taken e-mail and unknown roles, in German, and add nothing', async () => {
    const store = await AccountStore.open(dataDir);
    expect(await store.add({ name: '', email: 'kim.koordination@erfurt.example', roles: ['boss'] })).toEqual({
      name: 'Bitte geben Sie einen Namen ein.',
      email: 'Für diese E-Mail-Adresse gibt es schon ein Konto.',
      roles: 'Bitte wählen Sie mindestens eine Rolle.',
    });
    expect((await AccountStore.open(dataDir)).list()).toHaveLength(4);
  });
});

describe('the local API’s check of bearer tokens', () => {
  const ISSUER = 'http://127.0.0.1:3001';
  const AUDIENCE = 'foerdertracker-web';
  const claims = { email: 'kim.koordination@erfurt.example', 'cognito:groups': ['coordinator'] };

  async function whoIs(token: string) {
    const keys = await ensureProviderKeys(dataDir);
    const authenticate = localJwtAuthenticator(
      'local-secret-that-is-long-enough-0123456789',
      oidcTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks: { keys: [publicJwk(keys.signingKey)] } }),
    );
    const app = new Hono().get('/', async (c) => c.json((await authenticate(c as never)) ?? null));
    return (await app.request('/', { headers: { authorization: `Bearer ${token}` } })).json();
  }

  async function idToken(options: { key?: CryptoKey; audience?: string; expiresIn?: string } = {}) {
    const keys = await ensureProviderKeys(dataDir);
    const key = options.key ?? ((await importJWK(keys.signingKey, 'RS256')) as CryptoKey);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: keys.signingKey.kid })
      .setSubject('01ACCOUNT')
      .setIssuer(ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '1h')
      .sign(key);
  }

  it('accepts the local provider’s ID token and reads the actor from its claims', async () => {
    expect(await whoIs(await idToken())).toEqual({
      sub: '01ACCOUNT',
      email: 'kim.koordination@erfurt.example',
      roles: ['coordinator'],
    });
  });

  it('refuses an ID token signed by another key, for another client, or expired', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    expect(await whoIs(await idToken({ key: privateKey }))).toBeNull();
    expect(await whoIs(await idToken({ audience: 'another-client' }))).toBeNull();
    expect(await whoIs(await idToken({ expiresIn: '-1m' }))).toBeNull();
  });

  it('still accepts the HS256 tokens of `npm run token`, and refuses an HS256 token signed with the public key', async () => {
    const local = await signLocalToken('local-secret-that-is-long-enough-0123456789', {
      roles: ['finance'],
      email: 'anna.finanz@erfurt.example',
    });
    expect(await whoIs(local)).toMatchObject({ email: 'anna.finanz@erfurt.example', roles: ['finance'] });
    // The classic algorithm confusion: the provider's public key used as an HMAC secret.
    const keys = await ensureProviderKeys(dataDir);
    const confused = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('01ACCOUNT')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(JSON.stringify(publicJwk(keys.signingKey))));
    expect(await whoIs(confused)).toBeNull();
  });
});
