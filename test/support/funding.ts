import type { RequestBody } from '../../client/index.ts';
import type { ApiDependencies } from '../../functions/api/dependencies.ts';
import { SOZIALSTRATEGIE_THUERINGEN } from '../../shared/domain/program.ts';
import { erfurtApplicationBody, erfurtNotice } from '../fixtures/applications.ts';
import { createTestApi, expectAnswer, type TestApi } from './test-api.ts';

type NoticeBody = RequestBody<'/v1/applications/{id}/amendments', 'post'>;

const ANNA = 'anna.finanz@erfurt.example';
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/**
 * Walks the API to the states funding tests start from; each step asserts it worked. Anna works
 * in finance: `anna` is her typed client, `finance` her raw one (for requests outside the document).
 */
export function fundingSteps(api: TestApi) {
  const anna = api.client('finance', ANNA);
  const finance = api.raw('finance', ANNA);

  async function program() {
    const admin = api.client('admin');
    return expectAnswer(await admin.POST('/v1/programs', { body: SOZIALSTRATEGIE_THUERINGEN }), 201).id;
  }

  async function draft(programId: string, overrides: Partial<RequestBody<'/v1/applications', 'post'>> = {}) {
    const body = erfurtApplicationBody(programId, overrides);
    return expectAnswer(await anna.POST('/v1/applications', { body }), 201);
  }

  async function move(
    id: string,
    version: number,
    body: RequestBody<'/v1/applications/{id}/status', 'post'>,
  ) {
    const params = { path: { id }, header: ifMatch(version) };
    return expectAnswer(await anna.POST('/v1/applications/{id}/status', { params, body }), 200);
  }

  async function approved(programId: string, noticeOverrides: Partial<NoticeBody> = {}) {
    const application = await draft(programId);
    const submitted = await move(application.id, 1, { to: 'submitted', note: 'eingereicht' });
    return move(application.id, submitted.version, { to: 'approved', notice: erfurtNotice(noticeOverrides) });
  }

  /** Records an amendment notice (Änderungsbescheid) that moves the end of the funding period. */
  async function amend(id: string, version: number, fundingPeriodEnd: string) {
    const body = erfurtNotice({
      date: '2024-02-01',
      reference: `TLVwA-SSR-2022-0815-Ä-${fundingPeriodEnd}`,
      fundingPeriod: { start: '2023-01-01', end: fundingPeriodEnd },
    });
    const params = { path: { id }, header: ifMatch(version) };
    return expectAnswer(await anna.POST('/v1/applications/{id}/amendments', { params, body }), 200);
  }

  return { anna, finance, program, draft, move, approved, amend };
}

export type FundingSteps = ReturnType<typeof fundingSteps>;

/**
 * Where most funding tests start: the test API (with `overrides`, e.g. a fixed clock), Anna's
 * steps, the viewer's typed client for reading back, and a programme to apply to.
 */
export async function fundingApi(overrides: Partial<ApiDependencies> = {}) {
  const api = await createTestApi(overrides);
  const steps = fundingSteps(api);
  return { api, steps, viewer: api.client('viewer'), programId: await steps.program() };
}

/** Where the programme tests start: the test API, the admin's typed client (admins keep programmes) and the viewer's. */
export async function programmeApi() {
  const api = await createTestApi();
  return { api, admin: api.client('admin'), viewer: api.client('viewer') };
}
