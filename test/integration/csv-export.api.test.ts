import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { programBody } from '../fixtures/programs.ts';
import { fundingRulesApi } from '../support/funding-rules.ts';
import { dataOf } from '../support/test-api.ts';

// OWASP CSV injection: a cell a person typed that starts with = + - @ (or a tab or carriage
// return) is prefixed with ' so that Excel shows it instead of running it. Amounts are numbers
// the export makes itself and stay as they are.

type Row = Record<string, string>;
const AMOUNTS = ['Beantragt (€)', 'Bewilligt (€)', 'Abgerufen (€)', 'Verfügbar (€)'];
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

let rows: Row[];
let bytes: Uint8Array;

/** Titles as typed, and how their cell must read. A title is trimmed when stored, so a leading tab never reaches the file. */
const TITLES: [string, string][] = [
  ['=HYPERLINK("http://evil.example","klick")', `'=HYPERLINK("http://evil.example","klick")`],
  ['+49 361 655', `'+49 361 655`],
  ['-Umbau', `'-Umbau`],
  ['@SUM(A1)', `'@SUM(A1)`],
  ['\t=1+1', `'=1+1`],
  ['\uFF1D1+1', `'\uFF1D1+1`],
];
const PLAIN = 'Quartiersplanungskoordination Erfurt';
const LEADING_TAB = '\tTabulator am Anfang';

beforeAll(async () => {
  // A table of its own, so the export holds only these applications.
  const { api, steps, programId } = await fundingRulesApi('2023-06-15T08:00:00Z');
  for (const [typed] of TITLES) await steps.draft(programId, { title: typed });
  await steps.draft(programId, { title: LEADING_TAB });
  const approved = await steps.approved(programId);
  await steps.anna.POST('/v1/applications/{id}/funds-calls', {
    params: { path: { id: approved.id } },
    body: { amountCents: 5_000_050, calledOn: '2023-03-01' },
  });
  const formulaProgramme = await api
    .client('admin')
    .POST('/v1/programs', { body: programBody({ name: '@Landesprogramm' }) });
  await steps.draft(dataOf(formulaProgramme).id, { title: 'Unter einem Programm mit Formelnamen' });

  const answer = await api.client('viewer').GET('/v1/exports/applications.csv', { parseAs: 'arrayBuffer' });
  bytes = new Uint8Array(dataOf(answer));
  rows = parse(Buffer.from(bytes), { bom: true, delimiter: ';', columns: true });
});

const rowTitled = (cell: string) => rows.find((row) => row.Titel === cell);

describe('the CSV export is safe for Excel', () => {
  it('starts with a UTF-8 BOM and holds one row per application', () => {
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(rows).toHaveLength(TITLES.length + 3);
  });

  it.each(TITLES)('prefixes the title %j with an apostrophe', (_typed, cell) => {
    expect(rowTitled(cell)).toBeDefined();
  });

  it('prefixes a programme name that starts like a formula', () => {
    expect(rowTitled('Unter einem Programm mit Formelnamen')?.Programm).toBe("'@Landesprogramm");
  });

  it('leaves no cell starting like a formula, a leading tab included', () => {
    const cells = rows.flatMap((row) => Object.values(row));
    expect(cells.filter((cell) => FORMULA_START.test(cell))).toEqual([]);
    expect(rowTitled('Tabulator am Anfang')).toBeDefined();
  });

  it('leaves plain titles and the amounts as they are', () => {
    expect(rowTitled(PLAIN)).toMatchObject({
      'Beantragt (€)': '200000,00',
      'Bewilligt (€)': '190000,00',
      'Abgerufen (€)': '50000,50',
      'Verfügbar (€)': '139999,50',
    });
    for (const row of rows) {
      for (const column of AMOUNTS) expect(row[column], `${row.Titel}: ${column}`).toMatch(/^\d+,\d{2}$/);
    }
  });
});
