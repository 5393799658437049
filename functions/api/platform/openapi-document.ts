import { NEVER_STORED } from './idempotency.ts';
import { header, IDEMPOTENCY_KEY } from './openapi-components.ts';

/**
 * What the routes' specs cannot say each for itself, added once to the generated document (on
 * the first `GET /openapi.json`, never per request):
 * - an `operationId` for every operation, derived from its method and path (`operationIdOf`);
 * - `Idempotency-Key` on every POST the idempotency middleware serves;
 * - on every 201, the `Location` header and a link to the read of what was created;
 * - `X-Request-Id` on every response (request-context.ts sends it with each).
 */

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Reference {
  $ref: string;
}
type Schema = Record<string, unknown> & { properties?: Record<string, unknown>; allOf?: unknown[] };
interface Response {
  content?: Record<string, { schema?: Schema | Reference }>;
  headers?: Record<string, unknown>;
  links?: Record<string, unknown>;
}
interface Operation {
  operationId?: string;
  parameters?: unknown[];
  responses?: Record<string, Response | Reference>;
}
interface Document {
  paths?: Record<string, Partial<Record<(typeof METHODS)[number], Operation>> | undefined>;
  components?: Record<string, Record<string, unknown> | undefined>;
}

/** A Hono path segment (`{id}`), or a literal one. */
const parameterOf = (segment: string) => /^\{(\w+)\}$/.exec(segment)?.[1];

/** Operations whose derived name would read badly (file-like paths, the open feed, an action). */
const NAMED: Record<string, string> = {
  'GET /calendar/{file}': 'getCalendarFeed',
  'GET /v1/deadlines.ics': 'getDeadlineFeed',
  'GET /v1/exports/applications.csv': 'exportApplications',
  'POST /v1/applications/{id}/amendments': 'amendApplication',
  'PUT /v1/deadlines/{id}/reminders': 'setDeadlineReminders',
  'POST /v1/deadlines/{id}/done': 'markDeadlineDone',
  'GET /v1/summary': 'getSummary',
};

/** A record's parts read (`get…`) or changed (`change…`) as one: `GET …/{id}/history` → getTaskHistory. */
const PARTS = new Set(['history', 'budget', 'costs', 'narrative', 'status', 'owner', 'staffing']);
/** Actions named by their verb: `POST …/documents/{documentId}/complete` → completeTaskDocument. */
const ACTIONS = new Set(['complete', 'download', 'run']);
/** Collections found under several records, named with their parent: reports, documents. */
const QUALIFIED = new Set(['documents', 'reports']);
/** Collections whose item is not the plural without its s. */
const IRREGULAR: Record<string, [one: string, many: string]> = {
  progress: ['ProgressEntry', 'ProgressEntries'],
  costs: ['MonthlyCost', 'MonthlyCosts'],
};
/** The verb of an operation on one item of a collection. */
const ITEM_VERBS: Record<string, string> = { get: 'get', patch: 'update', put: 'set', delete: 'delete' };

const pascal = (segment: string) =>
  segment
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
const nounsOf = (segment: string): [one: string, many: string] =>
  IRREGULAR[segment] ?? [pascal(segment).replace(/s$/, ''), pascal(segment)];

/**
 * The operationId of an operation: its verb and what it acts on, e.g. `GET /v1/applications` →
 * listApplications, `POST /v1/applications/{id}/funds-calls` → createFundsCall, `POST
 * /v1/applications/{id}/status` → changeApplicationStatus, `DELETE /v1/tasks/{id}/documents/{documentId}`
 * → deleteTaskDocument. Pure and stable: a test pins every name, so a rename shows.
 */
export function operationIdOf(method: string, path: string): string {
  const verb = method.toLowerCase();
  const named = NAMED[`${verb.toUpperCase()} ${path}`];
  if (named) return named;
  const fail = (why: string) => new Error(`Cannot name ${method} ${path} (${why}): add it to NAMED`);
  const [root, ...segments] = path.split('/').filter(Boolean);
  if (root !== 'v1') throw fail('outside /v1');
  for (const segment of segments)
    if (parameterOf(segment) === undefined && !/^[a-z]+(-[a-z]+)*$/.test(segment)) throw fail(segment);

  // Each collection with the parameter that picks one of its items: applications/{id} → Application.
  let item = '';
  let at = 0;
  while (at + 1 < segments.length && parameterOf(segments[at + 1]!) !== undefined) {
    const collection = segments[at]!;
    item = (QUALIFIED.has(collection) ? item : '') + nounsOf(collection)[0];
    at += 2;
  }
  const [tail, action, ...more] = segments.slice(at);
  if (tail === undefined) return `${ITEM_VERBS[verb] ?? fail('method on an item')}${item}`;
  if (parameterOf(tail) !== undefined || more.length > 0) throw fail('path shape');
  if (action !== undefined) {
    // An action on a whole collection: POST /v1/reminders/run → runReminders.
    if (!ACTIONS.has(action) || item) throw fail(`action ${action}`);
    return `${action}${pascal(tail)}`;
  }
  if (PARTS.has(tail)) return `${verb === 'get' ? 'get' : 'change'}${item}${pascal(tail)}`;
  if (ACTIONS.has(tail)) {
    if (!item) throw fail(`action ${tail} on nothing`);
    return `${tail}${item}`;
  }
  const [one, many] = nounsOf(tail);
  const parent = QUALIFIED.has(tail) ? item : '';
  if (verb === 'get') return `list${parent}${many}`;
  if (verb === 'post') return `create${parent}${one}`;
  throw fail('method on a collection');
}

