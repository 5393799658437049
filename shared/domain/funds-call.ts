import * as z from '../zod.ts';
import type { Application } from './application.ts';
import { type CalendarDate, calendarDateSchema } from './calendar-date.ts';
import { newRecordFields, noteSchema, storedRecordFields, updateOf } from './common-schemas.ts';
import { AppError, type FieldError, invalid } from './errors.ts';
import { addDuration } from './funding-rules.ts';
import type { GrantRules } from './grant-rules.ts';
import { centsSchema } from './money.ts';

export const createFundsCallSchema = z.strictObject({
  amountCents: centsSchema.min(1, 'must be more than 0'),
  calledOn: calendarDateSchema,
  receivedOn: calendarDateSchema.optional(),
  /** A stricter spend-by date than the notice's window (never a later one). */
  spendBy: calendarDateSchema.optional(),
  note: noteSchema.optional(),
});
export type CreateFundsCall = z.infer<typeof createFundsCallSchema>;

const spendingSchema = z.strictObject({
  on: calendarDateSchema,
  amountCents: centsSchema.min(1, 'must be more than 0'),
});

export const updateFundsCallSchema = updateOf(
  z.strictObject({
    receivedOn: calendarDateSchema.nullable(),
    /** The day all of the call was used (shorthand for one spending of the whole amount); null: none yet. */
    spentOn: calendarDateSchema.nullable(),
    /** What was used on which day, when the call is used in parts; replaces the parts recorded so far. */
    spent: z.array(spendingSchema).max(100),
  }),
).refine((patch) => patch.spentOn === undefined || patch.spent === undefined, {
  message: 'give spentOn or spent, not both',
  path: ['spent'],
});
export type UpdateFundsCall = z.infer<typeof updateFundsCallSchema>;

export const fundsCallSchema = z.object({
  ...storedRecordFields,
  applicationId: z.string(),
  amountCents: z.number(),
  /** The budget year (Haushaltsjahr) the call draws on: the year it was called in. */
  budgetYear: z.number().int(),
  calledOn: z.string(),
  receivedOn: z.string().nullable(),
  /** The parts used so far, by day. */
  spent: z.array(z.object({ on: z.string(), amountCents: z.number() })),
  /** The day the last of the call was used; null while any of it is unused. */
  spentOn: z.string().nullable(),
  spendBy: z.string(),
  /** True when spendBy was given rather than derived from the notice's rules. */
  spendByExplicit: z.boolean(),
  note: z.string().nullable(),
});
export type FundsCall = z.infer<typeof fundsCallSchema>;

export const budgetYearOf = (calledOn: CalendarDate) => Number(calledOn.slice(0, 4));

const payoutOf = (call: Pick<FundsCall, 'calledOn' | 'receivedOn'>) => call.receivedOn ?? call.calledOn;

/** The day all of a call was used, or null while some is unused. */
function fullyUsedOn(call: Pick<FundsCall, 'amountCents' | 'spent'>): CalendarDate | null {
  const used = call.spent.reduce((sum, part) => sum + part.amountCents, 0);
  return used >= call.amountCents
    ? (call.spent
        .map((part) => part.on)
        .sort()
        .at(-1) ?? null)
    : null;
}

function checkDates(call: Pick<FundsCall, 'calledOn' | 'receivedOn' | 'spent' | 'amountCents'>) {
  const errors: FieldError[] = [];
  if (call.receivedOn && call.receivedOn < call.calledOn) {
    errors.push({ path: 'receivedOn', message: 'must not be before calledOn' });
  }
  call.spent.forEach((part, index) => {
    if (part.on < payoutOf(call))
      errors.push({ path: `spent.${index}.on`, message: 'must not be before the payout' });
  });
  const used = call.spent.reduce((sum, part) => sum + part.amountCents, 0);
  if (used > call.amountCents) {
    errors.push({
      path: 'spent',
      message: `must not add up to more than the ${call.amountCents} cents called`,
    });
  }
  if (errors.length) throw new AppError('validation', 'The funds call is not valid', { errors });
}

