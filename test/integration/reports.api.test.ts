import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, RequestBody } from '../../client/index.ts';
import { type FundingSteps, fundingApi } from '../support/funding.ts';
import { dataOf, expectAnswer } from '../support/test-api.ts';

let steps: FundingSteps;
let viewer: ApiClient;
let programId: string;

beforeAll(async () => {
  ({ steps, viewer, programId } = await fundingApi({ clock: () => new Date('2026-01-15T08:00:00Z') }));
});

const reportPath = (id: string, reportId: string) => ({ path: { id, reportId } });

/** Changes a report as Anna at the given version; asserts nothing. */
const changeReport = (
  id: string,
  reportId: string,
  version: number,
  body: RequestBody<'/v1/applications/{id}/reports/{reportId}', 'patch'>,
) =>
  steps.anna.PATCH('/v1/applications/{id}/reports/{reportId}', {
    params: { ...reportPath(id, reportId), header: { 'if-match': `"${version}"` } },
    body,
  });

describe('statements of use', () => {
  it('closes the report deadline on submission and reopens it on rejection', async () => {
    const approved = await steps.approved(programId);
    const submitted = await changeReport(approved.id, 'interim-2023', 1, {
      status: 'submitted',
      submittedOn: '2024-04-20',
    });
    expect(expectAnswer(submitted, 200)).toMatchObject({ status: 'submitted', submittedOn: '2024-04-20' });
    const deadlineId = `${approved.id}.interim_report.2023`;
    const byStatus = async (status: 'open' | 'done') => {
      const query = { from: '2024-04-30', to: '2024-04-30', status, limit: 100 };
      return dataOf(await viewer.GET('/v1/deadlines', { params: { query } })).items.map(
        (deadline) => deadline.id,
      );
    };
    expect(await byStatus('done')).toContain(deadlineId);
    expect(await byStatus('open')).not.toContain(deadlineId);

    const rejected = await changeReport(approved.id, 'interim-2023', 2, {
      status: 'rejected',
      note: 'Belege fehlen',
    });
    expect(rejected.data).toMatchObject({ status: 'rejected', decidedOn: '2026-01-15' });
    expect(await byStatus('open')).toContain(deadlineId);
  });

  it('refuses accepting a report that was never submitted', async () => {
    const approved = await steps.approved(programId);
    // Raw: the 409 names the allowed moves in `allowed`, which the Problem schema does not declare.
    const response = await steps.finance.patch(
      `/v1/applications/${approved.id}/reports/final`,
      { status: 'accepted' },
      { 'if-match': '"1"' },
    );
    expect(response.status).toBe(409);
    expect(response.json.allowed).toEqual(['submitted']);
  });

  it('allows closing the application once the final report is accepted', async () => {
    const approved = await steps.approved(programId);
    const closeEarly = await steps.anna.POST('/v1/applications/{id}/status', {
      params: { path: { id: approved.id }, header: { 'if-match': `"${approved.version}"` } },
      body: { to: 'closed' },
    });
    expect(closeEarly.response.status).toBe(409);
    await changeReport(approved.id, 'final', 1, { status: 'submitted' });
    await changeReport(approved.id, 'final', 2, { status: 'accepted' });
    const closed = await steps.move(approved.id, approved.version, {
      to: 'closed',
      note: 'Verwendungsnachweis geprüft',
    });
    expect(closed.status).toBe('closed');
  });

  it('answers an unknown report id with 400 and a missing one with 404', async () => {
    const approved = await steps.approved(programId);
    const read = (reportId: string) =>
      viewer.GET('/v1/applications/{id}/reports/{reportId}', { params: reportPath(approved.id, reportId) });
    expect((await read('annual')).response.status).toBe(400);
    expect((await read('interim-1999')).response.status).toBe(404);
  });
});

describe('CSV export for German Excel', () => {
  it('writes one row per application with BOM, semicolons, decimal commas, German dates and German words for codes', async () => {
    const approved = await steps.approved(programId);
    await steps.anna.POST('/v1/applications/{id}/funds-calls', {
      params: { path: { id: approved.id } },
      body: { amountCents: 5_000_050, calledOn: '2023-03-01' },
    });
    const { data, response } = await viewer.GET('/v1/exports/applications.csv', { parseAs: 'arrayBuffer' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(data ?? new ArrayBuffer(0));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const rows: Record<string, string>[] = parse(text, { bom: true, delimiter: ';', columns: true });
    const row = rows.find(
      (candidate) => candidate.Status === 'bewilligt' && candidate['Abgerufen (€)'] === '50000,50',
    );
    expect(row).toEqual({
      Programm: 'Sozialstrategierichtlinie Thüringen 2.1',
      Titel: 'Quartiersplanungskoordination Erfurt',
      Status: 'bewilligt',
      Beginn: '01.01.2023',
      Ende: '31.12.2025',
      'Beantragt (€)': '200000,00',
      'Bewilligt (€)': '190000,00',
      'Abgerufen (€)': '50000,50',
      'Verfügbar (€)': '139999,50',
      'Nächste Frist': '01.05.2023',
      'Art der Frist': 'Mittelverwendung',
    });
    expect(rows.length).toBeGreaterThanOrEqual(1);
  });
});
