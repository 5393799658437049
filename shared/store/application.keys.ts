import type { Application } from '../domain/application.ts';

export const appPk = (id: string) => `APP#${id}`;
export const appKey = (id: string) => ({ pk: appPk(id), sk: 'APP' });
export const noticeSk = (version: number) => `NOTICE#${String(version).padStart(4, '0')}`;
export const callSk = (callId: string) => `CALL#${callId}`;
export const reportSk = (reportId: string) => `REPORT#${reportId}`;

/**
 * gsi1: all applications newest first; gsi2: a programme's applications by status;
 * gsi3: applications of one status newest first (disjoint from the open-deadline partitions).
 */
export function applicationItem(application: Application) {
  const created = `${application.createdAt}#${application.id}`;
  return {
    ...appKey(application.id),
    entity: 'application',
    gsi1pk: 'APPS',
    gsi1sk: created,
    gsi2pk: `PROGRAM#${application.programId}`,
    gsi2sk: `APP#${application.status}#${created}`,
    gsi3pk: `APPSTATUS#${application.status}`,
    gsi3sk: created,
    ...application,
  };
}
