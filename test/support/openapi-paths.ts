import type { TestApi } from './test-api.ts';

/** Values for the path parameters that are not ids. */
export const SAMPLE_PARAMS: Record<string, string> = {
  version: '1',
  reportId: 'final',
  year: '2024',
  month: '2024-01',
  token: 'x'.repeat(43),
};
/** A well-formed id of nothing. */
export const UNKNOWN_ID = '01JC0Z6XKX2P4T3C8Y5W7QF9AB';

/** A well-formed deadline id of nothing: a deadline's id names its record and its kind (see `deadlineId`). */
export const UNKNOWN_DEADLINE_ID = `${UNKNOWN_ID}.final_report`;

/**
 * A path of the template with well-formed ids (statements of use are named, milestone reports
 * are ULIDs, a deadline's id is its record's and its kind).
 */
export const samplePath = (template: string) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'reportId' && template.startsWith('/v1/concepts')) return UNKNOWN_ID;
    if (name === 'id' && template.startsWith('/v1/deadlines/')) return UNKNOWN_DEADLINE_ID;
    return SAMPLE_PARAMS[name] ?? UNKNOWN_ID;
  });

/** The path of a template with its parameters filled in: `fillPath('/v1/x/{id}', { id: 'A' })`. */
export const fillPath = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);

/** The parts of JSON Schema (2020-12, as OpenAPI 3.1 uses it) the document's schemas are made of. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minItems?: number;
  maxItems?: number;
  example?: unknown;
  default?: unknown;
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

export interface OpenApiMedia {
  schema?: JsonSchema;
}

export interface OpenApiOperation {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: (OpenApiParameter | { $ref: string })[];
  requestBody?: { required?: boolean; content?: Record<string, OpenApiMedia> } | { $ref: string };
  responses?: Record<string, { content?: Record<string, OpenApiMedia> } | { $ref: string }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
}

/** The OpenAPI document exactly as the app serves it now (another change may have changed it). */
export async function openApiDocument(api: TestApi): Promise<OpenApiDocument> {
  const response = await api.call('GET', '/openapi.json');
  if (response.status !== 200) throw new Error(`GET /openapi.json answered ${response.status}`);
  return response.json as OpenApiDocument;
}

/** The paths the app's OpenAPI document describes, each with its operations by (lower-case) method. */
export async function documentedPaths<Operation = unknown>(
  api: TestApi,
): Promise<Record<string, Record<string, Operation>>> {
  return (await openApiDocument(api)).paths as Record<string, Record<string, Operation>>;
}

/** What a `$ref` within the document (`#/components/…`) points at; anything else as it is. */
export function resolveRef<T>(document: OpenApiDocument, node: T | { $ref: string }): T {
  let current: unknown = node;
  for (let hops = 0; hops < 20; hops++) {
    const ref = (current as { $ref?: unknown } | undefined)?.$ref;
    if (typeof ref !== 'string') return current as T;
    if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported: ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], document);
    if (current === undefined) throw new Error(`Unresolvable $ref ${ref}`);
  }
  throw new Error('$ref cycle');
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** One documented operation, its parameters (path-level ones included) and `$ref`s resolved. */
export interface DocumentedOperation {
  /** Upper case, as sent. */
  method: string;
  template: string;
  /** `GET /v1/programs/{id}`. */
  label: string;
  operation: OpenApiOperation;
  parameters: OpenApiParameter[];
  /** The schema of its JSON request body, if it takes one. */
  body?: JsonSchema;
  bodyRequired: boolean;
  /** The documented responses by status, each with its schemas by media type. */
  responses: Record<string, Record<string, JsonSchema | undefined>>;
}

/** Every operation of the document. */
export function documentedOperations(document: OpenApiDocument): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([template, rawItem]) => {
    const item = resolveRef<Record<string, unknown>>(document, rawItem);
    const shared = (item.parameters ?? []) as OpenApiOperation['parameters'] & object;
    return METHODS.filter((method) => method in item).map((method): DocumentedOperation => {
      const operation = item[method] as OpenApiOperation;
      const byKey = new Map<string, OpenApiParameter>();
      for (const parameter of [...shared, ...(operation.parameters ?? [])]) {
        const resolved = resolveRef<OpenApiParameter>(document, parameter);
        byKey.set(`${resolved.in}:${resolved.name.toLowerCase()}`, resolved);
      }
      const requestBody = operation.requestBody
        ? resolveRef<{ required?: boolean; content?: Record<string, OpenApiMedia> }>(
            document,
            operation.requestBody,
          )
        : undefined;
      const responses = Object.fromEntries(
        Object.entries(operation.responses ?? {}).map(([status, response]) => {
          const content = resolveRef<{ content?: Record<string, OpenApiMedia> }>(document, response).content;
          return [
            status,
            Object.fromEntries(Object.entries(content ?? {}).map(([type, media]) => [type, media.schema])),
          ];
        }),
      );
      const body = requestBody?.content?.['application/json']?.schema;
      return {
        method: method.toUpperCase(),
        template,
        label: `${method.toUpperCase()} ${template}`,
        operation,
        parameters: [...byKey.values()],
        ...(body ? { body } : {}),
        bodyRequired: requestBody?.required === true,
        responses,
      };
    });
  });
}

/**
 * The documented operation a concrete request reaches, if any: the template whose literal
 * segments match most (`/v1/deadlines.ics` before `/v1/deadlines/{id}`).
 */
export function operationFor(
  operations: readonly DocumentedOperation[],
  method: string,
  path: string,
): DocumentedOperation | undefined {
  const segments = path.split('?')[0]!.split('/');
  let best: { operation: DocumentedOperation; literals: number } | undefined;
  for (const operation of operations) {
    if (operation.method !== method.toUpperCase()) continue;
    const template = operation.template.split('/');
    if (template.length !== segments.length) continue;
    let literals = 0;
    const matches = template.every((part, index) => {
      const segment = segments[index]!;
      if (!part.includes('{')) {
        literals++;
        return part === segment;
      }
      const pattern = part.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+');
      return segment !== '' && new RegExp(`^${pattern}$`).test(segment);
    });
    if (matches && (!best || literals > best.literals)) best = { operation, literals };
  }
  return best?.operation;
}
