import { describe, expect, it } from 'vitest';
import { spendByDeadline } from '../../shared/domain/application-deadlines.ts';
import {
  applyFundsCallUpdate,
  budgetYearOf,
  type FundsCall,
  planFundsCall,
  unspentCents,
} from '../../shared/domain/funds-call.ts';
import { approvedApplication, draftApplication, ERFURT_RULES } from '../fixtures/applications.ts';
import { errorOf } from '../support/app-error.ts';

const context = { id: 'CALL1', now: new Date('2023-03-01T09:00:00Z') };
const approved = approvedApplication();
const call = (input: Partial<Parameters<typeof planFundsCall>[1]> = {}, application = approved) =>
  planFundsCall(
    application,
    { amountCents: 1_000_000, calledOn: '2023-03-01', receivedOn: '2023-03-06', ...input },
    context,
  );

describe('the sum of funds calls never exceeds the approval', () => {
  it('accepts a call of exactly what is still available and refuses a cent more', () => {
    const nearlyDone = approvedApplication({
      calledCents: 18_000_000,
      availableCents: 1_000_000,
      calledByYear: { '2023': 0 },
    });
    expect(call({ amountCents: 1_000_000 }, nearlyDone).amountCents).toBe(1_000_000);
    const error = errorOf(() => call({ amountCents: 1_000_001 }, nearlyDone));
    expect(error).toMatchObject({ kind: 'conflict', extensions: { availableCents: 1_000_000 } });
  });

  it('calls only on an approved application, within its funding period', () => {
    expect(errorOf(() => call({}, draftApplication())).kind).toBe('conflict');
    expect(errorOf(() => call({ calledOn: '2022-12-31' })).errors?.[0]?.path).toBe('calledOn');
    expect(errorOf(() => call({ calledOn: '2026-01-01' })).errors?.[0]?.path).toBe('calledOn');
    expect(call({ calledOn: '2025-12-31', receivedOn: undefined }).budgetYear).toBe(2025);
  });
});

describe('a funds call draws on the approval of its budget year', () => {
  it('belongs to the year it is called in', () => {
    expect(budgetYearOf('2024-12-31')).toBe(2024);
    expect(call({ calledOn: '2024-01-01', receivedOn: undefined }).budgetYear).toBe(2024);
  });

  it('accepts exactly what remains for the year and refuses more, naming the year and what remains', () => {
    const remaining = approved.remainingByYear['2023'] ?? 0;
    expect(call({ amountCents: remaining }).amountCents).toBe(remaining);
    expect(errorOf(() => call({ amountCents: remaining + 1 }))).toMatchObject({
      kind: 'conflict',
      extensions: { budgetYear: 2023, remainingCents: remaining },
    });
  });
});

describe('the spend-by date: within the notice’s window after payout', () => {
  it('is the payout plus the notice’s window when not stated', () => {
    expect(call().spendBy).toBe('2023-05-06');
    expect(call({ receivedOn: undefined }).spendBy).toBe('2023-05-01');
  });

  it('may be stated between the call and the latest day, both days included, never outside', () => {
    expect(call({ spendBy: '2023-05-06' })).toMatchObject({ spendBy: '2023-05-06', spendByExplicit: true });
    expect(call({ spendBy: '2023-03-01' }).spendBy).toBe('2023-03-01');
    expect(errorOf(() => call({ spendBy: '2023-05-07' }))).toMatchObject({
      kind: 'unprocessable',
      extensions: { rule: 'spend_by_window', latest: '2023-05-06' },
    });
    expect(errorOf(() => call({ spendBy: '2023-02-28' })).kind).toBe('unprocessable');
  });

  it('moves with the payout date unless it was stated', () => {
    const planned = call({ receivedOn: undefined });
    expect(
      applyFundsCallUpdate(planned, { receivedOn: '2023-03-10' }, ERFURT_RULES, context.now).spendBy,
    ).toBe('2023-05-10');
    const stated = call({ spendBy: '2023-04-30' });
    expect(
      applyFundsCallUpdate(stated, { receivedOn: '2023-03-10' }, ERFURT_RULES, context.now).spendBy,
    ).toBe('2023-04-30');
  });
});

describe('a call used in parts', () => {
  const planned: FundsCall = call();

  it('records the parts, and the day all of it was used', () => {
    const partly = applyFundsCallUpdate(
      planned,
      { spent: [{ on: '2023-04-01', amountCents: 400_000 }] },
      ERFURT_RULES,
      context.now,
    );
    expect(partly).toMatchObject({ spentOn: null, version: 2 });
    expect(unspentCents(partly)).toBe(600_000);
    const all = applyFundsCallUpdate(
      partly,
      {
        spent: [
          { on: '2023-04-01', amountCents: 400_000 },
          { on: '2023-04-20', amountCents: 600_000 },
        ],
      },
      ERFURT_RULES,
      context.now,
    );
    expect(all.spentOn).toBe('2023-04-20');
    expect(unspentCents(all)).toBe(0);
  });

  it('takes spentOn as all of it used that day, and null as none', () => {
    const used = applyFundsCallUpdate(planned, { spentOn: '2023-04-10' }, ERFURT_RULES, context.now);
    expect(used).toMatchObject({
      spentOn: '2023-04-10',
      spent: [{ on: '2023-04-10', amountCents: 1_000_000 }],
    });
    expect(applyFundsCallUpdate(used, { spentOn: null }, ERFURT_RULES, context.now)).toMatchObject({
      spentOn: null,
      spent: [],
    });
  });

  it('refuses parts adding up to more than the call, or used before the payout', () => {
    const over = errorOf(() =>
      applyFundsCallUpdate(
        planned,
        { spent: [{ on: '2023-04-01', amountCents: 1_000_001 }] },
        ERFURT_RULES,
        context.now,
      ),
    );
    expect(over.errors?.[0]?.path).toBe('spent');
    const early = errorOf(() =>
      applyFundsCallUpdate(
        planned,
        { spent: [{ on: '2023-03-05', amountCents: 1 }] },
        ERFURT_RULES,
        context.now,
      ),
    );
    expect(early.errors?.[0]?.path).toBe('spent.0.on');
    expect(
      errorOf(() => applyFundsCallUpdate(planned, { receivedOn: '2023-02-28' }, ERFURT_RULES, context.now))
        .errors?.[0]?.path,
    ).toBe('receivedOn');
  });

  it('keeps its spend-by deadline open with the unused amount at stake, and closes it once all is used', () => {
    const partly = applyFundsCallUpdate(
      planned,
      { spent: [{ on: '2023-04-01', amountCents: 400_000 }] },
      ERFURT_RULES,
      context.now,
    );
    expect(spendByDeadline(approved, partly)).toMatchObject({
      status: 'open',
      amountCents: 600_000,
      dueOn: '2023-05-06',
    });
    const all = applyFundsCallUpdate(planned, { spentOn: '2023-04-10' }, ERFURT_RULES, context.now);
    expect(spendByDeadline(approved, all)).toMatchObject({ status: 'done', amountCents: 1_000_000 });
    expect(spendByDeadline({ ...approved, status: 'revoked' }, planned).status).toBe('done');
  });
});
