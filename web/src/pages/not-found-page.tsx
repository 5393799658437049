import { Link } from 'wouter';
import { Page } from '../layout/page.tsx';

export function NotFoundPage() {
  return (
    <Page title="Seite nicht gefunden">
      <p className="kern-body">Diese Adresse gibt es im Fördertracker nicht.</p>
      <p className="kern-body">
        <Link href="/" className="kern-link">
          Zur Startseite
        </Link>
      </p>
    </Page>
  );
}
