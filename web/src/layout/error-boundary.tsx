import { Component, type ReactNode } from 'react';
import { Alert } from './alert.tsx';

/**
 * The last line: a page that fails to render shows a German message and a way on, instead of
 * an empty window. What was typed stays in the tab's drafts.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Alert variant="danger" role="alert" title="Diese Seite konnte nicht angezeigt werden.">
        <p className="kern-body">
          Ihre Eingaben sind gesichert. Laden Sie die Seite neu, um es noch einmal zu versuchen.
        </p>
        <button
          className="kern-btn kern-btn--secondary"
          type="button"
          onClick={() => window.location.reload()}
        >
          <span className="kern-label">Neu laden</span>
        </button>
      </Alert>
    );
  }
}
