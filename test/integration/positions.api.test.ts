import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, RequestBody } from '../../client/index.ts';
import type { Application } from '../../shared/domain/application.ts';
import { erfurtNotice } from '../fixtures/applications.ts';
import { positionBody } from '../fixtures/positions.ts';
import { type FundingSteps, fundingApi } from '../support/funding.ts';
import { dataOf, expectAnswer, type TestApi } from '../support/test-api.ts';

let api: TestApi;
let steps: FundingSteps;
let viewer: ApiClient;
let programId: string;

beforeAll(async () => {
  ({ api, steps, viewer, programId } = await fundingApi({ clock: () => new Date('2024-06-01T08:00:00Z') }));
});

type PositionBody = RequestBody<'/v1/positions', 'post'>;
type StaffingMove = RequestBody<'/v1/positions/{id}/staffing', 'post'>;

const positionPath = (id: string) => ({ path: { id } });
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/** Records a position (as Anna unless told); asserts nothing. */
const recordPosition = (body: PositionBody, client: ApiClient = steps.anna) =>
  client.POST('/v1/positions', { body });

async function createPosition(overrides: Partial<PositionBody> = {}) {
  const approved = await steps.approved(programId);
  const position = expectAnswer(await recordPosition(positionBody(approved.id, overrides)), 201);
  return { position, application: approved };
}

const readPosition = async (id: string, client = viewer) =>
  dataOf(await client.GET('/v1/positions/{id}', { params: positionPath(id) }));

const positionDeadlines = async (id: string, status: 'open' | 'done' = 'open') => {
  const query = { from: '2024-01-01', to: '2026-12-31', status, limit: 100 };
  const deadlines = dataOf(await viewer.GET('/v1/deadlines', { params: { query } })).items;
  return deadlines.filter((deadline) => deadline.subject.id === id);
};

/** Moves a position's staffing as Anna at the given version; asserts nothing. */
const moveStaffing = (positionId: string, version: number, body: StaffingMove) =>
  steps.anna.POST('/v1/positions/{id}/staffing', {
    params: { ...positionPath(positionId), header: ifMatch(version) },
    body,
  });

describe('recording a position', () => {
  it('creates it planned, funded by an approved application, with its funding end', async () => {
    const { position, application } = await createPosition();
    expect(position).toMatchObject({
      staffing: 'planned',
      fte: 1,
      fundingEnd: '2025-12-31',
      fundedBy: [{ applicationId: application.id, shareBasisPoints: 10_000, planned: false }],
      warnings: [],
    });
  });

  it('makes contract end and funding end deadlines owned by the owner', async () => {
    const { position } = await createPosition();
    const deadlines = await positionDeadlines(position.id);
    expect(deadlines.map((deadline) => `${deadline.kind}@${deadline.dueOn}`).sort()).toEqual([
      'contract_end@2025-12-31',
      'position_funding_end@2025-12-31',
    ]);
    expect(deadlines[0]?.owner.email).toBe('anna.finanz@erfurt.example');
  });

  it('warns, computed on read, when the contract runs past the funding', async () => {
    const { position } = await createPosition({ end: '2026-06-30' });
    const read = await readPosition(position.id);
    expect(read.warnings).toContainEqual(
      expect.objectContaining({ code: 'contract_past_funding', fundingEnd: '2025-12-31' }),
    );
  });

  it.each([
    ['FTE 0', { fte: 0 }, 'fte'],
    ['FTE above 1.0', { fte: 1.1 }, 'fte'],
    ['FTE not a multiple of 0.05', { fte: 0.33 }, 'fte'],
    ['an end before the start', { end: '2022-12-31' }, 'end'],
    ['a pay grade that is none', { payGrade: '11' }, 'payGrade'],
    ['an unknown field', { salary: 1 }, ''],
  ])('refuses %s with 400', async (_case, overrides, path) => {
    const approved = await steps.approved(programId);
    // Raw: the bodies are wrong on purpose (an unknown field among them).
    const response = await steps.finance.post('/v1/positions', positionBody(approved.id, overrides));
    expect(response.status).toBe(400);
    if (path) expect(response.json.errors.map((error: { path: string }) => error.path)).toContain(path);
  });

  it('refuses shares over 100 % and links to unknown applications', async () => {
    const approved = await steps.approved(programId);
    const other = await steps.approved(programId);
    const over = await recordPosition(
      positionBody(approved.id, {
        fundedBy: [
          { applicationId: approved.id, shareBasisPoints: 6000 },
          { applicationId: other.id, shareBasisPoints: 5000 },
        ],
      }),
    );
    expect(over.response.status).toBe(400);
    const unknown = await recordPosition(positionBody('01JC0Z6XKX2P4T3C8Y5W7QF9AB'));
    expect(unknown.response.status).toBe(400);
    expect(unknown.error?.errors?.[0]?.path).toBe('fundedBy.0.applicationId');
  });

  it('links a not-yet-approved application only as planned funding, and flags it', async () => {
    const draft = await steps.draft(programId);
    expect((await recordPosition(positionBody(draft.id))).response.status).toBe(400);
    const planned = await recordPosition(
      positionBody(draft.id, {
        fundedBy: [{ applicationId: draft.id, shareBasisPoints: 10_000, planned: true }],
      }),
    );
    expect(planned.response.status).toBe(201);
    expect(planned.data?.warnings.map((warning) => warning.code)).toEqual([
      'unfunded_gap',
      'planned_funding',
    ]);
  });

  it('refuses a coordinator with 403', async () => {
    const approved = await steps.approved(programId);
    const { response } = await recordPosition(positionBody(approved.id), api.client('coordinator'));
    expect(response.status).toBe(403);
  });
});

