import type { RequestBody } from '../../client/index.ts';
import { erfurtApplicationBody, erfurtNotice } from '../fixtures/applications.ts';
import { positionBody } from '../fixtures/positions.ts';
import { expectOk, type WebService } from './web-service.ts';

export const ANNA = { name: 'Anna Finanz', email: 'anna.finanz@erfurt.example' };
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/**
 * The README's Erfurt case, recorded through the API as Anna would (the walk-through's steps):
 * the application approved with its notice and amended once, two funds calls (the second spent),
 * the interim statement of 2023 submitted, and the position filled with a cost plan for 2023–2025.
 */
export async function recordErfurtGrant(web: WebService) {
  const anna = await web.as('finance', ANNA.email);
  const programs = await expectOk(anna.GET('/v1/programs', { params: { query: {} } }));
  const program = programs.items.find((candidate) => candidate.name.startsWith('Sozialstrategie'))!;
  const draft = await expectOk(anna.POST('/v1/applications', { body: erfurtApplicationBody(program.id) }));
  const move = (version: number, body: RequestBody<'/v1/applications/{id}/status', 'post'>) =>
    expectOk(
      anna.POST('/v1/applications/{id}/status', {
        params: { path: { id: draft.id }, header: ifMatch(version) },
        body,
      }),
    );
  await move(1, { to: 'submitted', note: 'Antrag fristgerecht eingereicht' });
  await move(2, { to: 'approved', notice: erfurtNotice() });
  const amended = await expectOk(
    anna.POST('/v1/applications/{id}/amendments', {
      params: { path: { id: draft.id }, header: ifMatch(3) },
      body: erfurtNotice({
        date: '2023-09-01',
        reference: 'TLVwA-SSR-2022-0815-Ä1',
        approvedCents: 19_500_000,
      }),
    }),
  );
  const path = { path: { id: draft.id } };
  await expectOk(
    anna.POST('/v1/applications/{id}/funds-calls', {
      params: path,
      body: { amountCents: 5_000_000, calledOn: '2023-03-01', receivedOn: '2023-03-06' },
    }),
  );
  const second = await expectOk(
    anna.POST('/v1/applications/{id}/funds-calls', {
      params: path,
      body: { amountCents: 6_000_000, calledOn: '2024-03-01' },
    }),
  );
  await expectOk(
    anna.PATCH('/v1/applications/{id}/funds-calls/{callId}', {
      params: { path: { id: draft.id, callId: second.id }, header: ifMatch(1) },
      body: { receivedOn: '2024-03-05', spentOn: '2024-04-30' },
    }),
  );
  await expectOk(
    anna.PATCH('/v1/applications/{id}/reports/{reportId}', {
      params: { path: { id: draft.id, reportId: 'interim-2023' }, header: ifMatch(1) },
      body: { status: 'submitted', submittedOn: '2024-04-22' },
    }),
  );
  const position = await expectOk(
    anna.POST('/v1/positions', { body: positionBody(draft.id, { end: '2026-06-30' }) }),
  );
  const staff = (version: number, body: RequestBody<'/v1/positions/{id}/staffing', 'post'>) =>
    expectOk(
      anna.POST('/v1/positions/{id}/staffing', {
        params: { path: { id: position.id }, header: ifMatch(version) },
        body,
      }),
    );
  await staff(1, { to: 'advertised', on: '2023-01-16' });
  await staff(2, {
    to: 'filled',
    on: '2023-04-01',
    holder: { name: 'Kim Koordination', email: 'kim.koordination@erfurt.example' },
  });
  for (const [year, gross] of [
    [2023, 5_400_000],
    [2024, 5_600_000],
    [2025, 5_800_000],
  ] as const) {
    await expectOk(
      anna.PUT('/v1/positions/{id}/cost-plan/{year}', {
        params: { path: { id: position.id, year } },
        body: { plannedGrossSalaryCents: gross },
      }),
    );
  }
  return { program, application: amended, position };
}
export type ErfurtGrant = Awaited<ReturnType<typeof recordErfurtGrant>>;
