import { ulid } from 'ulid';
import { erfurtApplicationBody, erfurtNotice } from '../../test/fixtures/applications.ts';
import { positionBody } from '../../test/fixtures/positions.ts';
import { programBody } from '../../test/fixtures/programs.ts';
import { type Answer, type appClient, expectStatus, type LocalTokens } from './app-client.ts';

/** Ids and the version one operation leaves for the next (each run starts with an empty state). */
export interface OperationState {
  programId?: string;
  applicationId?: string;
  version?: number;
  callId?: string;
  positionId?: string;
  taskId?: string;
  conceptId?: string;
  milestoneId?: string;
}

export interface Operation {
  name: string;
  run(state: OperationState): Promise<Answer>;
  /**
   * Why this operation's count may legitimately differ with the data (shown, not checked);
   * unset means it must send the same requests at both sizes.
   */
  ungated?: string;
}

/** The API operations the bench counts, in order: each one may use what an earlier one created. */
export function operations(call: ReturnType<typeof appClient>, tokens: LocalTokens): Operation[] {
  const key = () => ({ 'idempotency-key': `bench-${ulid()}` });
  const id = (value: string | undefined) => {
    if (!value) throw new Error('an earlier operation did not leave the id this one needs');
    return value;
  };
  const create = async (path: string, token: string, body: unknown, what: string) =>
    expectStatus(await call('POST', path, { token, body, headers: key() }), 201, what);
  /** A change of the application with If-Match; the version it leaves is the next one's. */
  const changeApplication = async (state: OperationState, method: string, part: string, body: unknown) => {
    const answer = expectStatus(
      await call(method, `/v1/applications/${id(state.applicationId)}${part}`, {
        token: tokens.finance,
        body,
        headers: { 'if-match': `"${state.version}"` },
      }),
      200,
      `${method} ${part}`,
    );
    state.version = answer.json.version;
    return answer;
  };
  const changeStatus = (state: OperationState, body: unknown) =>
    changeApplication(state, 'POST', '/status', body);
  /** A first change of a record other than the application (version 1), as `token`. */
  const changeOnce = async (method: string, path: string, token: string, body: unknown) =>
    expectStatus(await call(method, path, { token, body, headers: { 'if-match': '"1"' } }), 200, path);
  return [
    {
      name: 'create programme (Idempotency-Key)',
      run: async (state) => {
        const body = programBody({ name: `Bench ${ulid()}` });
        const answer = await create('/v1/programs', tokens.admin, body, 'create programme');
        state.programId = answer.json.id;
        return answer;
      },
    },
    {
      name: 'list programmes',
      run: async () => call('GET', '/v1/programs?limit=25', { token: tokens.viewer }),
    },
    {
      name: 'read programme',
      run: async (state) => call('GET', `/v1/programs/${id(state.programId)}`, { token: tokens.viewer }),
    },
    {
      name: 'create application (Idempotency-Key)',
      run: async (state) => {
        const body = erfurtApplicationBody(id(state.programId));
        const answer = await create('/v1/applications', tokens.finance, body, 'create application');
        state.applicationId = answer.json.id;
        state.version = answer.json.version;
        return answer;
      },
    },
    {
      name: 'edit draft application',
      run: async (state) =>
        changeApplication(state, 'PATCH', '', { title: 'Quartiersplanungskoordination (Bench)' }),
    },
    {
      name: 'read application',
      run: async (state) =>
        call('GET', `/v1/applications/${id(state.applicationId)}`, { token: tokens.viewer }),
    },
    {
      name: 'list applications',
      run: async () => call('GET', '/v1/applications?limit=25', { token: tokens.viewer }),
    },
    {
      name: 'list applications of a programme, by status',
      run: async (state) =>
        call('GET', `/v1/applications?programId=${id(state.programId)}&status=draft&limit=25`, {
          token: tokens.viewer,
        }),
    },
    {
      name: 'submit application',
      run: async (state) => changeStatus(state, { to: 'submitted', note: 'eingereicht' }),
    },
    {
      name: 'approve with notice',
      run: async (state) => changeStatus(state, { to: 'approved', notice: erfurtNotice() }),
    },
    {
      name: 'create funds call (Idempotency-Key)',
      run: async (state) => {
        const body = { amountCents: 1_000_000, calledOn: '2024-05-15' };
        const path = `/v1/applications/${id(state.applicationId)}/funds-calls`;
        const answer = await create(path, tokens.finance, body, 'create funds call');
        state.callId = answer.json.id;
        // A call moves the application's called amount, and so its version.
        state.version = (state.version ?? 0) + 1;
        return answer;
      },
    },
    {
      name: 'mark funds call received and spent',
      run: async (state) =>
        changeOnce(
          'PATCH',
          `/v1/applications/${id(state.applicationId)}/funds-calls/${id(state.callId)}`,
          tokens.finance,
          { receivedOn: '2024-05-20', spentOn: '2024-05-30' },
        ),
    },
    {
      name: 'submit interim statement of use',
      run: async (state) =>
        changeOnce(
          'PATCH',
          `/v1/applications/${id(state.applicationId)}/reports/interim-2023`,
          tokens.finance,
          {
            status: 'submitted',
            submittedOn: '2024-04-20',
          },
        ),
    },
    {
      name: 'amend notice (period extended)',
      run: async (state) =>
        changeApplication(
          state,
          'POST',
          '/amendments',
          erfurtNotice({
            date: '2024-05-02',
            reference: `TLVwA-SSR-2022-0815-Ä-${ulid()}`,
            fundingPeriod: { start: '2023-01-01', end: '2026-06-30' },
          }),
        ),
    },
    {
      name: 'hand application over',
      run: async (state) =>
        changeApplication(state, 'PUT', '/owner', {
          name: 'Ben Nachfolger',
          email: 'ben.nachfolger@erfurt.example',
        }),
    },
    {
      name: 'list funds calls',
      run: async (state) =>
        call('GET', `/v1/applications/${id(state.applicationId)}/funds-calls`, { token: tokens.viewer }),
    },
    {
      name: 'application budget',
      run: async (state) =>
        call('GET', `/v1/applications/${id(state.applicationId)}/budget`, { token: tokens.viewer }),
    },
    {
      name: 'list open deadlines, one month',
      run: async () =>
        call('GET', '/v1/deadlines?from=2024-04-01&to=2024-04-30&status=open', { token: tokens.viewer }),
    },
    {
      name: 'list deadlines, default window (±1 year)',
      run: async () => call('GET', '/v1/deadlines', { token: tokens.viewer }),
      ungated: 'one Query per month of the window until a page (25) is full: fewer when months are full',
    },
    {
      name: 'list my deadlines (owner), one month',
      run: async () =>
        call('GET', '/v1/deadlines?from=2024-04-01&to=2024-04-30&owner=viewer@erfurt.example', {
          token: tokens.viewer,
        }),
    },
    {
      name: 'create position (Idempotency-Key)',
      run: async (state) => {
        const body = benchPositionBody(id(state.applicationId));
        const answer = await create('/v1/positions', tokens.finance, body, 'create position');
        state.positionId = answer.json.id;
        return answer;
      },
    },
    {
      name: 'read position',
      run: async (state) => call('GET', `/v1/positions/${id(state.positionId)}`, { token: tokens.viewer }),
    },
    {
      name: 'list positions',
      run: async () => call('GET', '/v1/positions?limit=25', { token: tokens.viewer }),
    },
    {
      name: 'advertise position',
      run: async (state) =>
        changeOnce('POST', `/v1/positions/${id(state.positionId)}/staffing`, tokens.finance, {
          to: 'advertised',
          on: '2024-05-02',
        }),
    },
    {
      name: 'create task',
      run: async (state) => {
        const answer = await create(
          '/v1/tasks',
          tokens.coordinator,
          taskBody(id(state.positionId)),
          'create task',
        );
        state.taskId = answer.json.id;
        return answer;
      },
    },
    {
      name: 'log task progress',
      run: async (state) =>
        expectStatus(
          await call('POST', `/v1/tasks/${id(state.taskId)}/progress`, {
            token: tokens.coordinator,
            body: { percent: 40, hours: 6, note: 'Träger eingeladen' },
          }),
          201,
          'log progress',
        ),
    },
    {
      name: 'create concept and milestone',
      run: async (state) => {
        const concept = await create('/v1/concepts', tokens.coordinator, conceptBody, 'create concept');
        state.conceptId = concept.json.id;
        const path = `/v1/concepts/${concept.json.id}/milestones`;
        const answer = await create(path, tokens.coordinator, milestoneBody, 'create milestone');
        state.milestoneId = answer.json.id;
        return answer;
      },
    },
    {
      name: 'achieve milestone',
      run: async (state) =>
        changeOnce(
          'PATCH',
          `/v1/concepts/${id(state.conceptId)}/milestones/${id(state.milestoneId)}`,
          tokens.coordinator,
          { status: 'achieved', achievedOn: '2024-05-31' },
        ),
    },
  ];
}

/** The bench's position: half a post, half funded by the application. */
export const benchPositionBody = (applicationId: string) =>
  positionBody(applicationId, { fte: 0.5, fundedBy: [{ applicationId, shareBasisPoints: 5_000 }] });

const KIM = { name: 'Kim Koordination', email: 'kim.koordination@erfurt.example' };

const taskBody = (positionId: string) => ({
  title: 'Arbeitskreis Quartiersarbeit aufbauen',
  area: 'coordination_networking',
  positionId,
  dueOn: '2024-09-30',
  assignee: KIM,
});

const conceptBody = {
  district: 'Erfurt-Nord',
  title: 'Stadtteilentwicklungskonzept Erfurt-Nord',
  owner: KIM,
};

const milestoneBody = {
  title: 'Beteiligung der Ortsteile',
  kind: 'participation',
  dueOn: '2024-06-30',
  reportDueOn: '2024-07-15',
};