describe("the funding end follows the application's notice", () => {
  const fundingEnds = async (positionId: string) =>
    (await positionDeadlines(positionId))
      .filter((deadline) => deadline.kind === 'position_funding_end')
      .map((deadline) => deadline.dueOn);

  it('sets it on approval, moves it on amendment and removes it on revocation, in the same write', async () => {
    const draft = await steps.draft(programId);
    const submitted = await steps.move(draft.id, 1, { to: 'submitted' });
    const created = await recordPosition(
      positionBody(draft.id, {
        fundedBy: [{ applicationId: draft.id, shareBasisPoints: 10_000, planned: true }],
      }),
    );
    const positionId = expectAnswer(created, 201).id;
    expect(await fundingEnds(positionId)).toEqual([]);

    // Linking the position is a change of the application too: its version moves, its history says so.
    const linked = dataOf(await viewer.GET('/v1/applications/{id}', { params: { path: { id: draft.id } } }));
    expect(linked.version).toBe(submitted.version + 1);
    const history = dataOf(
      await viewer.GET('/v1/applications/{id}/history', { params: { path: { id: draft.id } } }),
    );
    expect(history.items.map((entry) => entry.action)).toContain('position_linked');

    const approved = await steps.move(draft.id, linked.version, {
      to: 'approved',
      notice: erfurtNotice(),
    });
    expect(await fundingEnds(positionId)).toEqual(['2025-12-31']);

    const amended = await steps.amend(draft.id, approved.version, '2026-06-30');
    expect(await fundingEnds(positionId)).toEqual(['2026-06-30']);
    expect((await readPosition(positionId)).fundingEnd).toBe('2026-06-30');

    await steps.move(draft.id, amended.version, {
      to: 'revoked',
      repaymentClaimCents: 0,
      note: 'Widerruf',
    });
    expect(await fundingEnds(positionId)).toEqual([]);
  });

  it('refuses (409, nothing written) a position write whose application changed while it was being saved', async () => {
    const { position } = await createPosition();
    const context = {
      actor: { sub: 'race', email: 'race@erfurt.example', roles: ['finance' as const] },
      now: new Date(),
      newId: api.deps.newId,
    };
    // Like the route's memoised finder it reads once; an amendment commits right after that read.
    let read: Promise<Application | undefined> | undefined;
    const racingFinder = (id: string) => {
      read ??= (async () => {
        const before = await api.deps.store.applications.find(id);
        await steps.amend(id, before?.version ?? 0, '2026-06-30');
        return before;
      })();
      return read;
    };

    await expect(
      api.deps.store.positions.update(
        position.id,
        1,
        { title: 'Quartierskoordination' },
        60,
        context,
        racingFinder,
      ),
    ).rejects.toMatchObject({ kind: 'conflict' });
    expect(await readPosition(position.id)).toMatchObject({
      version: 1,
      title: 'Quartiersplanungskoordination',
      fundingEnd: '2026-06-30',
    });
  });

  it('refuses (409) an application change whose funded position changed while it was being saved', async () => {
    const { position, application } = await createPosition();
    const current = await api.deps.store.applications.get(application.id);
    const context = {
      actor: { sub: 'race', email: 'race@erfurt.example', roles: ['finance' as const] },
      now: new Date(),
      newId: api.deps.newId,
    };
    const find = (id: string) => api.deps.store.applications.find(id);
    const links = await api.deps.store.fundingLinks.linksOf(application.id);
    const revoked = { ...current, status: 'revoked' as const };
    const writes = await api.deps.store.fundingLinks.fundedPositionWrites(
      current,
      revoked,
      links,
      find,
      context,
    );
    const renamed = await steps.anna.PATCH('/v1/positions/{id}', {
      params: { ...positionPath(position.id), header: ifMatch(1) },
      body: { title: 'Umbenannt' },
    });
    expect(renamed.response.status).toBe(200);

    await expect(api.deps.store.table.transact(writes)).rejects.toMatchObject({ kind: 'conflict' });
  });
});

