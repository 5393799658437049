import { beforeAll, describe, expect, it } from 'vitest';
import { operationIdOf } from '../../functions/api/platform/openapi-document.ts';
import { SOZIALSTRATEGIE_THUERINGEN } from '../../shared/domain/program.ts';
import { erfurtApplicationBody } from '../fixtures/applications.ts';
import { createTestApi, type TestApi } from '../support/test-api.ts';

/**
 * What the OpenAPI document promises beyond its schemas, checked against the API: the names of
 * the operations, the links from each create to the read of what it made, the patterns of the
 * request headers the API restricts, and the headers every answer carries.
 */
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: { pattern?: string };
  $ref?: string;
}
interface Link {
  operationId: string;
  parameters: Record<string, string>;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  responses: Record<string, Response>;
}
interface Response {
  $ref?: string;
  headers?: Record<string, unknown>;
  links?: Record<string, Link>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { parameters: Record<string, Parameter>; responses: Record<string, Response> };
}

let api: TestApi;
let document: Document;
let operations: { method: string; path: string; operation: Operation }[];

beforeAll(async () => {
  api = await createTestApi();
  document = (await api.call('GET', '/openapi.json')).json as Document;
  operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
});

/** A header parameter of an operation by (lower-case) name, `$ref`s resolved. */
function headerOf(operation: Operation, name: string): Parameter | undefined {
  return (operation.parameters ?? [])
    .map((parameter) =>
      parameter.$ref
        ? document.components.parameters[parameter.$ref.replace('#/components/parameters/', '')]!
        : parameter,
    )
    .find((parameter) => parameter.in === 'header' && parameter.name.toLowerCase() === name);
}

const byOperationId = (id: string) => operations.find(({ operation }) => operation.operationId === id);

