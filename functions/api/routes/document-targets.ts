import type { Role } from '../../../shared/domain/roles.ts';
import type { DocumentTarget } from '../../../shared/store/document.repository.ts';
import * as z from '../../../shared/zod.ts';
import { ulidSchema } from '../platform/openapi.ts';

export const param = (name: string, schema: z.ZodString = ulidSchema) =>
  schema.openapi({ param: { name, in: 'path' } });
const noticeVersion = z.string().regex(/^[1-9]\d{0,3}$/, 'is not a notice version');
const reportId = z.string().regex(/^(final|interim-\d{4})$/, 'is not a report id');

const FUNDING_WRITERS: Role[] = ['finance', 'admin'];
const WORK_WRITERS: Role[] = ['coordinator', 'admin'];

type Params = Record<string, string>;

export interface TargetDefinition {
  type: string;
  /** The record's path below /v1 in OpenAPI syntax. */
  route: string;
  params: z.ZodObject<Record<string, z.ZodString>>;
  writers: Role[];
  target(params: Params): Omit<DocumentTarget, 'type' | 'path'>;
}

/**
 * A record documents attach to: its path (each `{name}` in it a ULID unless `schemas` says
 * otherwise), who may attach, and its item: in the partition `<partition>#<id>`, told from the
 * partition's other records by its sort key.
 */
function target(
  type: string,
  route: string,
  writers: Role[],
  partition: string,
  sortKey: (params: Params) => string,
  schemas: Record<string, z.ZodString> = {},
): TargetDefinition {
  const names = [...route.matchAll(/\{(\w+)\}/g)].map(([, name = '']) => name);
  return {
    type,
    route,
    params: z.object(Object.fromEntries(names.map((name) => [name, param(name, schemas[name])]))),
    writers,
    target: (params) => {
      const sk = sortKey(params);
      return { key: { pk: `${partition}#${params.id}`, sk }, reference: sk };
    },
  };
}

/** The application and the records in its partition: notices, funds calls, statements of use. */
const ofApplication = (
  type: string,
  below: string,
  sortKey: (params: Params) => string,
  schemas?: Record<string, z.ZodString>,
) => target(type, `/applications/{id}${below}`, FUNDING_WRITERS, 'APP', sortKey, schemas);
/** The concept and the records in its partition: milestones and their reports. */
const ofConcept = (type: string, below: string, sortKey: (params: Params) => string) =>
  target(type, `/concepts/{id}${below}`, WORK_WRITERS, 'CONCEPT', sortKey);

/** Every record a document can be attached to, with who may attach. */
export const TARGETS: TargetDefinition[] = [
  ofApplication('application', '', () => 'APP'),
  ofApplication('notice', '/notices/{version}', (p) => `NOTICE#${String(p.version).padStart(4, '0')}`, {
    version: noticeVersion,
  }),
  ofApplication('funds call', '/funds-calls/{callId}', (p) => `CALL#${p.callId}`),
  ofApplication('report', '/reports/{reportId}', (p) => `REPORT#${p.reportId}`, { reportId }),
  target('position', '/positions/{id}', FUNDING_WRITERS, 'POS', () => 'POS'),
  target('task', '/tasks/{id}', WORK_WRITERS, 'TASK', () => 'TASK'),
  ofConcept('concept', '', () => 'CONCEPT'),
  ofConcept('milestone', '/milestones/{milestoneId}', (p) => `MILESTONE#${p.milestoneId}`),
  ofConcept(
    'milestone report',
    '/milestones/{milestoneId}/reports/{reportId}',
    (p) => `MILESTONE#${p.milestoneId}#REPORT#${p.reportId}`,
  ),
];
