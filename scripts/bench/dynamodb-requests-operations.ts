import { ulid } from 'ulid';
import { erfurtApplicationBody, erfurtNotice } from '../../test/fixtures/applications.ts';
import { programBody } from '../../test/fixtures/programs.ts';
import { type Answer, type appClient, expectStatus, type LocalTokens } from './app-client.ts';

/** Ids and the version one operation leaves for the next (each run starts with an empty state). */
export interface OperationState {
  programId?: string;
  applicationId?: string;
  version?: number;
  positionId?: string;
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
  const changeStatus = async (state: OperationState, body: unknown, what: string) => {
    const answer = expectStatus(
      await call('POST', `/v1/applications/${id(state.applicationId)}/status`, {
        token: tokens.finance,
        body,
        headers: { 'if-match': `"${state.version}"` },
      }),
      200,
      what,
    );
    state.version = answer.json.version;
    return answer;
  };
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
      run: async (state) => changeStatus(state, { to: 'submitted', note: 'eingereicht' }, 'submit'),
    },
    {
      name: 'approve with notice',
      run: async (state) => changeStatus(state, { to: 'approved', notice: erfurtNotice() }, 'approve'),
    },
    {
      name: 'create funds call (Idempotency-Key)',
      run: async (state) =>
        call('POST', `/v1/applications/${id(state.applicationId)}/funds-calls`, {
          token: tokens.finance,
          body: { amountCents: 1_000_000, calledOn: '2024-05-15' },
          headers: key(),
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
        const body = positionBody(id(state.applicationId));
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
  ];
}

export const positionBody = (applicationId: string) => ({
  title: 'Quartiersplanungskoordination',
  fte: 0.5,
  payGrade: 'TVöD E 11',
  payStep: 3,
  orgUnit: 'Amt für Soziales, Sozialplanung',
  start: '2023-01-01',
  end: '2025-12-31',
  owner: { name: 'Anna Finanz', email: 'anna.finanz@erfurt.example' },
  fundedBy: [{ applicationId, shareBasisPoints: 5_000 }],
});
