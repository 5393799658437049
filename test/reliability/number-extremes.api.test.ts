import { beforeAll, describe, expect, it } from 'vitest';
import { NUMBER_EXTREMES } from '../support/extremes.ts';
import { buildWorld, type World, worldPath } from '../support/fuzz-world.ts';
import {
  exampleOf,
  fieldLabel,
  fieldsOf,
  isNumeric,
  issuePath,
  jsonWithRawAt,
  typesOf,
} from '../support/json-schema.ts';
import {
  type DocumentedOperation,
  documentedOperations,
  type JsonSchema,
  type OpenApiDocument,
  openApiDocument,
} from '../support/openapi-paths.ts';
import { schemaValidator } from '../support/schema-validator.ts';
import { createTestApi, type TestApi } from '../support/test-api.ts';

/**
 * DynamoDB stores numbers of at most 38 significant digits between 1e-130 and 1e126; JSON
 * carries any. Every number a client can send — each number field of each JSON request body
 * (nested objects and arrays included), each numeric query and path parameter, as the OpenAPI
 * document lists them — is sent the extremes, as raw JSON text; each must be refused with a 400
 * problem naming that field, before anything reaches the store. And the document says so: each
 * such number has a minimum and a maximum, and is an integer or has a step (multipleOf).
 */
let api: TestApi;
let document: OpenApiDocument;
let operations: DocumentedOperation[];
let world: World;

interface Target {
  operation: DocumentedOperation;
  /** How the field is named here: `notice.budgetYears[0].approvedCents`, `query limit`. */
  field: string;
  schema: JsonSchema;
  /** What `errors[].path` of the 400 must name. */
  errorPath: string;
  request: (raw: string) => { path: string; body?: string };
}

function targetsOf(operation: DocumentedOperation): Target[] {
  const targets: Target[] = [];
  const { body, template } = operation;
  if (body) {
    const base = exampleOf(document, body);
    for (const { path, schema } of fieldsOf(document, body, isNumeric)) {
      targets.push({
        operation,
        field: fieldLabel(path),
        schema,
        errorPath: issuePath(path),
        request: (raw) => ({
          path: worldPath(world, template),
          body: jsonWithRawAt(document, body, base, path, raw),
        }),
      });
    }
  }
  const requiredQuery = operation.parameters.filter(
    (parameter) => parameter.in === 'query' && parameter.required,
  );
  for (const parameter of operation.parameters) {
    if (!parameter.schema || !isNumeric(parameter.schema)) continue;
    const { name } = parameter;
    const query = (raw: string) =>
      [
        ...requiredQuery
          .filter((other) => other.name !== name)
          .map((other) => [other.name, String(exampleOf(document, other.schema ?? {}))]),
        [name, raw],
      ]
        .map(([key, value]) => `${key}=${encodeURIComponent(value!)}`)
        .join('&');
    if (parameter.in === 'query') {
      targets.push({
        operation,
        field: `query ${name}`,
        schema: parameter.schema,
        errorPath: name,
        request: (raw) => ({ path: `${worldPath(world, template)}?${query(raw)}`, ...jsonBodyOf(operation) }),
      });
    } else if (parameter.in === 'path') {
      targets.push({
        operation,
        field: `path ${name}`,
        schema: parameter.schema,
        errorPath: name,
        request: (raw) => ({ path: worldPath(world, template, { [name]: raw }), ...jsonBodyOf(operation) }),
      });
    }
  }
  return targets;
}

/** A valid body for the operations that need one, so only the parameter is wrong. */
const jsonBodyOf = (operation: DocumentedOperation) =>
  operation.body ? { body: JSON.stringify(exampleOf(document, operation.body)) } : {};

let targets: Target[];

beforeAll(async () => {
  api = await createTestApi();
  document = await openApiDocument(api);
  operations = documentedOperations(document);
  world = await buildWorld(api, document, operations);
  targets = operations.flatMap(targetsOf);
});

describe('numbers DynamoDB cannot store', () => {
  it('finds the number fields of every operation, nested ones too', () => {
    const fields = new Set(targets.map((target) => `${target.operation.label} ${target.field}`));
    for (const expected of [
      'POST /v1/applications/{id}/status notice.approvedCents',
      'POST /v1/programs sources[0].shareBasisPoints',
      'PATCH /v1/applications/{id}/funds-calls/{callId} spent[0].amountCents',
      'POST /v1/applications/{id}/amendments budgetYears[0].approvedCents',
      'GET /v1/programs query limit',
      'PUT /v1/positions/{id}/cost-plan/{year} path year',
    ]) {
      expect(fields).toContain(expected);
    }
  });

  it('are bounded and stepped in the document: minimum, maximum, and integer or multipleOf', () => {
    const unbounded = targets.flatMap(({ operation, field, schema }) => {
      const missing = [
        ...(Number.isFinite(schema.minimum) ? [] : ['minimum']),
        ...(Number.isFinite(schema.maximum) ? [] : ['maximum']),
        ...(typesOf(schema).includes('integer') || (schema.multipleOf ?? 0) > 0
          ? []
          : ['integer or multipleOf']),
      ];
      return missing.length ? [`${operation.label} ${field}: no ${missing.join(', no ')}`] : [];
    });
    expect(unbounded).toEqual([]);
  });

  it('are refused with 400 naming the field, on every number of every operation', async () => {
    const { validate } = schemaValidator(document);
    const admin = { authorization: `Bearer ${await api.tokenFor('admin')}` };
    const failures: string[] = [];
    const send = async (target: Target, raw: string) => {
      const { path, body } = target.request(raw);
      const { method } = target.operation;
      const response = await api.call(method, path, {
        headers: { ...admin, 'if-match': '"1"', ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body } : {}),
      });
      const named: unknown[] = (response.json?.errors ?? []).map((error: { path?: unknown }) => error.path);
      const request = `${method} ${path}${body ? ` ${body}` : ''} → ${response.status} ${response.text.slice(0, 300)}`;
      return { response, named, request };
    };
    for (const target of targets) {
      // With a number DynamoDB can store instead, the body is valid per the document: a refusal
      // below is the extreme's.
      const storable = target.request(JSON.stringify(exampleOf(document, target.schema))).body;
      const invalid =
        storable && target.operation.body ? validate(target.operation.body, JSON.parse(storable)) : [];
      if (invalid.length)
        failures.push(`${target.operation.label} ${target.field}: the body is invalid anyway: ${invalid}`);
      for (const raw of NUMBER_EXTREMES) {
        const { response, named, request } = await send(target, raw);
        if (
          response.status !== 400 ||
          response.headers.get('content-type') !== 'application/problem+json' ||
          !named.includes(target.errorPath)
        ) {
          failures.push(`${target.operation.label} ${target.field} = ${raw}: ${request}`);
        }
      }
    }
    const operationsCovered = new Set(targets.map((target) => target.operation.label)).size;
    console.log(
      `number extremes: ${targets.length} (operation, field) pairs on ${operationsCovered} operations × ${NUMBER_EXTREMES.length} values = ${targets.length * NUMBER_EXTREMES.length} requests, ${failures.length} not refused as they must be`,
    );
    expect(failures).toEqual([]);
  }, 120_000);
});
