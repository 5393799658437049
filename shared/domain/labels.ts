import type { ApplicationStatus } from './application.ts';
import type { DeadlineKind } from './deadline.ts';

// What people read: codes stay in the API, German words go into e-mails, calendars and exports.

/** What each kind of deadline is called in German, in e-mails and calendar feeds. */
export const DEADLINE_KIND_LABELS: Record<DeadlineKind, string> = {
  submission: 'Antragsfrist',
  spend_by: 'Mittelverwendung',
  interim_report: 'Zwischennachweis',
  final_report: 'Verwendungsnachweis',
  funding_period_end: 'Ende des Bewilligungszeitraums',
  position_funding_end: 'Ende der Stellenförderung',
  contract_end: 'Vertragsende',
  vacancy: 'Stellenbesetzung',
  task_due: 'Aufgabe fällig',
  milestone_due: 'Meilenstein',
  milestone_report_due: 'Meilensteinbericht',
};

/** What each status of an application is called in German, in exports and e-mails. */
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  draft: 'Entwurf',
  submitted: 'eingereicht',
  approved: 'bewilligt',
  rejected: 'abgelehnt',
  withdrawn: 'zurückgezogen',
  closed: 'abgeschlossen',
  revoked: 'widerrufen',
};