/** The idempotency middleware serves every POST under /v1 but the calendar token's (idempotency.ts). */
const takesIdempotencyKey = (method: string, path: string) =>
  method === 'post' && path.startsWith('/v1/') && !NEVER_STORED.test(path);

/** Completes the generated document (see the top of this file); the input is left as it was. */
export function completeDocument<D extends object>(generated: D): D {
  const document = structuredClone(generated) as D & Document;
  const owners = new Map<string, string>();
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, item = {}]) =>
    METHODS.flatMap((method) => {
      const generatedOperation = item[method];
      if (!generatedOperation) return [];
      const operationId = operationIdOf(method, path);
      const owner = owners.get(operationId);
      if (owner) throw new Error(`operationId ${operationId} of ${method} ${path} is taken by ${owner}`);
      owners.set(operationId, `${method} ${path}`);
      const operation: Operation = { operationId, ...generatedOperation };
      if (takesIdempotencyKey(method, path))
        operation.parameters = [...(operation.parameters ?? []), parameter(IDEMPOTENCY_KEY)];
      item[method] = operation;
      return [{ method, path, operation }];
    }),
  );

  for (const { path, operation } of operations) {
    const created = operation.responses?.['201'];
    if (created && !('$ref' in created)) {
      created.headers = { ...created.headers, Location: header('Location') };
      created.links = { ...created.links, ...linkToRead(document, path, created) };
    }
  }

  const responses = [
    ...operations.flatMap(({ operation }) => Object.values(operation.responses ?? {})),
    ...Object.values((document.components?.responses ?? {}) as Record<string, Response | Reference>),
  ];
  for (const response of responses) {
    if ('$ref' in response) continue;
    response.headers = { ...response.headers, 'X-Request-Id': header('X-Request-Id') };
  }
  return document;
}

const parameter = (name: string) => ({ $ref: `#/components/parameters/${name}` });

/** What a local `$ref` points at; anything else as it is. */
function resolve(document: Document, node: unknown): unknown {
  let current = node;
  for (let hops = 0; hops < 10; hops++) {
    const ref = (current as Partial<Reference> | undefined)?.$ref;
    if (typeof ref !== 'string') return current;
    current = ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], document);
  }
  throw new Error('$ref chain too long');
}

/** The properties of an object schema, those of its `allOf` parts included. */
function propertiesOf(document: Document, node: unknown): Record<string, unknown> {
  const schema = resolve(document, node) as Schema | undefined;
  return Object.assign(
    {},
    ...(schema?.allOf ?? []).map((part) => propertiesOf(document, part)),
    schema?.properties ?? {},
  );
}

const jsonSchemaOf = (response: Response | Reference | undefined) =>
  response && !('$ref' in response) ? response.content?.['application/json']?.schema : undefined;

/**
 * The link of a 201 to the read of what it created: `GET <create path>/{new}`, its other path
 * parameters from the request, the new one from the answer: the answer's `id`, or the `id` of the
 * part of the answer that the read returns (an announced document's `document`).
 */
function linkToRead(document: Document, path: string, created: Response) {
  const reads = Object.keys(document.paths ?? {}).filter(
    (candidate) =>
      candidate.startsWith(`${path}/`) &&
      parameterOf(candidate.slice(path.length + 1)) !== undefined &&
      document.paths?.[candidate]?.get,
  );
  if (reads.length !== 1) throw new Error(`POST ${path} answers 201 but has no one read of what it created`);
  const readPath = reads[0]!;
  const read = document.paths?.[readPath]?.get;
  const newParameter = parameterOf(readPath.slice(path.length + 1))!;

  const body = propertiesOf(document, jsonSchemaOf(created));
  let pointer = 'id' in body ? '/id' : undefined;
  if (!pointer) {
    const readSchema = JSON.stringify(resolve(document, jsonSchemaOf(read?.responses?.['200'])));
    const part = Object.keys(body).find(
      (name) =>
        JSON.stringify(resolve(document, body[name])) === readSchema &&
        'id' in propertiesOf(document, body[name]),
    );
    if (!part) throw new Error(`POST ${path}: which part of the answer is the record GET ${readPath} reads?`);
    pointer = `/${part}/id`;
  }

  const parameters = Object.fromEntries(
    [...readPath.matchAll(/\{(\w+)\}/g)].map(([, name = '']) => [
      name,
      name === newParameter ? `$response.body#${pointer}` : `$request.path.${name}`,
    ]),
  );
  const operationId = read?.operationId ?? operationIdOf('get', readPath);
  return { [operationId]: { operationId, parameters, description: 'Read what was created' } };
}
