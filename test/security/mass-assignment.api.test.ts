import { beforeAll, describe, expect, it } from 'vitest';
import { documentedPaths, samplePath } from '../support/openapi-paths.ts';
import { createTestApi, type TestApi } from '../support/test-api.ts';

/**
 * OWASP API3: no write schema accepts a field it does not declare. Every JSON request body
 * in the OpenAPI document is sent with server-owned and unknown fields it does not list;
 * each must be refused with 400 naming every one of them.
 */
const SERVER_OWNED = [
  'id',
  'version',
  'createdAt',
  'updatedAt',
  'status',
  'calledCents',
  'approvedCents',
  'availableCents',
  'notice',
  'staffing',
  'percent',
  'lastProgressAt',
  'uploadedBy',
  'completedAt',
  'zzUnknownField',
];
interface Operation {
  method: string;
  path: string;
  declared: string[];
}

let api: TestApi;
let operations: Operation[];

beforeAll(async () => {
  api = await createTestApi();
  const paths = await documentedPaths<{
    requestBody?: { content?: Record<string, { schema?: { properties?: object } }> };
  }>(api);
  operations = Object.entries(paths).flatMap(([template, methods]) =>
    Object.entries(methods).flatMap(([method, operation]) => {
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      if (!schema) return [];
      return [
        {
          method: method.toUpperCase(),
          path: samplePath(template),
          declared: Object.keys(schema.properties ?? {}),
        },
      ];
    }),
  );
});

describe('mass assignment', () => {
  it('finds the write operations in the document', () => {
    expect(operations.length).toBeGreaterThan(25);
  });

  it('refuses every undeclared field on every write body, naming it', async () => {
    const failures: string[] = [];
    for (const operation of operations) {
      const extras = SERVER_OWNED.filter((field) => !operation.declared.includes(field));
      const response = await api
        .as('admin')
        .call(operation.method, operation.path, Object.fromEntries(extras.map((field) => [field, 1])), {
          'if-match': '"1"',
        });
      const errors = JSON.stringify(response.json?.errors ?? []);
      const unnamed = extras.filter(
        (field) => !errors.includes(`"${field}"`) && !errors.includes(`\\"${field}\\"`),
      );
      if (response.status !== 400 || unnamed.length) {
        failures.push(
          `${operation.method} ${operation.path}: ${response.status}, not named: ${unnamed.join(', ')}`,
        );
      }
    }
    expect(failures).toEqual([]);
  });
});
