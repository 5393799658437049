import { expect } from 'vitest';
import { SOZIALSTRATEGIE_THUERINGEN } from '../../shared/domain/program.ts';
import { erfurtApplicationBody, erfurtNotice } from '../fixtures/applications.ts';
import type { TestApi } from './test-api.ts';

/** Walks the API to the states funding tests start from; each step asserts it worked. */
export function fundingSteps(api: TestApi) {
  const finance = api.as('finance', 'anna.finanz@erfurt.example');

  async function program() {
    const response = await api.as('admin').post('/v1/programs', SOZIALSTRATEGIE_THUERINGEN);
    expect(response.status).toBe(201);
    return response.json.id as string;
  }

  async function draft(programId: string, overrides: Record<string, unknown> = {}) {
    const response = await finance.post('/v1/applications', erfurtApplicationBody(programId, overrides));
    expect(response.status, response.text).toBe(201);
    return response.json;
  }

  async function move(id: string, version: number, body: Record<string, unknown>) {
    const response = await finance.post(`/v1/applications/${id}/status`, body, {
      'if-match': `"${version}"`,
    });
    expect(response.status, response.text).toBe(200);
    return response.json;
  }

  async function approved(programId: string, noticeOverrides: Record<string, unknown> = {}) {
    const application = await draft(programId);
    const submitted = await move(application.id, 1, { to: 'submitted', note: 'eingereicht' });
    return move(application.id, submitted.version, { to: 'approved', notice: erfurtNotice(noticeOverrides) });
  }

  /** Records an amendment notice (Änderungsbescheid) that moves the end of the funding period. */
  async function amend(id: string, version: number, fundingPeriodEnd: string) {
    const response = await finance.post(
      `/v1/applications/${id}/amendments`,
      erfurtNotice({
        date: '2024-02-01',
        reference: `TLVwA-SSR-2022-0815-Ä-${fundingPeriodEnd}`,
        fundingPeriod: { start: '2023-01-01', end: fundingPeriodEnd },
      }),
      { 'if-match': `"${version}"` },
    );
    expect(response.status, response.text).toBe(200);
    return response.json;
  }

  return { finance, program, draft, move, approved, amend };
}