/** Every operation's name: a rename breaks clients generated from the document, so it shows here. */
const OPERATION_IDS = [
  'amendApplication POST /v1/applications/{id}/amendments',
  'changeApplicationOwner PUT /v1/applications/{id}/owner',
  'changeApplicationStatus POST /v1/applications/{id}/status',
  'changePositionStaffing POST /v1/positions/{id}/staffing',
  'completeApplicationDocument POST /v1/applications/{id}/documents/{documentId}/complete',
  'completeApplicationReportDocument POST /v1/applications/{id}/reports/{reportId}/documents/{documentId}/complete',
  'completeConceptDocument POST /v1/concepts/{id}/documents/{documentId}/complete',
  'completeFundsCallDocument POST /v1/applications/{id}/funds-calls/{callId}/documents/{documentId}/complete',
  'completeMilestoneDocument POST /v1/concepts/{id}/milestones/{milestoneId}/documents/{documentId}/complete',
  'completeMilestoneReportDocument POST /v1/concepts/{id}/milestones/{milestoneId}/reports/{reportId}/documents/{documentId}/complete',
  'completeNoticeDocument POST /v1/applications/{id}/notices/{version}/documents/{documentId}/complete',
  'completePositionDocument POST /v1/positions/{id}/documents/{documentId}/complete',
  'completeTaskDocument POST /v1/tasks/{id}/documents/{documentId}/complete',
  'createApplication POST /v1/applications',
  'createApplicationDocument POST /v1/applications/{id}/documents',
  'createApplicationReportDocument POST /v1/applications/{id}/reports/{reportId}/documents',
  'createCalendarToken POST /v1/calendar-tokens',
  'createConcept POST /v1/concepts',
  'createConceptDocument POST /v1/concepts/{id}/documents',
  'createFundsCall POST /v1/applications/{id}/funds-calls',
  'createFundsCallDocument POST /v1/applications/{id}/funds-calls/{callId}/documents',
  'createMilestone POST /v1/concepts/{id}/milestones',
  'createMilestoneDocument POST /v1/concepts/{id}/milestones/{milestoneId}/documents',
  'createMilestoneReport POST /v1/concepts/{id}/milestones/{milestoneId}/reports',
  'createMilestoneReportDocument POST /v1/concepts/{id}/milestones/{milestoneId}/reports/{reportId}/documents',
  'createNoticeDocument POST /v1/applications/{id}/notices/{version}/documents',
  'createPosition POST /v1/positions',
  'createPositionDocument POST /v1/positions/{id}/documents',
  'createProgram POST /v1/programs',
  'createProgressEntry POST /v1/tasks/{id}/progress',
  'createTask POST /v1/tasks',
  'createTaskDocument POST /v1/tasks/{id}/documents',
  'deleteApplicationDocument DELETE /v1/applications/{id}/documents/{documentId}',
  'deleteApplicationReportDocument DELETE /v1/applications/{id}/reports/{reportId}/documents/{documentId}',
  'deleteCalendarToken DELETE /v1/calendar-tokens/{id}',
  'deleteConceptDocument DELETE /v1/concepts/{id}/documents/{documentId}',
  'deleteFundsCallDocument DELETE /v1/applications/{id}/funds-calls/{callId}/documents/{documentId}',
  'deleteMilestoneDocument DELETE /v1/concepts/{id}/milestones/{milestoneId}/documents/{documentId}',
  'deleteMilestoneReportDocument DELETE /v1/concepts/{id}/milestones/{milestoneId}/reports/{reportId}/documents/{documentId}',
  'deleteNoticeDocument DELETE /v1/applications/{id}/notices/{version}/documents/{documentId}',
  'deletePositionDocument DELETE /v1/positions/{id}/documents/{documentId}',
  'deleteTaskDocument DELETE /v1/tasks/{id}/documents/{documentId}',
  'downloadApplicationDocument GET /v1/applications/{id}/documents/{documentId}/download',
  'downloadApplicationReportDocument GET /v1/applications/{id}/reports/{reportId}/documents/{documentId}/download',
  'downloadConceptDocument GET /v1/concepts/{id}/documents/{documentId}/download',
  'downloadFundsCallDocument GET /v1/applications/{id}/funds-calls/{callId}/documents/{documentId}/download',
  'downloadMilestoneDocument GET /v1/concepts/{id}/milestones/{milestoneId}/documents/{documentId}/download',
  'downloadMilestoneReportDocument GET /v1/concepts/{id}/milestones/{milestoneId}/reports/{reportId}/documents/{documentId}/download',
  'downloadNoticeDocument GET /v1/applications/{id}/notices/{version}/documents/{documentId}/download',
  'downloadPositionDocument GET /v1/positions/{id}/documents/{documentId}/download',
  'downloadTaskDocument GET /v1/tasks/{id}/documents/{documentId}/download',
  'exportApplications GET /v1/exports/applications.csv',
  'getApplication GET /v1/applications/{id}',
  'getApplicationBudget GET /v1/applications/{id}/budget',
  'getApplicationDocument GET /v1/applications/{id}/documents/{documentId}',
  'getApplicationHistory GET /v1/applications/{id}/history',
  'getApplicationReport GET /v1/applications/{id}/reports/{reportId}',
  'getApplicationReportDocument GET /v1/applications/{id}/reports/{reportId}/documents/{documentId}',
  'getCalendarFeed GET /calendar/{file}',
  'getCalendarToken GET /v1/calendar-tokens/{id}',
  'getConcept GET /v1/concepts/{id}',
  'getConceptDocument GET /v1/concepts/{id}/documents/{documentId}',
  'getConceptHistory GET /v1/concepts/{id}/history',
  'getDeadline GET /v1/deadlines/{id}',
  'getDeadlineFeed GET /v1/deadlines.ics',
  'getFundsCall GET /v1/applications/{id}/funds-calls/{callId}',
  'getFundsCallDocument GET /v1/applications/{id}/funds-calls/{callId}/documents/{documentId}',
  'getMilestone GET /v1/concepts/{id}/milestones/{milestoneId}',
  'getMilestoneDocument GET /v1/concepts/{id}/milestones/{milestoneId}/documents/{documentId}',
  'getMilestoneReport GET /v1/concepts/{id}/milestones/{milestoneId}/reports/{reportId}',
  'getMilestoneReportDocument GET /v1/concepts/{id}/milestones/{milestoneId}/reports/{reportId}/documents/{documentId}',
  'getNoticeDocument GET /v1/applications/{id}/notices/{version}/documents/{documentId}',
  'getPosition GET /v1/positions/{id}',
  'getPositionCosts GET /v1/positions/{id}/costs',
  'getPositionDocument GET /v1/positions/{id}/documents/{documentId}',
  'getPositionHistory GET /v1/positions/{id}/history',
  'getPositionNarrative GET /v1/positions/{id}/narrative',
  'getProgram GET /v1/programs/{id}',
  'getProgramHistory GET /v1/programs/{id}/history',
  'getProgressEntry GET /v1/tasks/{id}/progress/{entryId}',
  'getTask GET /v1/tasks/{id}',
  'getTaskDocument GET /v1/tasks/{id}/documents/{documentId}',
  'getTaskHistory GET /v1/tasks/{id}/history',
  'listApplicationDocuments GET /v1/applications/{id}/documents',
  'listApplicationReportDocuments GET /v1/applications/{id}/reports/{reportId}/documents',
  'listApplicationReports GET /v1/applications/{id}/reports',
  'listApplications GET /v1/applications',
  'listCalendarTokens GET /v1/calendar-tokens',
  'listConceptDocuments GET /v1/concepts/{id}/documents',
  'listConcepts GET /v1/concepts',
  'listDeadlines GET /v1/deadlines',
  'listFundsCallDocuments GET /v1/applications/{id}/funds-calls/{callId}/documents',
  'listFundsCalls GET /v1/applications/{id}/funds-calls',
  'listMilestoneDocuments GET /v1/concepts/{id}/milestones/{milestoneId}/documents',
  'listMilestoneReportDocuments GET /v1/concepts/{id}/milestones/{milestoneId}/reports/{reportId}/documents',
  'listMilestoneReports GET /v1/concepts/{id}/milestones/{milestoneId}/reports',
  'listMilestones GET /v1/concepts/{id}/milestones',
  'listNoticeDocuments GET /v1/applications/{id}/notices/{version}/documents',
  'listNotices GET /v1/applications/{id}/notices',
  'listPositionDocuments GET /v1/positions/{id}/documents',
  'listPositions GET /v1/positions',
  'listPrograms GET /v1/programs',
  'listProgressEntries GET /v1/tasks/{id}/progress',
  'listReminders GET /v1/reminders',
  'listTaskDocuments GET /v1/tasks/{id}/documents',
  'listTasks GET /v1/tasks',
  'markDeadlineDone POST /v1/deadlines/{id}/done',
  'runReminders POST /v1/reminders/run',
  'setCostPlan PUT /v1/positions/{id}/cost-plan/{year}',
  'setDeadlineReminders PUT /v1/deadlines/{id}/reminders',
  'setMonthlyCost PUT /v1/positions/{id}/costs/{month}',
  'updateApplication PATCH /v1/applications/{id}',
  'updateApplicationReport PATCH /v1/applications/{id}/reports/{reportId}',
  'updateConcept PATCH /v1/concepts/{id}',
  'updateFundsCall PATCH /v1/applications/{id}/funds-calls/{callId}',
  'updateMilestone PATCH /v1/concepts/{id}/milestones/{milestoneId}',
  'updateMilestoneReport PATCH /v1/concepts/{id}/milestones/{milestoneId}/reports/{reportId}',
  'updatePosition PATCH /v1/positions/{id}',
  'updateProgram PATCH /v1/programs/{id}',
  'updateTask PATCH /v1/tasks/{id}',
];

