import type { Deadline } from './domain/deadline.ts';

/**
 * The one place that knows where a record lives, on the API and in the web app: the domain
 * and the store keep ids, the edges (routes, the reminder job, the calendar feed) turn them
 * into links with this.
 */
export function deadlinePath(deadline: Pick<Deadline, 'kind' | 'subject'>): string {
  const { type, id, partId } = deadline.subject;
  switch (deadline.kind) {
    case 'spend_by':
      return `/v1/applications/${id}/funds-calls/${partId}`;
    case 'interim_report':
    case 'final_report':
      return `/v1/applications/${id}/reports/${partId}`;
    case 'milestone_due':
      return `/v1/concepts/${id}/milestones/${partId}`;
    case 'milestone_report_due':
      return `/v1/concepts/${id}/milestones/${partId}/reports`;
    default:
      return recordPath(type, id);
  }
}

const COLLECTIONS = {
  application: 'applications',
  position: 'positions',
  task: 'tasks',
  concept: 'concepts',
} as const satisfies Record<Deadline['subject']['type'], string>;

export const recordPath = (type: Deadline['subject']['type'], id: string) => `/v1/${COLLECTIONS[type]}/${id}`;

/**
 * The web app's page of each kind of record. Each is the page of the people who own that
 * kind of deadline (finance: the application and the position, the coordinator: the task and
 * the concept); every role may read every page, writing is where the role allows it.
 */
const PAGES = {
  application: 'antraege',
  position: 'stellen',
  task: 'aufgaben',
  concept: 'konzepte',
} as const satisfies Record<Deadline['subject']['type'], string>;

/**
 * The page of a deadline's record in the web app, with the deadline as its fragment: the page
 * shows the deadline there (its reminders, marking it done). A person who is signed out is
 * sent through sign-in and back to this address.
 */
export const deadlinePagePath = (deadline: Pick<Deadline, 'id' | 'subject'>) =>
  `/${PAGES[deadline.subject.type]}/${deadline.subject.id}#frist-${deadline.id}`;

/** Absolute links for e-mails and calendar entries, from the web app's public address. */
export const deadlineLink = (publicBaseUrl: string) => (deadline: Pick<Deadline, 'id' | 'subject'>) =>
  `${publicBaseUrl}${deadlinePagePath(deadline)}`;

/** The web app's page of one person's deadlines ("Meine Fristen"). */
export const deadlinesPageLink = (publicBaseUrl: string) => `${publicBaseUrl}/fristen`;
