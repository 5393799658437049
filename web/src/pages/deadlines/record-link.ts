import type { Deadline } from '../../api/types.ts';

/**
 * The app page of a deadline's record, from the API path the deadline names. Applications and
 * positions get their pages in part 2 of the web app; until then their deadlines show no link.
 */
export function recordPageOf(deadline: Deadline): string | undefined {
  const path = deadline.subject.path;
  const task = /^\/v1\/tasks\/([^/]+)$/.exec(path);
  if (task) return `/aufgaben/${task[1]}`;
  const milestone = /^\/v1\/concepts\/([^/]+)\/milestones\/([^/]+)/.exec(path);
  if (milestone) return `/konzepte/${milestone[1]}#meilenstein-${milestone[2]}`;
  const concept = /^\/v1\/concepts\/([^/]+)/.exec(path);
  if (concept) return `/konzepte/${concept[1]}`;
  return undefined;
}