describe('the programme-wide FTE cap', () => {
  it('flags positions once more than 4 VbE are funded under the Sozialstrategierichtlinie', async () => {
    const capped = await fundingApi();
    const application = await capped.steps.approved(capped.programId);
    const ids: string[] = [];
    const record = async (fte: number) =>
      dataOf(await recordPosition(positionBody(application.id, { fte }), capped.steps.anna));
    for (const fte of [1, 1, 1, 0.5]) {
      const created = await record(fte);
      expect(created.warnings.map((warning) => warning.code)).not.toContain('fte_cap_exceeded');
      ids.push(created.id);
    }
    const fifth = await record(0.75);
    expect(fifth.warnings).toContainEqual(expect.objectContaining({ code: 'fte_cap_exceeded' }));
    // Lowering one position's FTE brings the programme back under its cap for everyone.
    const lowered = await capped.steps.anna.PATCH('/v1/positions/{id}', {
      params: { ...positionPath(ids[0]!), header: ifMatch(1) },
      body: { fte: 0.5 },
    });
    expect(lowered.response.status).toBe(200);
    const again = await readPosition(fifth.id, capped.viewer);
    expect(again.warnings.map((warning) => warning.code)).not.toContain('fte_cap_exceeded');
  });
});

describe('staffing', () => {
  it('advertises and fills with If-Match, recording each step in history', async () => {
    const { position } = await createPosition();
    const advertised = await moveStaffing(position.id, 1, { to: 'advertised', on: '2023-01-15' });
    expect(advertised.response.status).toBe(200);
    const filled = await moveStaffing(position.id, 2, {
      to: 'filled',
      on: '2023-04-01',
      holder: { name: 'Kim Koordination', email: 'kim@erfurt.example' },
    });
    expect(filled.data).toMatchObject({
      staffing: 'filled',
      staffingSince: '2023-04-01',
      holder: { name: 'Kim Koordination' },
    });
    const history = dataOf(
      await viewer.GET('/v1/positions/{id}/history', { params: positionPath(position.id) }),
    );
    expect(history.items.map((entry) => `${entry.action}:${entry.to}`)).toEqual([
      'create:planned',
      'staffing:advertised',
      'staffing:filled',
    ]);
  });

  it('refuses a transition the rules do not allow, a holder without a name, and a stale If-Match', async () => {
    const { position } = await createPosition();
    // Raw: the 409 names the allowed moves in `allowed`, which the Problem schema does not declare.
    const skip = await steps.finance.post(
      `/v1/positions/${position.id}/staffing`,
      { to: 'vacant', on: '2023-01-15' },
      { 'if-match': '"1"' },
    );
    expect(skip.status).toBe(409);
    expect(skip.json.allowed).toEqual(['advertised']);
    await moveStaffing(position.id, 1, { to: 'advertised', on: '2023-01-15' });
    const nameless = await moveStaffing(position.id, 2, {
      to: 'filled',
      on: '2023-04-01',
      holder: { name: '', email: 'kim@erfurt.example' },
    });
    expect(nameless.response.status).toBe(400);
    expect((await moveStaffing(position.id, 1, { to: 'filled', on: '2023-04-01' })).response.status).toBe(
      412,
    );
  });

  it('opens a vacancy deadline when vacated and closes it when advertised again; warns after 60 days', async () => {
    const { position } = await createPosition();
    await moveStaffing(position.id, 1, { to: 'advertised', on: '2023-01-15' });
    await moveStaffing(position.id, 2, {
      to: 'filled',
      on: '2023-04-01',
      holder: { name: 'Kim', email: 'kim@erfurt.example' },
    });
    const vacant = await moveStaffing(position.id, 3, { to: 'vacant', on: '2024-03-01' });
    expect(vacant.data?.warnings).toContainEqual(
      expect.objectContaining({ code: 'long_vacancy', vacantDays: 92 }),
    );
    const kinds = async (status?: 'open' | 'done') =>
      (await positionDeadlines(position.id, status)).map((deadline) => deadline.kind);
    expect(await kinds()).toContain('vacancy');
    await moveStaffing(position.id, 4, { to: 'advertised', on: '2024-06-01' });
    expect(await kinds()).not.toContain('vacancy');
    expect(await kinds('done')).toContain('vacancy');
  });

  it('hands every open deadline of the position, its vacancy too, to a new owner', async () => {
    const { position } = await createPosition();
    const moves: StaffingMove[] = [
      { to: 'advertised', on: '2023-01-15' },
      { to: 'filled', on: '2023-04-01', holder: { name: 'Kim', email: 'kim@erfurt.example' } },
      { to: 'vacant', on: '2024-03-01' },
    ];
    for (const [index, move] of moves.entries()) {
      expectAnswer(await moveStaffing(position.id, index + 1, move), 200);
    }
    const newOwner = { name: 'Bernd Personal', email: 'bernd.personal@erfurt.example' };

    const changed = await steps.anna.PATCH('/v1/positions/{id}', {
      params: { ...positionPath(position.id), header: ifMatch(4) },
      body: { owner: newOwner, title: 'Quartierskoordination Nord' },
    });
    expectAnswer(changed, 200);

    const deadlines = await positionDeadlines(position.id);
    expect(deadlines.map((deadline) => deadline.kind).sort()).toEqual([
      'contract_end',
      'position_funding_end',
      'vacancy',
    ]);
    for (const deadline of deadlines) {
      expect(deadline, deadline.kind).toMatchObject({
        owner: newOwner,
        subject: { title: 'Quartierskoordination Nord' },
      });
    }
    expect(deadlines.find((deadline) => deadline.kind === 'vacancy')?.dueOn).toBe('2024-04-30');
  });
});