/**
 * The latest day called money may be held (ANBest-P 1.4: within the notice's window after
 * payout). A stated spend-by date must lie between the call and that day (422 otherwise).
 */
function spendByOf(
  call: Pick<FundsCall, 'calledOn' | 'receivedOn'>,
  stated: CalendarDate | undefined,
  rules: Pick<GrantRules, 'fundsUseWithin'>,
): CalendarDate {
  const latest = addDuration(payoutOf(call), rules.fundsUseWithin);
  if (stated === undefined) return latest;
  if (stated < call.calledOn || stated > latest) {
    throw new AppError(
      'unprocessable',
      `spendBy must lie between the call (${call.calledOn}) and ${latest}, the latest the notice's rules allow`,
      {
        errors: [{ path: 'spendBy', message: `must lie between ${call.calledOn} and ${latest}` }],
        extensions: { rule: 'spend_by_window', earliest: call.calledOn, latest },
      },
    );
  }
  return stated;
}

/**
 * Decides a new funds call: only on an approved application, within its funding period and
 * within the money still available in all and in the budget year it draws on (the store
 * re-checks both atomically), spent by the day the notice's rules allow.
 */
export function planFundsCall(
  application: Application,
  input: CreateFundsCall,
  context: { id: string; now: Date },
): FundsCall {
  if (application.status !== 'approved' || !application.notice) {
    throw new AppError(
      'conflict',
      `Funds can be called only on an approved application; this one is ${application.status}`,
    );
  }
  const period = application.notice.fundingPeriod;
  if (input.calledOn < period.start || input.calledOn > period.end) {
    throw invalid('calledOn', `must lie in the funding period ${period.start} – ${period.end}`);
  }
  if (input.amountCents > application.availableCents) {
    throw new AppError(
      'conflict',
      `Only ${application.availableCents} cents of the approval are still available`,
      {
        extensions: { availableCents: application.availableCents },
      },
    );
  }
  const budgetYear = budgetYearOf(input.calledOn);
  const remaining = application.remainingByYear[String(budgetYear)] ?? 0;
  if (input.amountCents > remaining) {
    throw new AppError(
      'conflict',
      `Only ${remaining} cents of the approval for ${budgetYear} are still available`,
      {
        extensions: { budgetYear, remainingCents: remaining },
      },
    );
  }
  const dates = {
    calledOn: input.calledOn,
    receivedOn: input.receivedOn ?? null,
    spent: [],
    amountCents: input.amountCents,
  };
  checkDates(dates);
  return {
    ...newRecordFields(context),
    applicationId: application.id,
    amountCents: input.amountCents,
    budgetYear,
    calledOn: input.calledOn,
    receivedOn: dates.receivedOn,
    spent: [],
    spentOn: null,
    spendBy: spendByOf(dates, input.spendBy, application.notice.rules),
    spendByExplicit: input.spendBy !== undefined,
    note: input.note ?? null,
  };
}

/** Records payout and use (at once or in parts); a derived spend-by date moves with the payout date. */
export function applyFundsCallUpdate(
  call: FundsCall,
  patch: UpdateFundsCall,
  rules: Pick<GrantRules, 'fundsUseWithin'>,
  now: Date,
): FundsCall {
  const spent =
    patch.spent ??
    (patch.spentOn === undefined
      ? call.spent
      : patch.spentOn === null
        ? []
        : [{ on: patch.spentOn, amountCents: call.amountCents }]);
  const next: FundsCall = {
    ...call,
    receivedOn: patch.receivedOn === undefined ? call.receivedOn : patch.receivedOn,
    spent,
    version: call.version + 1,
    updatedAt: now.toISOString(),
  };
  checkDates(next);
  return {
    ...next,
    spentOn: fullyUsedOn(next),
    spendBy: spendByOf(next, call.spendByExplicit ? call.spendBy : undefined, rules),
  };
}

/** Called money not used yet. */
export const unspentCents = (call: Pick<FundsCall, 'amountCents' | 'spent'>) =>
  call.amountCents - call.spent.reduce((sum, part) => sum + part.amountCents, 0);