describe('operationIds', () => {
  it('name every operation as pinned here, each once', () => {
    const named = operations.map(
      ({ method, path, operation }) => `${operation.operationId} ${method} ${path}`,
    );
    expect(named.sort()).toEqual(OPERATION_IDS);
  });

  it('are derived from method and path, and a path it cannot name readably fails instead of guessing', () => {
    expect(operationIdOf('get', '/v1/applications')).toBe('listApplications');
    expect(operationIdOf('post', '/v1/applications/{id}/status')).toBe('changeApplicationStatus');
    expect(() => operationIdOf('get', '/v1/exports/positions.csv')).toThrow(/add it to NAMED/);
    expect(() => operationIdOf('get', '/elsewhere/{id}')).toThrow(/outside \/v1/);
  });
});

/** The value of a link parameter's runtime expression, from the create's request path and answer. */
function evaluate(expression: string, requestPath: Record<string, string>, body: unknown): string {
  const fromPath = /^\$request\.path\.(\w+)$/.exec(expression);
  if (fromPath) return requestPath[fromPath[1]!]!;
  const fromBody = /^\$response\.body#(\/.*)$/.exec(expression);
  if (!fromBody) throw new Error(`Unexpected runtime expression ${expression}`);
  return fromBody[1]!
    .split('/')
    .slice(1)
    .reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], body) as string;
}

