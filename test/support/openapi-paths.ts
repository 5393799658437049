import type { TestApi } from './test-api.ts';

/** Values for the path parameters that are not ids. */
export const SAMPLE_PARAMS: Record<string, string> = {
  version: '1',
  reportId: 'final',
  year: '2024',
  month: '2024-01',
  token: 'x'.repeat(43),
};
const UNKNOWN_ID = '01JC0Z6XKX2P4T3C8Y5W7QF9AB';

/** A path of the template with well-formed ids (statements of use are named, milestone reports are ULIDs). */
export const samplePath = (template: string) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === 'reportId' && template.startsWith('/v1/concepts')
      ? UNKNOWN_ID
      : (SAMPLE_PARAMS[name] ?? UNKNOWN_ID),
  );

/** The paths the app's OpenAPI document describes, each with its operations by (lower-case) method. */
export async function documentedPaths<Operation = unknown>(
  api: TestApi,
): Promise<Record<string, Record<string, Operation>>> {
  const document = (await api.call('GET', '/openapi.json')).json as {
    paths: Record<string, Record<string, Operation>>;
  };
  return document.paths;
}
