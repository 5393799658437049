import { beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../shared/domain/application.ts';
import { erfurtNotice } from '../fixtures/applications.ts';
import { fundingSteps } from '../support/funding.ts';
import { createTestApi, type TestApi } from '../support/test-api.ts';

let api: TestApi;
let steps: ReturnType<typeof fundingSteps>;
let programId: string;

beforeAll(async () => {
  api = await createTestApi({ clock: () => new Date('2024-06-01T08:00:00Z') });
  steps = fundingSteps(api);
  programId = await steps.program();
});

const positionBody = (applicationId: string, overrides: Record<string, unknown> = {}) => ({
  title: 'Quartiersplanungskoordination',
  fte: 1,
  payGrade: 'TVöD E 11',
  payStep: 3,
  orgUnit: 'Amt für Soziales, Sozialplanung',
  start: '2023-01-01',
  end: '2025-12-31',
  owner: { name: 'Anna Finanz', email: 'anna.finanz@erfurt.example' },
  fundedBy: [{ applicationId, shareBasisPoints: 10_000 }],
  ...overrides,
});

async function createPosition(overrides: Record<string, unknown> = {}) {
  const approved = await steps.approved(programId);
  const response = await steps.finance.post('/v1/positions', positionBody(approved.id, overrides));
  expect(response.status, response.text).toBe(201);
  return { position: response.json, application: approved };
}

const positionDeadlines = async (id: string, status = 'open') =>
  (
    await api.as('viewer').get(`/v1/deadlines?from=2024-01-01&to=2026-12-31&status=${status}&limit=100`)
  ).json.items.filter((deadline: { subject: { id: string } }) => deadline.subject.id === id);

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
    expect(
      deadlines
        .map((deadline: { kind: string; dueOn: string }) => `${deadline.kind}@${deadline.dueOn}`)
        .sort(),
    ).toEqual(['contract_end@2025-12-31', 'position_funding_end@2025-12-31']);
    expect(deadlines[0].owner.email).toBe('anna.finanz@erfurt.example');
  });

  it('warns, computed on read, when the contract runs past the funding', async () => {
    const { position } = await createPosition({ end: '2026-06-30' });
    const read = await api.as('viewer').get(`/v1/positions/${position.id}`);
    expect(read.json.warnings).toContainEqual(
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
    const response = await steps.finance.post('/v1/positions', positionBody(approved.id, overrides));
    expect(response.status).toBe(400);
    if (path) expect(response.json.errors.map((error: { path: string }) => error.path)).toContain(path);
  });

  it('refuses shares over 100 % and links to unknown applications', async () => {
    const approved = await steps.approved(programId);
    const other = await steps.approved(programId);
    const over = await steps.finance.post(
      '/v1/positions',
      positionBody(approved.id, {
        fundedBy: [
          { applicationId: approved.id, shareBasisPoints: 6000 },
          { applicationId: other.id, shareBasisPoints: 5000 },
        ],
      }),
    );
    expect(over.status).toBe(400);
    const unknown = await steps.finance.post('/v1/positions', positionBody('01JC0Z6XKX2P4T3C8Y5W7QF9AB'));
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors[0].path).toBe('fundedBy.0.applicationId');
  });

  it('links a not-yet-approved application only as planned funding, and flags it', async () => {
    const draft = await steps.draft(programId);
    expect((await steps.finance.post('/v1/positions', positionBody(draft.id))).status).toBe(400);
    const planned = await steps.finance.post(
      '/v1/positions',
      positionBody(draft.id, {
        fundedBy: [{ applicationId: draft.id, shareBasisPoints: 10_000, planned: true }],
      }),
    );
    expect(planned.status).toBe(201);
    expect(planned.json.warnings.map((warning: { code: string }) => warning.code)).toEqual([
      'unfunded_gap',
      'planned_funding',
    ]);
  });

  it('refuses a coordinator with 403', async () => {
    const approved = await steps.approved(programId);
    expect((await api.as('coordinator').post('/v1/positions', positionBody(approved.id))).status).toBe(403);
  });
});