describe('links from each create to the read of what it made', () => {
  it('lead every 201 to a GET, naming each of its path parameters', () => {
    const creates = operations.filter(({ operation }) => operation.responses['201']);
    expect(creates.length).toBeGreaterThan(15);
    for (const { method, path, operation } of creates) {
      const links = Object.values(operation.responses['201']!.links ?? {});
      expect(links, `${method} ${path}`).toHaveLength(1);
      const target = byOperationId(links[0]!.operationId);
      expect(target?.method, `${method} ${path} → ${links[0]!.operationId}`).toBe('GET');
      const named = [...target!.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name).sort();
      expect(Object.keys(links[0]!.parameters).sort(), `${method} ${path}`).toEqual(named);
      expect(Object.keys(operation.responses['201']!.headers ?? {})).toContain('Location');
    }
  });

  it('read back what was created, where Location says it lives', async () => {
    const admin = api.raw('admin');
    const finance = api.raw('finance');
    const program = await admin.post('/v1/programs', SOZIALSTRATEGIE_THUERINGEN);
    const application = await finance.post('/v1/applications', erfurtApplicationBody(program.json.id));
    const document = { fileName: 'antrag.pdf', contentType: 'application/pdf', sizeBytes: 3, kind: 'other' };
    const created: { id: string; path: Record<string, string>; answer: typeof program }[] = [
      { id: 'createProgram', path: {}, answer: program },
      { id: 'createApplication', path: {}, answer: application },
      { id: 'createCalendarToken', path: {}, answer: await finance.post('/v1/calendar-tokens', {}) },
      {
        id: 'createApplicationDocument',
        path: { id: application.json.id },
        answer: await finance.post(`/v1/applications/${application.json.id}/documents`, document),
      },
    ];

    for (const { id, path, answer } of created) {
      expect(answer.status, `${id}: ${answer.text}`).toBe(201);
      const [link] = Object.values(byOperationId(id)!.operation.responses['201']!.links!);
      const read = byOperationId(link!.operationId)!;
      const target = read.path.replace(/\{(\w+)\}/g, (_, name: string) =>
        evaluate(link!.parameters[name]!, path, answer.json),
      );
      expect(target, id).toBe(answer.headers.get('location'));
      const readBack = await finance.get(target);
      expect(readBack.status, `${id} → ${link!.operationId} ${target}`).toBe(200);
      const newId = Object.values(link!.parameters).find((expression) => expression.startsWith('$response'));
      expect(readBack.json.id).toBe(evaluate(newId!, path, answer.json));
    }
  });
});

