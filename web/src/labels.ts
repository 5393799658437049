import type {
  ApplicationStatus,
  Concept,
  Deadline,
  DocumentKind,
  FundingSourceCode,
  Milestone,
  MilestoneReport,
  StaffingState,
  Statement,
  TaskArea,
  TaskStatus,
} from './api/types.ts';

/**
 * German names for the API's enumerations. Typed by the generated API types: when the API
 * gains a value, the compiler asks for its German name here.
 */
export const TASK_STATUS: Record<TaskStatus, string> = {
  open: 'Offen',
  in_progress: 'In Arbeit',
  blocked: 'Blockiert',
  done: 'Erledigt',
  cancelled: 'Abgebrochen',
};

export const TASK_AREA: Record<TaskArea, string> = {
  concept_planning: 'Konzeptentwicklung',
  coordination_networking: 'Koordination und Vernetzung',
  district_concepts: 'Stadtteilentwicklungskonzepte',
  other: 'Sonstiges',
};

export const CONCEPT_STATUS: Record<Concept['status'], string> = {
  preparation: 'Vorbereitung',
  participation: 'Beteiligung',
  drafting: 'Entwurf',
  council_decision: 'Stadtratsbeschluss',
  implementation: 'Umsetzung',
};

export const MILESTONE_KIND: Record<Milestone['kind'], string> = {
  participation: 'Beteiligung',
  steering_feedback: 'Rückmeldung an ein Gremium',
  council: 'Stadtrat',
  deliverable: 'Ergebnis',
  other: 'Sonstiges',
};

export const MILESTONE_STATUS: Record<Milestone['status'], string> = {
  planned: 'Geplant',
  in_progress: 'In Arbeit',
  achieved: 'Erreicht',
  missed: 'Verfehlt',
};

export const REPORT_AUDIENCE: Record<MilestoneReport['audience'], string> = {
  steering_group: 'Begleitgremium',
  council_social_policy_group: 'AG der sozialpolitischen Sprecherinnen und Sprecher',
  neighbourhood_work_circle: 'Arbeitskreis Quartiersarbeit',
  city_council: 'Stadtrat',
  other: 'Sonstige',
};

export const REPORT_STATUS: Record<MilestoneReport['status'], string> = {
  draft: 'Entwurf',
  submitted: 'Eingereicht',
  accepted: 'Angenommen',
  revision_requested: 'Überarbeitung erbeten',
};

export const DEADLINE_KIND: Record<Deadline['kind'], string> = {
  submission: 'Antrag einreichen',
  spend_by: 'Abgerufene Mittel verwenden',
  interim_report: 'Zwischennachweis',
  final_report: 'Verwendungsnachweis',
  funding_period_end: 'Ende des Bewilligungszeitraums',
  position_funding_end: 'Ende der Stellenförderung',
  contract_end: 'Vertragsende',
  vacancy: 'Stelle unbesetzt',
  task_due: 'Aufgabe fällig',
  milestone_due: 'Meilenstein fällig',
  milestone_report_due: 'Meilensteinbericht fällig',
};

export const DOCUMENT_KIND: Record<DocumentKind, string> = {
  notice: 'Bescheid',
  statement_of_use: 'Verwendungsnachweis',
  receipt_list: 'Belegliste',
  minutes: 'Protokoll',
  report: 'Bericht',
  other: 'Sonstiges',
};

export const APPLICATION_STATUS: Record<ApplicationStatus, string> = {
  draft: 'Entwurf',
  submitted: 'Eingereicht',
  approved: 'Bewilligt',
  rejected: 'Abgelehnt',
  withdrawn: 'Zurückgezogen',
  closed: 'Abgeschlossen',
  revoked: 'Widerrufen',
};

/** The funders' sources and the city's own share, as a council paper names them. */
export const FUNDING_SOURCE: Record<FundingSourceCode, string> = {
  esf_plus: 'ESF+',
  land: 'Land',
  federal: 'Bund',
  other: 'Sonstige',
  own: 'Eigenanteil der Stadt',
};

export const STAFFING: Record<StaffingState, string> = {
  planned: 'Geplant',
  advertised: 'Ausgeschrieben',
  filled: 'Besetzt',
  vacant: 'Unbesetzt',
};

export const STATEMENT_STATUS: Record<Statement['status'], string> = {
  due: 'Fällig',
  submitted: 'Eingereicht',
  accepted: 'Angenommen',
  rejected: 'Abgelehnt',
  cancelled: 'Entfallen',
};

/** Entries in a stable order, for select fields. */
export const optionsOf = <K extends string>(labels: Record<K, string>) =>
  Object.entries(labels) as [K, string][];
