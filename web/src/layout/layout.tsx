import type { ReactNode } from 'react';
import { useSyncExternalStore } from 'react';
import { Link, useLocation } from 'wouter';
import { useApp } from '../app-context.tsx';
import { sessionState } from '../auth/session-state.ts';
import { type NavItem, navigationFor } from '../roles.ts';
import { Alert } from './alert.tsx';
import { AppTitle } from './app-title.tsx';

function NavLink({ item }: { item: NavItem }) {
  const [location] = useLocation();
  const current = location === item.href || location.startsWith(`${item.href}/`);
  return (
    <li>
      <Link href={item.href} className="kern-link app-nav__link" aria-current={current ? 'page' : undefined}>
        {item.label}
      </Link>
    </li>
  );
}

/** Shown on every page once the session could not be renewed; what was typed stays in the forms. */
function SessionExpiredNotice() {
  const { auth } = useApp();
  const expired = useSyncExternalStore(sessionState.subscribe, sessionState.isExpired);
  if (!expired) return null;
  const here = `${window.location.pathname}${window.location.search}${window.location.hash}`;
  return (
    <Alert variant="warning" role="alert" title="Ihre Sitzung ist abgelaufen." className="session-expired">
      <p className="kern-body">
        Was Sie eingegeben haben, bleibt erhalten. Melden Sie sich erneut an; danach sind Sie wieder auf
        dieser Seite.
      </p>
      <button className="kern-btn kern-btn--primary" type="button" onClick={() => void auth.signIn(here)}>
        <span className="kern-label">Erneut anmelden</span>
      </button>
    </Alert>
  );
}

/** Header with the navigation for the person's roles, the signed-in person and sign-out. */
export function Layout({ children }: { children: ReactNode }) {
  const { person, auth, cityName } = useApp();
  const items = navigationFor(person.roles);
  return (
    <>
      <a className="kern-link skip-link" href="#inhalt">
        Zum Inhalt springen
      </a>
      <header className="app-header">
        <div className="kern-container app-header__bar">
          <AppTitle cityName={cityName} />
          <div className="app-header__person">
            <span className="kern-body kern-body--small">Angemeldet: {person.name}</span>
            <button className="kern-btn kern-btn--tertiary" type="button" onClick={() => void auth.signOut()}>
              <span className="kern-label">Abmelden</span>
            </button>
          </div>
        </div>
        <nav className="kern-container app-nav" aria-label="Hauptnavigation">
          <ul className="app-nav__list">
            {items.map((item) => (
              <NavLink key={item.href} item={item} />
            ))}
          </ul>
        </nav>
      </header>
      <main className="kern-container app-main" id="inhalt">
        <SessionExpiredNotice />
        {children}
      </main>
    </>
  );
}
