import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { API_TYPES_PATH, renderApiTypes } from '../../scripts/client/api-types.ts';

/** The 1-based number of the first line in which two texts differ. */
function firstDifferentLine(a: string, b: string) {
  const [linesA, linesB] = [a.split('\n'), b.split('\n')];
  let index = 0;
  while (index < linesA.length && linesA[index] === linesB[index]) index++;
  return index + 1;
}

describe('the typed API client', () => {
  it(`has types (${API_TYPES_PATH}) made from the current OpenAPI document`, async () => {
    const committed = await readFile(new URL(`../../${API_TYPES_PATH}`, import.meta.url), 'utf8');
    const current = await renderApiTypes();
    expect(
      current === committed,
      `${API_TYPES_PATH} is stale (from line ${firstDifferentLine(current, committed)}): run \`npm run client\``,
    ).toBe(true);
  });
});
