import { describe, expect, it } from 'vitest';
import {
  applyPositionUpdate,
  checkPositionDates,
  createPositionSchema,
  decideStaffing,
  newPosition,
  type Position,
  updatePositionSchema,
} from '../../shared/domain/position.ts';
import { positionBody } from '../fixtures/positions.ts';
import { errorOf } from '../support/app-error.ts';

const A1 = '01JC0Z6XKX2P4T3C8Y5W7QF9AB';
const A2 = '01JC0Z6XKX2P4T3C8Y5W7QF9AC';
const ANNA = { name: 'Anna Finanz', email: 'anna.finanz@erfurt.example' };
const KIM = { name: 'Kim Koordination', email: 'kim@erfurt.example' };
const LINKS: Position['fundedBy'] = [
  { applicationId: A1, shareBasisPoints: 10_000, planned: false, programId: 'PR' },
];
const context = { id: 'P1', now: new Date('2022-12-01T08:00:00Z') };

const created = (overrides: Record<string, unknown> = {}) =>
  newPosition(
    createPositionSchema.parse(positionBody(A1, overrides)),
    { owner: ANNA, fundedBy: LINKS },
    context,
  );

const issuesOf = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));

describe('a new position is planned, with no holder yet', () => {
  it('starts planned, version 1, with the links as checked and the owner given', () => {
    expect(created()).toEqual({
      id: 'P1',
      version: 1,
      createdAt: '2022-12-01T08:00:00.000Z',
      updatedAt: '2022-12-01T08:00:00.000Z',
      title: 'Quartiersplanungskoordination',
      fte: 1,
      payGrade: 'TVöD E 11',
      payStep: 3,
      orgUnit: 'Amt für Soziales, Sozialplanung',
      start: '2023-01-01',
      end: '2025-12-31',
      owner: ANNA,
      fundedBy: LINKS,
      staffing: 'planned',
      staffingSince: null,
      holder: null,
    });
  });

  it('records no pay step and no end as null (an open-ended contract)', () => {
    const position = created({ payStep: undefined, end: undefined });
    expect(position).toMatchObject({ payStep: null, end: null });
  });
});

describe('the contract ends on or after it starts', () => {
  it('accepts an end on the start day and refuses one a day earlier', () => {
    expect(createPositionSchema.safeParse(positionBody(A1, { end: '2023-01-01' })).success).toBe(true);
    expect(issuesOf(createPositionSchema.safeParse(positionBody(A1, { end: '2022-12-31' })))).toEqual([
      { path: 'end', message: 'must not be before start' },
    ]);
  });

  it('accepts a contract without an end', () => {
    expect(createPositionSchema.safeParse(positionBody(A1, { end: null })).success).toBe(true);
  });

  it('is checked again after an update: the start day passes, a day before it fails', () => {
    expect(() => checkPositionDates({ start: '2023-01-01', end: '2023-01-01' })).not.toThrow();
    expect(() => checkPositionDates({ start: '2023-01-01', end: null })).not.toThrow();
    expect(errorOf(() => checkPositionDates({ start: '2023-01-01', end: '2022-12-31' }))).toMatchObject({
      kind: 'validation',
      message: 'The position is not valid',
      errors: [{ path: 'end', message: 'must not be before start' }],
    });
  });
});

describe('the funding links of a position', () => {
  const link = (applicationId: string, shareBasisPoints: number) => ({ applicationId, shareBasisPoints });

  it('may share out exactly 100 % and not a basis point more', () => {
    const whole = positionBody(A1, { fundedBy: [link(A1, 6000), link(A2, 4000)] });
    expect(createPositionSchema.safeParse(whole).success).toBe(true);
    const over = positionBody(A1, { fundedBy: [link(A1, 6000), link(A2, 4001)] });
    expect(issuesOf(createPositionSchema.safeParse(over))).toEqual([
      { path: 'fundedBy', message: 'shares must not exceed 10000 in total' },
    ]);
  });

  it('names each application once', () => {
    const twice = positionBody(A1, { fundedBy: [link(A1, 5000), link(A1, 5000)] });
    expect(issuesOf(createPositionSchema.safeParse(twice))).toEqual([
      { path: 'fundedBy', message: 'each application may fund once' },
    ]);
  });

  it('may be left out: a position with no funding yet', () => {
    expect(createPositionSchema.parse(positionBody(A1, { fundedBy: undefined })).fundedBy).toEqual([]);
  });

  it('holds the same rules in an update', () => {
    expect(updatePositionSchema.safeParse({ fundedBy: [link(A1, 6000), link(A2, 4000)] }).success).toBe(true);
    expect(issuesOf(updatePositionSchema.safeParse({ fundedBy: [link(A1, 6000), link(A2, 4001)] }))).toEqual([
      { path: 'fundedBy', message: 'shares must not exceed 10000 in total' },
    ]);
    expect(issuesOf(updatePositionSchema.safeParse({ fundedBy: [link(A1, 1), link(A1, 1)] }))).toEqual([
      { path: 'fundedBy', message: 'each application may fund once' },
    ]);
  });
});

