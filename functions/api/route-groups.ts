import type { MountRoutes } from './groups/mount-routes.ts';

/**
 * The API's routes in groups, each its own module behind a dynamic import. Locally every
 * group is mounted; on Lambda a request loads only its own group (routeGroupOf), so a cold
 * start parses and builds the schemas of one part of the API instead of all of it.
 * The order is the mounting order of the whole API (and of its OpenAPI document).
 */
export const ROUTE_GROUPS = {
  funding: async () => (await import('./groups/funding.ts')).mountFunding,
  positions: async () => (await import('./groups/positions.ts')).mountPositions,
  work: async () => (await import('./groups/work.ts')).mountWork,
  deadlines: async () => (await import('./groups/deadlines.ts')).mountDeadlines,
  documents: async () => (await import('./groups/documents.ts')).mountDocuments,
  summary: async () => (await import('./groups/summary.ts')).mountSummary,
} satisfies Record<string, () => Promise<MountRoutes>>;

export type RouteGroupName = keyof typeof ROUTE_GROUPS;
export const ALL_ROUTE_GROUPS = Object.keys(ROUTE_GROUPS) as RouteGroupName[];

/** The group of `/v1/<resource>/…` by its first segment. */
const GROUP_OF_RESOURCE: Record<string, RouteGroupName> = {
  programs: 'funding',
  applications: 'funding',
  exports: 'funding',
  positions: 'positions',
  tasks: 'work',
  concepts: 'work',
  deadlines: 'deadlines',
  'deadlines.ics': 'deadlines',
  reminders: 'deadlines',
  'calendar-tokens': 'deadlines',
  summary: 'summary',
};

/**
 * The one group whose routes can answer `path`, or undefined when only the whole API can
 * (its documents, an unknown path). A test checks every documented operation against it.
 */
export function routeGroupOf(path: string): RouteGroupName | undefined {
  const [, root, resource = '', ...rest] = path.split('/');
  if (root === 'calendar') return 'deadlines';
  if (root !== 'v1') return undefined;
  // Documents hang under their record: /v1/<records>/<id>[/<part>/<id>]/documents/…
  if (rest.includes('documents')) return 'documents';
  return GROUP_OF_RESOURCE[resource];
}
