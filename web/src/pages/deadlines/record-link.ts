import type { Deadline } from '../../api/types.ts';

/**
 * The app page of a deadline's record, from the API path the deadline names: the one mapping
 * from "this record" to "the page that shows it", for Meine Fristen and the Übersicht alike.
 */
export function recordPageOf(deadline: Pick<Deadline, 'subject'>): string | undefined {
  const path = deadline.subject.path;
  const application = /^\/v1\/applications\/([^/]+)(\/funds-calls|\/reports)?/.exec(path);
  if (application) {
    const part = { '/funds-calls': '#mittelabrufe', '/reports': '#nachweise' }[application[2] ?? ''] ?? '';
    return `/antraege/${application[1]}${part}`;
  }
  const position = /^\/v1\/positions\/([^/]+)/.exec(path);
  if (position) return `/stellen/${position[1]}`;
  const task = /^\/v1\/tasks\/([^/]+)$/.exec(path);
  if (task) return `/aufgaben/${task[1]}`;
  const milestone = /^\/v1\/concepts\/([^/]+)\/milestones\/([^/]+)/.exec(path);
  if (milestone) return `/konzepte/${milestone[1]}#meilenstein-${milestone[2]}`;
  const concept = /^\/v1\/concepts\/([^/]+)/.exec(path);
  if (concept) return `/konzepte/${concept[1]}`;
  return undefined;
}
