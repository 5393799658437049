import { type User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { SIGN_IN_CALLBACK_PATH, SIGNED_OUT_PATH, WEB_SCOPES, type WebRuntimeConfig } from '../../serving.ts';
import { clearDrafts } from '../forms/use-draft.ts';
import type { Role } from '../roles.ts';
import { sessionState } from './session-state.ts';

/** Who is signed in, from the ID token's claims (the same ones the API reads). */
export interface SignedInPerson {
  name: string;
  email: string;
  roles: Role[];
}

/** Renew a little before the ID token runs out, so a request never leaves with a dying token. */
const RENEW_BEFORE_SECONDS = 30;

interface ReturnState {
  returnTo: string;
}

/**
 * Sign-in with OpenID Connect, Authorization Code + PKCE, the same code against Cognito in AWS
 * and the local provider. Tokens live in sessionStorage (gone with the tab, never in
 * localStorage); the ID token is what the API gets, because only it carries `email` and
 * `cognito:groups`. It is renewed with the refresh token when a request needs it, not by a
 * timer: a laptop that slept for an hour renews on its first request, and nothing renews for
 * a tab nobody uses.
 */
export function createAuth(config: WebRuntimeConfig) {
  const origin = window.location.origin;
  const manager = new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${origin}${SIGN_IN_CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}${SIGNED_OUT_PATH}`,
    response_type: 'code',
    scope: WEB_SCOPES.join(' '),
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    // The PKCE verifier and the return address wait here during the redirect.
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: false,
    monitorSession: false,
    loadUserInfo: false,
  });

  const secondsLeft = (user: User) => {
    const exp = typeof user.profile.exp === 'number' ? user.profile.exp : (user.expires_at ?? 0);
    return exp - Date.now() / 1000;
  };

  let renewal: Promise<User | null> | undefined;
  /** One renewal at a time, however many requests notice the old token at once. */
  function renew(): Promise<User | null> {
    renewal ??= manager
      .signinSilent()
      .catch(() => null)
      .finally(() => {
        renewal = undefined;
      });
    return renewal;
  }

  return {
    /** Sends the browser to the provider; it comes back to `returnTo` (a path of this app). */
    async signIn(returnTo: string): Promise<void> {
      await manager.signinRedirect({
        state: { returnTo } satisfies ReturnState,
        ...(config.signInParameters ? { extraQueryParams: config.signInParameters } : {}),
      });
    },

    /** Completes the sign-in on the callback page; returns where the person wanted to go. */
    async completeSignIn(): Promise<string> {
      const user = await manager.signinRedirectCallback();
      const state = user.state as ReturnState | undefined;
      // Only paths of this app: a crafted state must not send anybody elsewhere.
      return state?.returnTo?.startsWith('/') && !state.returnTo.startsWith('//') ? state.returnTo : '/';
    },

    /** The signed-in person, or null. */
    async person(): Promise<SignedInPerson | null> {
      const user = await manager.getUser();
      if (!user) return null;
      const groups = user.profile['cognito:groups'];
      return {
        name: String(user.profile.name ?? user.profile.email ?? ''),
        email: String(user.profile.email ?? ''),
        roles: (Array.isArray(groups) ? groups : []) as Role[],
      };
    },

    /**
     * A valid ID token, renewed with the refresh token if it is about to run out; null when
     * the session is over (the refresh token expired or was revoked), and the app says so.
     */
    async idToken(options: { forceRenew?: boolean } = {}): Promise<string | null> {
      let user = await manager.getUser();
      if (!user) return null;
      if (options.forceRenew || secondsLeft(user) < RENEW_BEFORE_SECONDS) user = await renew();
      if (!user?.id_token) {
        sessionState.markExpired();
        return null;
      }
      return user.id_token;
    },

    /** Signs out at the provider too, and forgets every unsent form draft of this tab. */
    async signOut(): Promise<void> {
      clearDrafts();
      const user = await manager.getUser();
      if (config.cognitoLogoutUrl) {
        await manager.removeUser();
        const logout = new URL(config.cognitoLogoutUrl);
        logout.searchParams.set('client_id', config.clientId);
        logout.searchParams.set('logout_uri', `${origin}${SIGNED_OUT_PATH}`);
        window.location.assign(logout.toString());
        return;
      }
      await manager.signoutRedirect(user?.id_token ? { id_token_hint: user.id_token } : {});
    },
  };
}

export type Auth = ReturnType<typeof createAuth>;
