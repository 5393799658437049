import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { DocumentedOperation, JsonSchema, OpenApiDocument } from './openapi-paths.ts';

const COMPONENTS = 'https://foerdertracker.test/components';
/** `#/components/schemas/X` as a reference into the components schema ajv holds. */
const rebased = (schema: unknown) =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${COMPONENTS}#/$defs/`));

/** What ajv says about a value: nothing when valid. */
export type SchemaErrors = string[];

/**
 * Validates values against the schemas the document declares (JSON Schema 2020-12, strict:
 * every keyword known, formats checked), compiled once per schema on first use.
 */
export function schemaValidator(document: OpenApiDocument) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addKeyword('example');
  ajv.addFormat('date', (text: string) => {
    const date = new Date(`${text}T00:00:00Z`);
    return (
      /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text)
    );
  });
  ajv.addFormat(
    'date-time',
    (text: string) => !Number.isNaN(Date.parse(text)) && /^\d{4}-\d{2}-\d{2}T/.test(text),
  );
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
  ajv.addSchema({ $id: COMPONENTS, $defs: rebased(document.components?.schemas ?? {}) });
  const compiled = new Map<string, ValidateFunction>();

  function validate(schema: JsonSchema, value: unknown): SchemaErrors {
    const key = JSON.stringify(schema);
    let check = compiled.get(key);
    if (!check) {
      check = ajv.compile(rebased(schema));
      compiled.set(key, check);
    }
    if (check(value)) return [];
    return (check.errors ?? []).map(
      (error) => `${error.instancePath || '(root)'} ${error.message} ${JSON.stringify(error.params)}`,
    );
  }

  /**
   * What is wrong with an answer of the operation: a status it does not document, a content
   * type other than the one documented, a JSON body its schema refuses, or a body where it
   * documents none.
   */
  function answerErrors(
    operation: DocumentedOperation,
    status: number,
    contentType: string | null,
    text: string,
  ): SchemaErrors {
    const documented = operation.responses[String(status)] ?? operation.responses[`${String(status)[0]}XX`];
    if (!documented) return [`${status} is not documented`];
    const types = Object.keys(documented);
    if (!types.length) return text === '' ? [] : [`${status} documents no body, but one came`];
    const type = types.find((candidate) => contentType?.toLowerCase().startsWith(candidate));
    if (!type) return [`content-type ${contentType}, documented ${types.join(', ')}`];
    const schema = documented[type];
    if (!schema) return [];
    let value: unknown = text;
    if (/json/.test(type)) {
      try {
        value = JSON.parse(text);
      } catch {
        return ['the body is not JSON'];
      }
    }
    return validate(schema, value);
  }

  return { validate, answerErrors };
}
