import type { ApiClient, Query, RequestBody } from '../../client/index.ts';
import { positionBody } from '../fixtures/positions.ts';
import { type FundingSteps, fundingApi } from './funding.ts';
import { dataOf, expectAnswer } from './test-api.ts';

export type FundsCallBody = RequestBody<'/v1/applications/{id}/funds-calls', 'post'>;
export type NoticeBody = RequestBody<'/v1/applications/{id}/amendments', 'post'>;
export type ProgramPatch = RequestBody<'/v1/programs/{id}', 'patch'>;
type Spending = NonNullable<RequestBody<'/v1/applications/{id}/funds-calls/{callId}', 'patch'>['spent']>;

export const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const at = (id: string) => ({ path: { id } });

/** What the funding-rule tests read back, as the viewer; each read must succeed. */
export function fundingReads(viewer: ApiClient) {
  return {
    application: async (id: string) => dataOf(await viewer.GET('/v1/applications/{id}', { params: at(id) })),
    history: async (id: string) =>
      dataOf(await viewer.GET('/v1/applications/{id}/history', { params: at(id) })).items,
    budget: async (id: string) =>
      dataOf(await viewer.GET('/v1/applications/{id}/budget', { params: at(id) })).items,
    calls: async (id: string) =>
      dataOf(await viewer.GET('/v1/applications/{id}/funds-calls', { params: at(id) })).items,
    call: async (id: string, callId: string) =>
      dataOf(
        await viewer.GET('/v1/applications/{id}/funds-calls/{callId}', { params: { path: { id, callId } } }),
      ),
    reports: async (id: string) =>
      dataOf(await viewer.GET('/v1/applications/{id}/reports', { params: at(id) })).items,
    deadlines: async (query: Query<'/v1/deadlines', 'get'>) =>
      dataOf(await viewer.GET('/v1/deadlines', { params: { query: { limit: 100, ...query } } })).items,
    position: async (id: string) => dataOf(await viewer.GET('/v1/positions/{id}', { params: at(id) })),
    costs: async (positionId: string) =>
      dataOf(await viewer.GET('/v1/positions/{id}/costs', { params: at(positionId) })),
  };
}

/**
 * Steps beyond `fundingSteps` that the funding-rule tests share, as Anna (finance) unless an admin
 * is needed. Steps named for their result (`called`, `amended`, `editedProgram`, `position`,
 * `planned`, `moveNow`) assert that they worked; `callFunds`, `useParts` and `amend` answer
 * whatever the API said.
 */
export function ruleSteps(steps: FundingSteps, admin: ApiClient, viewer: ApiClient) {
  const { anna } = steps;
  const reads = fundingReads(viewer);

  const callFunds = (applicationId: string, body: FundsCallBody) =>
    anna.POST('/v1/applications/{id}/funds-calls', { params: at(applicationId), body });

  const useParts = (applicationId: string, callId: string, version: number, spent: Spending) =>
    anna.PATCH('/v1/applications/{id}/funds-calls/{callId}', {
      params: { path: { id: applicationId, callId }, header: ifMatch(version) },
      body: { spent },
    });

  const amend = (id: string, version: number, body: NoticeBody) =>
    anna.POST('/v1/applications/{id}/amendments', { params: { ...at(id), header: ifMatch(version) }, body });

  /** Moves an application at the version it has now (linking a position moves it too). */
  const moveNow = async (id: string, body: RequestBody<'/v1/applications/{id}/status', 'post'>) =>
    steps.move(id, (await reads.application(id)).version, body);

  return {
    callFunds,
    called: async (applicationId: string, body: FundsCallBody) =>
      expectAnswer(await callFunds(applicationId, body), 201),
    useParts,
    amend,
    amended: async (id: string, version: number, body: NoticeBody) =>
      expectAnswer(await amend(id, version, body), 200),
    moveNow,
    /** Changes the programme as the admin, at the version it has now. */
    async editedProgram(programId: string, patch: ProgramPatch) {
      const current = dataOf(await admin.GET('/v1/programs/{id}', { params: at(programId) }));
      const params = { ...at(programId), header: ifMatch(current.version) };
      return expectAnswer(await admin.PATCH('/v1/programs/{id}', { params, body: patch }), 200);
    },
    /** A full-time position funded wholly by one application: confirmed, or planned (a draft or submitted one). */
    async position(applicationId: string, options: { planned?: boolean; fte?: number } = {}) {
      const link = { applicationId, shareBasisPoints: 10_000, planned: options.planned ?? false };
      const body = positionBody(applicationId, { fte: options.fte ?? 1, fundedBy: [link] });
      return expectAnswer(await anna.POST('/v1/positions', { body }), 201);
    },
    /** Sets the planned gross salary of a budget year of a position (a new year, so no If-Match). */
    async planned(positionId: string, year: number, plannedGrossSalaryCents: number) {
      const params = { path: { id: positionId, year } };
      return expectAnswer(
        await anna.PUT('/v1/positions/{id}/cost-plan/{year}', { params, body: { plannedGrossSalaryCents } }),
        200,
      );
    },
  };
}
export type RuleSteps = ReturnType<typeof ruleSteps>;

/** Where the funding-rule tests start: `fundingApi` at a fixed clock, with the reads and steps above. */
export async function fundingRulesApi(now: string) {
  const base = await fundingApi({ clock: () => new Date(now) });
  const admin = base.api.client('admin', 'chef@erfurt.example');
  return {
    ...base,
    admin,
    read: fundingReads(base.viewer),
    act: ruleSteps(base.steps, admin, base.viewer),
  };
}
