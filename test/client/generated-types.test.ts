import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CLIENT_TYPES_FILE, renderClientTypes } from '../../scripts/client/generate.ts';

describe('the generated API client types', () => {
  it('match the OpenAPI document the API serves today (else: run `npm run client`)', async () => {
    const committed = await readFile(CLIENT_TYPES_FILE, 'utf8');
    const current = await renderClientTypes();

    expect(
      committed === current,
      'client/api.d.ts is stale: the API changed since it was generated. Run `npm run client` and commit the result.',
    ).toBe(true);
  });
});