describe('restricted request headers', () => {
  /** Values an If-Match may take; the API reads the ones its documented pattern matches as a version. */
  const IF_MATCH_SAMPLES = [
    '"1"',
    'W/"1"',
    '1',
    '"1',
    '"999999999"',
    '"1234567890"',
    '*',
    '"a"',
    'W/1x',
    '""',
  ];

  it('declares If-Match required on every change but the two that may create, with the pattern the API reads', async () => {
    const optional = operations.filter(
      ({ operation }) => headerOf(operation, 'if-match')?.required === false,
    );
    expect(optional.map(({ operation }) => operation.operationId).sort()).toEqual([
      'setCostPlan',
      'setMonthlyCost',
    ]);
    const changes = operations.filter(({ operation }) => headerOf(operation, 'if-match'));
    expect(changes.length).toBeGreaterThan(10);
    const patterns = new Set(
      changes.map(({ operation }) => headerOf(operation, 'if-match')!.schema!.pattern),
    );
    expect(patterns.size).toBe(1);
    const pattern = new RegExp([...patterns][0]!);

    const admin = api.raw('admin');
    const program = (await admin.post('/v1/programs', { ...SOZIALSTRATEGIE_THUERINGEN, name: 'If-Match' }))
      .json;
    for (const value of IF_MATCH_SAMPLES) {
      const answer = await admin.patch(
        `/v1/programs/${program.id}`,
        { name: 'If-Match' },
        { 'if-match': value },
      );
      // A value read as a version is current (200) or stale ("changed since you read it"), never "names no version".
      const readAsVersion = !/does not name a current version/.test(answer.json?.detail ?? '');
      expect(readAsVersion, `If-Match: ${value} → ${answer.status} ${answer.text}`).toBe(pattern.test(value));
    }
    const missing = await admin.patch(`/v1/programs/${program.id}`, { name: 'If-Match' });
    expect(missing.status).toBe(428);
  });

  it('declares Idempotency-Key on exactly the POSTs that check it, with the pattern they check', async () => {
    const declared = operations.filter(({ operation }) => headerOf(operation, 'idempotency-key'));
    const posts = operations.filter(({ method }) => method === 'POST');
    expect(posts.length - declared.length).toBe(1); // the calendar token's: its secret is never stored for replay
    expect(declared.every(({ method }) => method === 'POST')).toBe(true);
    const pattern = new RegExp(headerOf(declared[0]!.operation, 'idempotency-key')!.schema!.pattern!);

    const admin = api.raw('admin');
    const refused = /Idempotency-Key must be/;
    for (const { method, path, operation } of posts) {
      const concrete = path
        .replace(/\{version\}/, '1')
        .replace(/\{reportId\}/, 'final')
        .replace(/\{\w+\}/g, '01JC0Z6XKX2P4T3C8Y5W7QF9AB');
      const answer = await admin.call(method, concrete, {}, { 'idempotency-key': 'not valid' });
      expect(refused.test(answer.json?.detail ?? ''), `${method} ${path} → ${answer.status}`).toBe(
        headerOf(operation, 'idempotency-key') !== undefined,
      );
    }

    for (const key of ['a', 'x'.repeat(255), '!~', 'x'.repeat(256), 'a b', 'ä']) {
      // An invalid body after the key: the key is checked first, and a refusal is never remembered.
      const answer = await admin.post('/v1/programs', { name: '' }, { 'idempotency-key': key });
      expect(refused.test(answer.json?.detail ?? ''), `Idempotency-Key: ${JSON.stringify(key)}`).toBe(
        !pattern.test(key),
      );
    }
  });
});

describe('response headers', () => {
  it('carry X-Request-Id on every answer, success or problem, as declared', async () => {
    const responses = document.components.responses;
    for (const { method, path, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const declared = response.$ref
          ? responses[response.$ref.replace('#/components/responses/', '')]!.headers
          : response.headers;
        expect(Object.keys(declared ?? {}), `${method} ${path} ${status}`).toContain('X-Request-Id');
      }
    }

    const finance = api.raw('finance');
    for (const answer of [
      await finance.get('/v1/programs'),
      await finance.get('/v1/programs/01JC0Z6XKX2P4T3C8Y5W7QF9AB'),
      await api.call('GET', '/v1/programs'),
      await finance.post('/v1/programs', {}),
    ]) {
      expect(answer.headers.get('x-request-id'), String(answer.status)).toMatch(/\S/);
    }
  });
});