describe("the funding end follows the application's notice", () => {
  const fundingEnds = async (positionId: string) =>
    (await positionDeadlines(positionId))
      .filter((deadline: { kind: string }) => deadline.kind === 'position_funding_end')
      .map((deadline: { dueOn: string }) => deadline.dueOn);

  it('sets it on approval, moves it on amendment and removes it on revocation, in the same write', async () => {
    const draft = await steps.draft(programId);
    const submitted = await steps.move(draft.id, 1, { to: 'submitted' });
    const created = await steps.finance.post(
      '/v1/positions',
      positionBody(draft.id, {
        fundedBy: [{ applicationId: draft.id, shareBasisPoints: 10_000, planned: true }],
      }),
    );
    expect(created.status, created.text).toBe(201);
    const positionId = created.json.id;
    expect(await fundingEnds(positionId)).toEqual([]);

    // Linking the position is a change of the application too: its version moves, its history says so.
    const linked = await api.as('viewer').get(`/v1/applications/${draft.id}`);
    expect(linked.json.version).toBe(submitted.version + 1);
    const history = await api.as('viewer').get(`/v1/applications/${draft.id}/history`);
    expect(history.json.items.map((entry: { action: string }) => entry.action)).toContain('position_linked');

    const approved = await steps.move(draft.id, linked.json.version, {
      to: 'approved',
      notice: erfurtNotice(),
    });
    expect(await fundingEnds(positionId)).toEqual(['2025-12-31']);

    const amended = await steps.amend(draft.id, approved.version, '2026-06-30');
    expect(await fundingEnds(positionId)).toEqual(['2026-06-30']);
    expect((await api.as('viewer').get(`/v1/positions/${positionId}`)).json.fundingEnd).toBe('2026-06-30');

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
    const after = await api.as('viewer').get(`/v1/positions/${position.id}`);
    expect(after.json).toMatchObject({
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
    const writes = await api.deps.store.fundingLinks.fundingEndWrites(current, find, context);
    const renamed = await steps.finance.patch(
      `/v1/positions/${position.id}`,
      { title: 'Umbenannt' },
      { 'if-match': '"1"' },
    );
    expect(renamed.status).toBe(200);

    await expect(api.deps.store.table.transact(writes)).rejects.toMatchObject({ kind: 'conflict' });
  });
});

describe('the programme-wide FTE cap', () => {
  it('flags positions once more than 4 VbE are funded under the Sozialstrategierichtlinie', async () => {
    const capped = await createTestApi();
    const cappedSteps = fundingSteps(capped);
    const program = await cappedSteps.program();
    const application = await cappedSteps.approved(program);
    const ids: string[] = [];
    for (const fte of [1, 1, 1, 0.5]) {
      const created = await cappedSteps.finance.post('/v1/positions', positionBody(application.id, { fte }));
      expect(created.json.warnings.map((warning: { code: string }) => warning.code)).not.toContain(
        'fte_cap_exceeded',
      );
      ids.push(created.json.id);
    }
    const fifth = await cappedSteps.finance.post(
      '/v1/positions',
      positionBody(application.id, { fte: 0.75 }),
    );
    expect(fifth.json.warnings).toContainEqual(expect.objectContaining({ code: 'fte_cap_exceeded' }));
    // Lowering one position's FTE brings the programme back under its cap for everyone.
    const lowered = await cappedSteps.finance.patch(
      `/v1/positions/${ids[0]}`,
      { fte: 0.5 },
      { 'if-match': '"1"' },
    );
    expect(lowered.status).toBe(200);
    const again = await capped.as('viewer').get(`/v1/positions/${fifth.json.id}`);
    expect(again.json.warnings.map((warning: { code: string }) => warning.code)).not.toContain(
      'fte_cap_exceeded',
    );
  });
});

describe('staffing', () => {
  it('advertises and fills with If-Match, recording each step in history', async () => {
    const { position } = await createPosition();
    const path = `/v1/positions/${position.id}/staffing`;
    const advertised = await steps.finance.post(
      path,
      { to: 'advertised', on: '2023-01-15' },
      { 'if-match': '"1"' },
    );
    expect(advertised.status).toBe(200);
    const filled = await steps.finance.post(
      path,
      { to: 'filled', on: '2023-04-01', holder: { name: 'Kim Koordination', email: 'kim@erfurt.example' } },
      { 'if-match': '"2"' },
    );
    expect(filled.json).toMatchObject({
      staffing: 'filled',
      staffingSince: '2023-04-01',
      holder: { name: 'Kim Koordination' },
    });
    const history = await api.as('viewer').get(`/v1/positions/${position.id}/history`);
    expect(
      history.json.items.map((entry: { action: string; to: string }) => `${entry.action}:${entry.to}`),
    ).toEqual(['create:planned', 'staffing:advertised', 'staffing:filled']);
  });

  it('refuses a transition the rules do not allow, a holder without a name, and a stale If-Match', async () => {
    const { position } = await createPosition();
    const path = `/v1/positions/${position.id}/staffing`;
    const skip = await steps.finance.post(path, { to: 'vacant', on: '2023-01-15' }, { 'if-match': '"1"' });
    expect(skip.status).toBe(409);
    expect(skip.json.allowed).toEqual(['advertised']);
    await steps.finance.post(path, { to: 'advertised', on: '2023-01-15' }, { 'if-match': '"1"' });
    const nameless = await steps.finance.post(
      path,
      { to: 'filled', on: '2023-04-01', holder: { name: '', email: 'kim@erfurt.example' } },
      { 'if-match': '"2"' },
    );
    expect(nameless.status).toBe(400);
    expect(
      (await steps.finance.post(path, { to: 'filled', on: '2023-04-01' }, { 'if-match': '"1"' })).status,
    ).toBe(412);
  });

  it('opens a vacancy deadline when vacated and closes it when advertised again; warns after 60 days', async () => {
    const { position } = await createPosition();
    const path = `/v1/positions/${position.id}/staffing`;
    await steps.finance.post(path, { to: 'advertised', on: '2023-01-15' }, { 'if-match': '"1"' });
    await steps.finance.post(
      path,
      { to: 'filled', on: '2023-04-01', holder: { name: 'Kim', email: 'kim@erfurt.example' } },
      { 'if-match': '"2"' },
    );
    const vacant = await steps.finance.post(path, { to: 'vacant', on: '2024-03-01' }, { 'if-match': '"3"' });
    expect(vacant.json.warnings).toContainEqual(
      expect.objectContaining({ code: 'long_vacancy', vacantDays: 92 }),
    );
    expect(
      (await positionDeadlines(position.id)).map((deadline: { kind: string }) => deadline.kind),
    ).toContain('vacancy');
    await steps.finance.post(path, { to: 'advertised', on: '2024-06-01' }, { 'if-match': '"4"' });
    expect(
      (await positionDeadlines(position.id)).map((deadline: { kind: string }) => deadline.kind),
    ).not.toContain('vacancy');
    expect(
      (await positionDeadlines(position.id, 'done')).map((deadline: { kind: string }) => deadline.kind),
    ).toContain('vacancy');
  });

  it('hands every open deadline of the position, its vacancy too, to a new owner', async () => {
    const { position } = await createPosition();
    const path = `/v1/positions/${position.id}/staffing`;
    const moves = [
      { to: 'advertised', on: '2023-01-15' },
      { to: 'filled', on: '2023-04-01', holder: { name: 'Kim', email: 'kim@erfurt.example' } },
      { to: 'vacant', on: '2024-03-01' },
    ];
    for (const [index, move] of moves.entries()) {
      const moved = await steps.finance.post(path, move, { 'if-match': `"${index + 1}"` });
      expect(moved.status, moved.text).toBe(200);
    }
    const newOwner = { name: 'Bernd Personal', email: 'bernd.personal@erfurt.example' };

    const changed = await steps.finance.patch(
      `/v1/positions/${position.id}`,
      { owner: newOwner, title: 'Quartierskoordination Nord' },
      { 'if-match': '"4"' },
    );
    expect(changed.status, changed.text).toBe(200);

    const deadlines = await positionDeadlines(position.id);
    expect(deadlines.map((deadline: { kind: string }) => deadline.kind).sort()).toEqual([
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
    expect(deadlines.find((deadline: { kind: string }) => deadline.kind === 'vacancy').dueOn).toBe(
      '2024-04-30',
    );
  });
});

describe('personnel costs', () => {
  it('plans per budget year and shows the funded share per source', async () => {
    const { position } = await createPosition();
    for (const [year, gross] of [
      [2023, 5_400_000],
      [2024, 5_600_000],
      [2025, 5_800_000],
    ] as const) {
      const plan = await steps.finance.call('PUT', `/v1/positions/${position.id}/cost-plan/${year}`, {
        plannedGrossSalaryCents: gross,
      });
      expect(plan.status).toBe(200);
    }
    const costs = await api.as('viewer').get(`/v1/positions/${position.id}/costs`);
    expect(costs.json.flatRate).toBe('19.975');
    expect(costs.json.years.map((year: { year: number }) => year.year)).toEqual([2023, 2024, 2025]);
    const [y2023] = costs.json.years;
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
    const ok = await steps.finance.call('PUT', `/v1/positions/${position.id}/costs/2024-03`, {
      grossSalaryCents: 480_000,
    });
    expect(ok.status).toBe(200);
    const outside = await steps.finance.call('PUT', `/v1/positions/${position.id}/costs/2026-01`, {
      grossSalaryCents: 480_000,
    });
    expect(outside.status).toBe(400);
    const badMonth = await steps.finance.call('PUT', `/v1/positions/${position.id}/costs/2024-13`, {
      grossSalaryCents: 1,
    });
    expect(badMonth.status).toBe(400);
    const costs = await api.as('viewer').get(`/v1/positions/${position.id}/costs`);
    expect(costs.json.years).toEqual([
      expect.objectContaining({
        year: 2024,
        actual: expect.objectContaining({ grossCents: 480_000, months: 1 }),
      }),
    ]);
  });
});
