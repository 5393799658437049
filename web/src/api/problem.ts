import { detailDe, fieldMessageDe } from './messages-de.ts';
import type { Problem } from './types.ts';

/**
 * A refusal of the API (RFC 9457 problem+json), ready to show: the reason in German and each
 * field's messages in German, keyed by the field's path (`fundingPeriod.end`).
 */
export class ApiProblem extends Error {
  readonly status: number;
  readonly reason: string;
  readonly fieldErrors: Readonly<Record<string, string[]>>;

  constructor(status: number, problem: Partial<Problem> | undefined) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.reason = detailDe(status, problem?.detail);
    const fields: Record<string, string[]> = {};
    for (const error of problem?.errors ?? []) {
      const german = fieldMessageDe(error.message);
      const messages = fields[error.path] ?? [];
      if (!messages.includes(german)) fields[error.path] = [...messages, german];
    }
    this.fieldErrors = fields;
  }
}

/** The session ran out and could not be renewed; the app asks to sign in again. */
export class SessionExpired extends Error {
  readonly reason =
    'Ihre Sitzung ist abgelaufen. Ihre Eingaben bleiben erhalten: Melden Sie sich erneut an und senden Sie sie dann ab.';
}

/** Any failure as a German sentence (network errors included). */
export function reasonOf(error: unknown): string {
  // ApiProblem, SessionExpired and the app's own failures carry their German reason.
  if (error instanceof Error && 'reason' in error && typeof error.reason === 'string') return error.reason;
  return 'Der Dienst ist nicht erreichbar. Bitte prüfen Sie die Verbindung und versuchen Sie es noch einmal.';
}
