import * as z from '../zod.ts';
import type { Application } from './application.ts';
import { calendarDateSchema } from './calendar-date.ts';
import { storedRecordFields } from './common-schemas.ts';
import { AppError, type FieldError, invalid } from './errors.ts';
import { addDuration } from './funding-rules.ts';
import { centsSchema } from './money.ts';
import type { ProgramFields } from './program.ts';

export const createFundsCallSchema = z.strictObject({
  amountCents: centsSchema.min(1, 'must be more than 0'),
  calledOn: calendarDateSchema,
  receivedOn: calendarDateSchema.optional(),
  /** Overrides the programme's window (e.g. a notice with a stricter rule). */
  spendBy: calendarDateSchema.optional(),
  note: z.string().max(2000).optional(),
});
export type CreateFundsCall = z.infer<typeof createFundsCallSchema>;

export const updateFundsCallSchema = z
  .strictObject({
    receivedOn: calendarDateSchema.nullable().optional(),
    spentOn: calendarDateSchema.nullable().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { message: 'must change at least one field' });
export type UpdateFundsCall = z.infer<typeof updateFundsCallSchema>;

export const fundsCallSchema = z.object({
  ...storedRecordFields,
  applicationId: z.string(),
  amountCents: z.number(),
  calledOn: z.string(),
  receivedOn: z.string().nullable(),
  spentOn: z.string().nullable(),
  spendBy: z.string(),
  /** True when spendBy was given rather than derived from the programme. */
  spendByExplicit: z.boolean(),
  note: z.string().nullable(),
});
export type FundsCall = z.infer<typeof fundsCallSchema>;

function checkDates(call: Pick<FundsCall, 'calledOn' | 'receivedOn' | 'spentOn'>) {
  const errors: FieldError[] = [];
  if (call.receivedOn && call.receivedOn < call.calledOn) {
    errors.push({ path: 'receivedOn', message: 'must not be before calledOn' });
  }
  const paidOn = call.receivedOn ?? call.calledOn;
  if (call.spentOn && call.spentOn < paidOn)
    errors.push({ path: 'spentOn', message: 'must not be before the payout' });
  if (errors.length) throw new AppError('validation', 'The funds call is not valid', { errors });
}

/**
 * Decides a new funds call: only on an approved application, within its funding period,
 * within the money still available (the store re-checks that atomically).
 */
export function planFundsCall(
  application: Application,
  input: CreateFundsCall,
  program: Pick<ProgramFields, 'fundsUseWithin'>,
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
  const call = {
    calledOn: input.calledOn,
    receivedOn: input.receivedOn ?? null,
    spentOn: null,
  };
  checkDates(call);
  const at = context.now.toISOString();
  return {
    id: context.id,
    applicationId: application.id,
    amountCents: input.amountCents,
    ...call,
    spendBy: input.spendBy ?? addDuration(call.receivedOn ?? call.calledOn, program.fundsUseWithin),
    spendByExplicit: input.spendBy !== undefined,
    note: input.note ?? null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/** Records payout and use; a derived spend-by date moves with the payout date. */
export function applyFundsCallUpdate(
  call: FundsCall,
  patch: UpdateFundsCall,
  program: Pick<ProgramFields, 'fundsUseWithin'>,
  now: Date,
): FundsCall {
  const next = { ...call, ...patch, version: call.version + 1, updatedAt: now.toISOString() };
  checkDates(next);
  if (!call.spendByExplicit)
    next.spendBy = addDuration(next.receivedOn ?? next.calledOn, program.fundsUseWithin);
  return next as FundsCall;
}
