import type { Deadline } from './domain/deadline.ts';

/**
 * The one place that knows where a record lives on the API: the domain and the store keep ids,
 * the edges (routes, the reminder job, the calendar feed) turn them into links with this.
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

/** Absolute links for e-mails and calendar entries, from the service's public address. */
export const deadlineLink = (publicBaseUrl: string) => (deadline: Pick<Deadline, 'kind' | 'subject'>) =>
  `${publicBaseUrl}${deadlinePath(deadline)}`;