describe('an update changes at least one field', () => {
  it('refuses an empty update and accepts one field', () => {
    expect(issuesOf(updatePositionSchema.safeParse({}))).toEqual([
      { path: '', message: 'must change at least one field' },
    ]);
    expect(updatePositionSchema.safeParse({ title: 'Neu' }).success).toBe(true);
  });
});

describe('applying an update to a position', () => {
  const position = { ...created(), version: 4 };

  it('changes what the patch says and keeps everything else, with the links as checked', () => {
    const links: Position['fundedBy'] = [
      { applicationId: A2, shareBasisPoints: 5000, planned: true, programId: 'P2' },
    ];
    const next = applyPositionUpdate(position, { title: 'Sozialplanung', fte: 0.5 }, links);
    expect(next).toEqual({ ...position, title: 'Sozialplanung', fte: 0.5, fundedBy: links });
  });

  it('clears the pay step and the end with null, keeps them when not named', () => {
    expect(applyPositionUpdate(position, { payStep: null, end: null } as never, LINKS)).toMatchObject({
      payStep: null,
      end: null,
    });
    expect(applyPositionUpdate(position, { payStep: 5, end: '2026-06-30' }, LINKS)).toMatchObject({
      payStep: 5,
      end: '2026-06-30',
    });
    expect(applyPositionUpdate(position, { title: 'X' }, LINKS)).toMatchObject({
      payStep: 3,
      end: '2025-12-31',
    });
  });

  it('hands the position to a new owner, or keeps the owner', () => {
    expect(applyPositionUpdate(position, { owner: KIM }, LINKS).owner).toEqual(KIM);
    expect(applyPositionUpdate(position, { title: 'X' }, LINKS).owner).toEqual(ANNA);
  });

  it('refuses an update that moves the start past the end', () => {
    expect(errorOf(() => applyPositionUpdate(position, { start: '2026-01-01' }, LINKS)).errors).toEqual([
      { path: 'end', message: 'must not be before start' },
    ]);
  });
});

describe('staffing steps: a filled position names its holder, and only then', () => {
  const advertised = (overrides: Partial<Position> = {}) =>
    ({ ...created(), staffing: 'advertised', staffingSince: '2023-02-01', ...overrides }) as Position;

  it('fills the position on the day given, with its holder', () => {
    expect(decideStaffing(advertised(), { to: 'filled', on: '2023-04-01', holder: KIM })).toEqual({
      ...advertised(),
      staffing: 'filled',
      staffingSince: '2023-04-01',
      holder: KIM,
    });
  });

  it('refuses filling without a holder', () => {
    expect(errorOf(() => decideStaffing(advertised(), { to: 'filled', on: '2023-04-01' }))).toMatchObject({
      kind: 'validation',
      message: 'The staffing step is not valid',
      errors: [{ path: 'holder', message: 'a filled position names its holder' }],
    });
  });

  it('refuses a holder on any other step', () => {
    const filled = advertised({ staffing: 'filled', holder: KIM });
    expect(
      errorOf(() => decideStaffing(filled, { to: 'vacant', on: '2023-06-01', holder: KIM })),
    ).toMatchObject({
      kind: 'validation',
      errors: [{ path: 'holder', message: 'only when filling the position' }],
    });
  });

  it('lets the holder go when the position becomes vacant', () => {
    const filled = advertised({ staffing: 'filled', holder: KIM });
    expect(decideStaffing(filled, { to: 'vacant', on: '2023-06-01' })).toMatchObject({
      staffing: 'vacant',
      staffingSince: '2023-06-01',
      holder: null,
    });
  });

  it('takes a step on the day of the last one, and refuses one a day before', () => {
    expect(decideStaffing(advertised(), { to: 'filled', on: '2023-02-01', holder: KIM }).staffingSince).toBe(
      '2023-02-01',
    );
    expect(
      errorOf(() => decideStaffing(advertised(), { to: 'filled', on: '2023-01-31', holder: KIM })),
    ).toMatchObject({
      kind: 'validation',
      errors: [{ path: 'on', message: 'must not be before the last staffing step (2023-02-01)' }],
    });
  });

  it('takes the first step on any day', () => {
    expect(decideStaffing(created(), { to: 'advertised', on: '2020-01-01' }).staffingSince).toBe(
      '2020-01-01',
    );
  });

  it('refuses a step the table does not allow, saying from where to where', () => {
    expect(errorOf(() => decideStaffing(created(), { to: 'vacant', on: '2023-02-01' }))).toMatchObject({
      kind: 'conflict',
      message: 'Staffing cannot go from planned to vacant',
      extensions: { from: 'planned', allowed: ['advertised'] },
    });
  });
});
