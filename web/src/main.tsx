import '@kern-ux/native/dist/kern.min.css';
import './styles/fonts.css';
import './styles/app.css';
import './styles/finance.css';
import './styles/print.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import {
  DEFAULT_CITY_NAME,
  RUNTIME_CONFIG_PATH,
  SIGN_IN_CALLBACK_PATH,
  SIGNED_OUT_PATH,
  type WebRuntimeConfig,
} from '../serving.ts';
import { App } from './app.tsx';
import { createAuth } from './auth/auth.ts';
import { PublicPage } from './public-pages.tsx';

const root = createRoot(document.getElementById('root')!);
const here = () => `${window.location.pathname}${window.location.search}${window.location.hash}`;

/**
 * Start-up: read where to sign in (config.json), finish a sign-in coming back from the provider,
 * and send anybody without a session to sign in, with the address they opened as the way back.
 */
async function start(): Promise<void> {
  let config: WebRuntimeConfig;
  try {
    const response = await fetch(RUNTIME_CONFIG_PATH, { cache: 'no-cache' });
    config = (await response.json()) as WebRuntimeConfig;
  } catch {
    root.render(
      <PublicPage
        title="Nicht erreichbar"
        text="Der Fördertracker ist gerade nicht erreichbar. Bitte versuchen Sie es später noch einmal."
        action={{ label: 'Neu laden', run: () => window.location.reload() }}
      />,
    );
    return;
  }
  const auth = createAuth(config);
  const path = window.location.pathname;
  if (path === SIGNED_OUT_PATH) {
    root.render(
      <PublicPage
        title="Abgemeldet"
        text="Sie sind abgemeldet. Ungesendete Eingaben in diesem Fenster wurden verworfen."
        action={{ label: 'Anmelden', run: () => void auth.signIn('/') }}
      />,
    );
    return;
  }
  if (path === SIGN_IN_CALLBACK_PATH) {
    try {
      window.history.replaceState(null, '', await auth.completeSignIn());
    } catch {
      root.render(
        <PublicPage
          title="Anmeldung fehlgeschlagen"
          text="Die Anmeldung konnte nicht abgeschlossen werden, zum Beispiel weil sie zu lange gedauert hat."
          action={{ label: 'Erneut anmelden', run: () => void auth.signIn('/') }}
        />,
      );
      return;
    }
  }
  const person = await auth.person();
  if (!person) {
    await auth.signIn(here());
    return;
  }
  root.render(
    <StrictMode>
      <App auth={auth} person={person} cityName={config.cityName ?? DEFAULT_CITY_NAME} />
    </StrictMode>,
  );
}

void start();
