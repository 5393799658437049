import { useEffect } from 'react';
import { AppTitle } from './layout/app-title.tsx';

/**
 * Pages shown without a session (signed out, sign-in failed, service unreachable): no navigation,
 * one heading, one way on.
 */
export function PublicPage({
  title,
  text,
  action,
}: {
  title: string;
  text: string;
  action?: { label: string; run(): void };
}) {
  useEffect(() => {
    document.title = `${title} – Fördertracker`;
  }, [title]);
  return (
    <>
      <header className="app-header">
        <div className="kern-container app-header__bar">
          <AppTitle />
        </div>
      </header>
      <main className="kern-container app-main" id="inhalt">
        <h1 className="kern-heading-large page-title">{title}</h1>
        <p className="kern-body">{text}</p>
        {action ? (
          <button className="kern-btn kern-btn--primary" type="button" onClick={action.run}>
            <span className="kern-label">{action.label}</span>
          </button>
        ) : null}
      </main>
    </>
  );
}
