import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { fundingSteps } from '../support/funding.ts';
import { createTestApi, type TestApi } from '../support/test-api.ts';

let api: TestApi;
let steps: ReturnType<typeof fundingSteps>;
let programId: string;

beforeAll(async () => {
  api = await createTestApi({ clock: () => new Date('2026-01-15T08:00:00Z') });
  steps = fundingSteps(api);
  programId = await steps.program();
});

const reportPath = (id: string, reportId: string) => `/v1/applications/${id}/reports/${reportId}`;

describe('statements of use', () => {
  it('closes the report deadline on submission and reopens it on rejection', async () => {
    const approved = await steps.approved(programId);
    const path = reportPath(approved.id, 'interim-2023');
    const submitted = await steps.finance.patch(
      path,
      { status: 'submitted', submittedOn: '2024-04-20' },
      { 'if-match': '"1"' },
    );
    expect(submitted.status, submitted.text).toBe(200);
    expect(submitted.json).toMatchObject({ status: 'submitted', submittedOn: '2024-04-20' });
    const deadlineId = `${approved.id}.interim_report.2023`;
    const byStatus = async (status: string) =>
      (
        await api.as('viewer').get(`/v1/deadlines?from=2024-04-30&to=2024-04-30&status=${status}&limit=100`)
      ).json.items.map((deadline: { id: string }) => deadline.id);
    expect(await byStatus('done')).toContain(deadlineId);
    expect(await byStatus('open')).not.toContain(deadlineId);

    const rejected = await steps.finance.patch(
      path,
      { status: 'rejected', note: 'Belege fehlen' },
      { 'if-match': '"2"' },
    );
    expect(rejected.json).toMatchObject({ status: 'rejected', decidedOn: '2026-01-15' });
    expect(await byStatus('open')).toContain(deadlineId);
  });

  it('refuses accepting a report that was never submitted', async () => {
    const approved = await steps.approved(programId);
    const response = await steps.finance.patch(
      reportPath(approved.id, 'final'),
      { status: 'accepted' },
      { 'if-match': '"1"' },
    );
    expect(response.status).toBe(409);
    expect(response.json.allowed).toEqual(['submitted']);
  });

  it('allows closing the application once the final report is accepted', async () => {
    const approved = await steps.approved(programId);
    const path = reportPath(approved.id, 'final');
    const closeEarly = await steps.finance.post(
      `/v1/applications/${approved.id}/status`,
      { to: 'closed' },
      { 'if-match': `"${approved.version}"` },
    );
    expect(closeEarly.status).toBe(409);
    await steps.finance.patch(path, { status: 'submitted' }, { 'if-match': '"1"' });
    await steps.finance.patch(path, { status: 'accepted' }, { 'if-match': '"2"' });
    const closed = await steps.move(approved.id, approved.version, {
      to: 'closed',
      note: 'Verwendungsnachweis geprüft',
    });
    expect(closed.status).toBe('closed');
  });

  it('answers an unknown report id with 400 and a missing one with 404', async () => {
    const approved = await steps.approved(programId);
    expect((await api.as('viewer').get(reportPath(approved.id, 'annual'))).status).toBe(400);
    expect((await api.as('viewer').get(reportPath(approved.id, 'interim-1999'))).status).toBe(404);
  });
});

describe('CSV export for German Excel', () => {
  it('writes one row per application with BOM, semicolons, decimal commas and German dates', async () => {
    const approved = await steps.approved(programId);
    await steps.finance.post(`/v1/applications/${approved.id}/funds-calls`, {
      amountCents: 5_000_050,
      calledOn: '2023-03-01',
    });
    const response = await api.as('viewer').get('/v1/exports/applications.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...response.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: Record<string, string>[] = parse(response.text, { bom: true, delimiter: ';', columns: true });
    const row = rows.find(
      (candidate) => candidate.Status === 'approved' && candidate['Abgerufen (€)'] === '50000,50',
    );
    expect(row).toEqual({
      Programm: 'Sozialstrategierichtlinie Thüringen 2.1',
      Titel: 'Quartiersplanungskoordination Erfurt',
      Status: 'approved',
      Beginn: '01.01.2023',
      Ende: '31.12.2025',
      'Beantragt (€)': '200000,00',
      'Bewilligt (€)': '190000,00',
      'Abgerufen (€)': '50000,50',
      'Verfügbar (€)': '139999,50',
      'Nächste Frist': '01.05.2023',
      'Art der Frist': 'spend_by',
    });
    expect(rows.length).toBeGreaterThanOrEqual(1);
  });
});