describe('personnel costs', () => {
  const costsOf = async (id: string) =>
    dataOf(await viewer.GET('/v1/positions/{id}/costs', { params: positionPath(id) }));

  it('plans per budget year and shows the funded share per source', async () => {
    const { position } = await createPosition();
    for (const [year, gross] of [
      [2023, 5_400_000],
      [2024, 5_600_000],
      [2025, 5_800_000],
    ] as const) {
      const plan = await steps.anna.PUT('/v1/positions/{id}/cost-plan/{year}', {
        params: { path: { id: position.id, year } },
        body: { plannedGrossSalaryCents: gross },
      });
      expect(plan.response.status).toBe(200);
    }
    const costs = await costsOf(position.id);
    expect(costs.flatRate).toBe('19.975');
    expect(costs.years.map((year) => year.year)).toEqual([2023, 2024, 2025]);
    const [y2023] = costs.years;
    // 54 000 € + 19.975 % = 64 786,50 €: ESF+ 60 %, Land 20 %, city 20 %
    expect(y2023).toMatchObject({
      planned: { grossCents: 5_400_000, contributionCents: 1_078_650, totalCents: 6_478_650 },
      funded: [
        { source: 'esf_plus', cents: 3_887_190 },
        { source: 'land', cents: 1_295_730 },
      ],
      ownShareCents: 1_295_730,
    });
  });

  it('records actual monthly costs and refuses a month outside the term', async () => {
    const { position } = await createPosition();
    const record = (month: string, grossSalaryCents: number) =>
      steps.anna.PUT('/v1/positions/{id}/costs/{month}', {
        params: { path: { id: position.id, month } },
        body: { grossSalaryCents },
      });
    expect((await record('2024-03', 480_000)).response.status).toBe(200);
    expect((await record('2026-01', 480_000)).response.status).toBe(400);
    expect((await record('2024-13', 1)).response.status).toBe(400);
    const costs = await costsOf(position.id);
    expect(costs.years).toEqual([
      expect.objectContaining({
        year: 2024,
        actual: expect.objectContaining({ grossCents: 480_000, months: 1 }),
      }),
    ]);
  });
});
