import { beforeAll, describe, expect, it } from 'vitest';
import { fundingSteps } from '../support/funding.ts';
import { documentedPaths, SAMPLE_PARAMS } from '../support/openapi-paths.ts';
import { createTestApi, type TestApi } from '../support/test-api.ts';

/**
 * OWASP API1: an id that does not exist, or the id of another kind of record, finds
 * nothing on any id-bearing route — 404, and the body names nothing of the other record.
 * (Another coordinator's task is covered in tasks.api.test.ts.)
 */
let api: TestApi;
const records: { type: string; id: string; secret: string }[] = [];
let templates: string[];

const ULID_PARAM = /\{(id|callId|milestoneId|documentId|reportId|entryId)\}/g;
/** Required query parameters of some reads. */
const QUERY: Record<string, string> = { narrative: '?from=2023-01-01&to=2023-12-31' };
const withQuery = (path: string) => path + (QUERY[path.split('/').at(-1) ?? ''] ?? '');

beforeAll(async () => {
  api = await createTestApi();
  const steps = fundingSteps(api);
  const programId = await steps.program();
  records.push({ type: 'programs', id: programId, secret: 'Sozialstrategierichtlinie' });
  const application = await steps.approved(programId);
  records.push({ type: 'applications', id: application.id, secret: 'Quartiersplanungskoordination Erfurt' });
  const position = await steps.finance.post('/v1/positions', {
    title: 'Geheime Stelle XY',
    fte: 1,
    payGrade: 'TVöD E 11',
    orgUnit: 'Soziales',
    start: '2023-01-01',
    fundedBy: [{ applicationId: application.id, shareBasisPoints: 10_000 }],
  });
  records.push({ type: 'positions', id: position.json.id, secret: 'Geheime Stelle XY' });
  const coordinator = api.as('coordinator', 'kim@erfurt.example');
  const concept = await coordinator.post('/v1/concepts', {
    district: 'Geheimviertel',
    title: 'Geheimes Konzept',
    owner: { name: 'Kim', email: 'kim@erfurt.example' },
  });
  expect(concept.status, concept.text).toBe(201);
  records.push({ type: 'concepts', id: concept.json.id, secret: 'Geheimes Konzept' });
  const task = await coordinator.post('/v1/tasks', {
    title: 'Geheime Aufgabe',
    area: 'other',
    positionId: position.json.id,
    assignee: { name: 'Kim', email: 'kim@erfurt.example' },
  });
  expect(task.status, task.text).toBe(201);
  records.push({ type: 'tasks', id: task.json.id, secret: 'Geheime Aufgabe' });
  templates = Object.entries(await documentedPaths(api))
    .filter(
      ([template, methods]) => 'get' in methods && /\{(id|callId|milestoneId|documentId)\}/.test(template),
    )
    .map(([template]) => template);
});

const resourceOf = (template: string) => template.split('/')[2];

/**
 * What a template's id slot gets for `id`: a deadline's id names its record and a kind, so
 * there the record's id goes with a kind its type has not (a task's deadline for anything
 * but a task, a statement of use's for a task); elsewhere the id as it is.
 */
const idIn = (template: string, id: string, type?: string) =>
  template.startsWith('/v1/deadlines/') ? `${id}.${type === 'tasks' ? 'final_report' : 'task_due'}` : id;

describe('ids that belong to nothing, or to something else', () => {
  it('answers a nonexistent id with 404 on every id-bearing read', async () => {
    const failures: string[] = [];
    for (const template of templates) {
      const path = template
        .replace(ULID_PARAM, (_match, name: string) =>
          name === 'reportId' && !template.startsWith('/v1/concepts')
            ? 'final'
            : idIn(template, '01JC0Z6XKX2P4T3C8Y5W7QF9AB'),
        )
        .replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE_PARAMS[name] ?? 'x');
      const response = await api.as('admin').get(withQuery(path));
      if (response.status !== 404) failures.push(`${path}: ${response.status}`);
    }
    expect(templates.length).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  });

  it('never finds a record through a route for another kind, and leaks none of it', async () => {
    const failures: string[] = [];
    for (const template of templates) {
      const ulidSlots = [...template.matchAll(ULID_PARAM)].filter(
        ([, name]) => name !== 'reportId' || template.startsWith('/v1/concepts'),
      );
      for (const record of records) {
        if (record.type === resourceOf(template) && ulidSlots.length === 1) continue; // the legitimate read
        const path = template
          .replace(ULID_PARAM, (_match, name: string) =>
            name === 'reportId' && !template.startsWith('/v1/concepts')
              ? 'final'
              : idIn(template, record.id, record.type),
          )
          .replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE_PARAMS[name] ?? 'x');
        const response = await api.as('admin').get(withQuery(path));
        if (response.status !== 404) failures.push(`${path} (${record.type}): ${response.status}`);
        if (response.text.includes(record.secret)) failures.push(`${path} leaks ${record.type}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
