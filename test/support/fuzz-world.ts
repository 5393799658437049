import { expect } from 'vitest';
import { erfurtApplicationBody, erfurtNotice } from '../fixtures/applications.ts';
import {
  ALEX,
  conceptBody,
  coordinationSteps,
  KIM,
  milestoneBody,
  reportBody,
  taskBody,
} from '../fixtures/coordinator.ts';
import { PDF } from '../fixtures/files.ts';
import { programBody } from '../fixtures/programs.ts';
import { fundingSteps } from './funding.ts';
import { type DocumentedOperation, fillPath, type OpenApiDocument, SAMPLE_PARAMS } from './openapi-paths.ts';
import type { TestApi } from './test-api.ts';

/**
 * A small world of records for requests generated from the OpenAPI document: a programme, a
 * draft and an approved application (notice version 1, a funds call, the reports `interim-2023`
 * and `final`), a position funded by it, a task with a progress entry, a concept with a
 * milestone and its report, a calendar token, every deadline these have (the final statement
 * of use first), and on everything that takes documents two
 * uploaded documents, one of them completed. Values are kept by the template prefix that names them
 * (`/v1/applications/{id}/funds-calls/{callId}`), so every parameter of every path gets the
 * records that exist under it, whatever the document calls the parameter.
 */
export interface World {
  /** Values of a path parameter that name something that exists under the template. */
  valuesOf(template: string, parameter: string): string[];
  /** The ids of every record in the world. */
  ids: string[];
  /** The people the records belong to. */
  emails: string[];
  /**
   * Bodies the API accepts in this world, by operation (`POST /v1/positions`): where the
   * domain's rules (shares adding up, dates in order, amounts within the notice) make a body
   * valid per schema unlikely to be accepted, the fuzzer starts from these.
   */
  examples: Record<string, unknown>;
}

const ADMIN_EMAIL = 'admin@erfurt.example';
const POSITION = {
  title: 'Quartiersplanungskoordination',
  fte: 1,
  payGrade: 'TVöD E 11',
  orgUnit: 'Amt für Soziales',
  start: '2023-01-01',
  end: '2025-12-31',
};
const DOCUMENT = {
  fileName: 'bescheid.pdf',
  contentType: 'application/pdf',
  sizeBytes: PDF.length,
  kind: 'notice',
};

export async function buildWorld(
  api: TestApi,
  document: OpenApiDocument,
  operations: readonly DocumentedOperation[],
): Promise<World> {
  const byPrefix = new Map<string, string[]>();
  const templates = Object.keys(document.paths);
  /** Files `values` under the prefix of the templates that continue the collection with a parameter. */
  const add = (collection: string, ...values: string[]) => {
    const next = templates
      .filter((template) => template.startsWith(`${collection}/{`))
      .map((template) => /^[^}]*\}/.exec(template.slice(collection.length))![0])
      .map((parameter) => collection + parameter);
    expect(next.length, `the document has no route below ${collection}`).toBeGreaterThan(0);
    for (const prefix of new Set(next)) byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), ...values]);
  };

  const funding = fundingSteps(api);
  const programId = await funding.program();
  const draft = await funding.draft(programId);
  const approved = await funding.approved(programId);
  add('/v1/programs', programId);
  add('/v1/applications', approved.id, draft.id);
  add('/v1/applications/{id}/notices', '1');
  add('/v1/applications/{id}/reports', 'interim-2023', 'final');
  const call = await funding.finance.post(`/v1/applications/${approved.id}/funds-calls`, {
    amountCents: 1000,
    calledOn: '2023-03-01',
  });
  expect(call.status, call.text).toBe(201);
  add('/v1/applications/{id}/funds-calls', call.json.id);

  const position = await funding.finance.post('/v1/positions', {
    ...POSITION,
    fundedBy: [{ applicationId: approved.id, shareBasisPoints: 10_000 }],
  });
  expect(position.status, position.text).toBe(201);
  add('/v1/positions', position.json.id);

  const coordination = coordinationSteps(api);
  const task = await coordination.task(position.json.id);
  add('/v1/tasks', task.id);
  const entry = await coordination.progress(task.id, { note: 'Träger befragt', percent: 20 });
  add('/v1/tasks/{id}/progress', entry.entry.id);
  const concept = await coordination.concept({ positionId: position.json.id });
  add('/v1/concepts', concept.id);
  const milestone = await coordination.milestone(concept.id);
  add('/v1/concepts/{id}/milestones', milestone.id);
  const report = await coordination.report(milestone);
  add('/v1/concepts/{id}/milestones/{milestoneId}/reports', report.id);

  const token = await api.raw('admin').post('/v1/calendar-tokens', { name: 'Fuzz' });
  expect(token.status, token.text).toBe(201);
  add('/v1/calendar-tokens', token.json.id);
  add('/calendar', `${token.json.token}.ics`);

  // Every deadline of the world, so the deadline operations act on real ones (not only 404s):
  // the final statement of use first (a duty its owner may set and mark done), then the rest
  // (events, spend-by, task, milestone, milestone report, a position's).
  const deadlineIds: string[] = [];
  // Windows of three years (the most a read spans), 2020 to 2028: every date of the world.
  for (const year of [2020, 2023, 2026]) {
    for (let cursor: string | null | undefined; cursor !== null; ) {
      const query = new URLSearchParams({ from: `${year}-01-01`, to: `${year + 2}-12-31`, limit: '100' });
      if (cursor) query.set('cursor', cursor);
      const page = await api.raw('admin').get(`/v1/deadlines?${query}`);
      expect(page.status, page.text).toBe(200);
      deadlineIds.push(...page.json.items.map((deadline: { id: string }) => deadline.id));
      cursor = page.json.nextCursor;
    }
  }
  const finalReport = `${approved.id}.final_report`;
  expect(deadlineIds).toContain(finalReport);
  add('/v1/deadlines', finalReport, ...deadlineIds.filter((id) => id !== finalReport));

  const world: World = {
    valuesOf(template, parameter) {
      const prefix = template.slice(0, template.indexOf(`{${parameter}}`) + parameter.length + 2);
      return byPrefix.get(prefix) ?? [SAMPLE_PARAMS[parameter] ?? 'x'];
    },
    ids: [],
    emails: [KIM.email, ALEX.email, 'anna.finanz@erfurt.example', ADMIN_EMAIL],
    examples: {
      'POST /v1/programs': programBody(),
      'PATCH /v1/programs/{id}': { funder: 'TLVwA' },
      'POST /v1/applications': erfurtApplicationBody(programId),
      'PATCH /v1/applications/{id}': { title: 'Quartiersarbeit Erfurt' },
      'POST /v1/applications/{id}/status': { to: 'submitted' },
      'POST /v1/applications/{id}/amendments': erfurtNotice({ date: '2024-01-01' }),
      'POST /v1/applications/{id}/funds-calls': { amountCents: 100, calledOn: '2023-05-01' },
      'PATCH /v1/applications/{id}/funds-calls/{callId}': { receivedOn: '2023-03-02' },
      'PATCH /v1/applications/{id}/reports/{reportId}': { status: 'submitted', submittedOn: '2024-04-20' },
      'POST /v1/positions': { ...POSITION, fte: 0.5, fundedBy: [] },
      'PATCH /v1/positions/{id}': { fte: 0.75 },
      'POST /v1/positions/{id}/staffing': { to: 'advertised', on: '2023-01-10' },
      'PUT /v1/positions/{id}/cost-plan/{year}': { plannedGrossSalaryCents: 5_000_000 },
      'PUT /v1/positions/{id}/costs/{month}': { grossSalaryCents: 450_000 },
      'POST /v1/tasks': taskBody(position.json.id),
      'PATCH /v1/tasks/{id}': { title: 'Neu', dueOn: '2023-07-15' },
      'POST /v1/tasks/{id}/progress': { note: 'Weiter', percent: 100 },
      'POST /v1/concepts': conceptBody(),
      'PATCH /v1/concepts/{id}': { title: 'Neu' },
      'POST /v1/concepts/{id}/milestones': milestoneBody(),
      'PATCH /v1/concepts/{id}/milestones/{milestoneId}': { status: 'achieved', achievedOn: '2023-03-29' },
      'POST /v1/concepts/{id}/milestones/{milestoneId}/reports': reportBody(),
      'PATCH /v1/concepts/{id}/milestones/{milestoneId}/reports/{reportId}': { summary: 'Neu' },
      'POST /v1/calendar-tokens': { name: 'Handy' },
      'POST /v1/reminders/run': { date: '2023-06-01' },
      'PUT /v1/deadlines/{id}/reminders': { offsets: [60, 30, 7, 0] },
      'POST /v1/deadlines/{id}/done': {},
    },
  };
  for (const { template } of operations.filter(
    (operation) => operation.method === 'POST' && operation.template.endsWith('/documents'),
  )) {
    world.examples[`POST ${template}`] = DOCUMENT;
  }

  // On every record that takes documents (found in the document, not listed here): one
  // document uploaded and completed, one uploaded and waiting to be completed.
  for (const { template } of operations.filter(
    (operation) => operation.method === 'POST' && operation.template.endsWith('/documents'),
  )) {
    const path = worldPath(world, template);
    const ids: string[] = [];
    for (const complete of [true, false]) {
      const announced = await api.raw('admin').post(path, DOCUMENT);
      expect(announced.status, `${path}: ${announced.text}`).toBe(201);
      const { url, headers } = announced.json.upload;
      expect((await fetch(url, { method: 'PUT', body: new Uint8Array(PDF), headers })).status).toBe(200);
      if (complete) {
        const completed = await api.raw('admin').post(`${path}/${announced.json.document.id}/complete`);
        expect(completed.status, completed.text).toBe(200);
      }
      ids.push(announced.json.document.id);
    }
    add(template, ...ids);
  }
  world.ids = [
    ...new Set([...byPrefix.values()].flat().filter((value) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(value))),
  ];
  return world;
}

/** The names of a template's path parameters, in order. */
export const parameterNames = (template: string) =>
  [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);

/** A path of the template naming records of the world (the first value of each parameter). */
export const worldPath = (world: World, template: string, overrides: Record<string, string> = {}) =>
  fillPath(
    template,
    Object.fromEntries(
      parameterNames(template).map((name) => [name, overrides[name] ?? world.valuesOf(template, name)[0]!]),
    ),
  );
