import * as z from '../zod.ts';
import { calendarDateSchema, type Period, periodSchema } from './calendar-date.ts';
import { textSchema } from './common-schemas.ts';
import { AppError, type FieldError } from './errors.ts';
import { budgetYearsOf, splitByBudgetYear } from './funding-rules.ts';
import {
  type GrantRules,
  grantRulesOverrideSchema,
  grantRulesSchema,
  sharesAddUp,
  sourcesUnique,
} from './grant-rules.ts';
import { centsSchema } from './money.ts';

const budgetYearSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  approvedCents: centsSchema,
});
export type BudgetYearApproval = z.infer<typeof budgetYearSchema>;

export const noticeInputSchema = z.strictObject({
  date: calendarDateSchema,
  /** The funder's reference (Aktenzeichen). */
  reference: textSchema(200),
  approvedCents: centsSchema.min(1, 'must be more than 0'),
  fundingPeriod: periodSchema,
  conditions: z.string().max(10_000).optional(),
  /** Approved amounts per budget year as the notice states them; without them the amount is split pro rata by days. */
  budgetYears: z.array(budgetYearSchema).max(20).optional(),
  /**
   * Rules this notice states differently from the ones it starts from: the programme's for a
   * grant notice, the amended notice's for an amendment. Unnamed rules carry over.
   */
  rules: grantRulesOverrideSchema.optional(),
});
export type NoticeInput = z.infer<typeof noticeInputSchema>;

/** A notice version as issued: with the rules in force for the grant from then on and the amount per budget year. */
export const noticeSchema = noticeInputSchema.omit({ budgetYears: true, rules: true }).extend({
  version: z.number().int(),
  kind: z.enum(['grant', 'amendment']),
  recordedAt: z.string(),
  budgetYears: z.array(budgetYearSchema),
  rules: grantRulesSchema,
});
export type Notice = z.infer<typeof noticeSchema>;

/**
 * Issues a notice version: the rules it starts from with what it states differently, and the
 * approved amount per budget year (as stated, else pro rata by days, to the cent).
 */
export function issueNotice(
  input: NoticeInput,
  from: { rules: GrantRules; version: number; kind: Notice['kind']; now: Date },
): Notice {
  const { budgetYears, rules: override, ...fields } = input;
  const rules: GrantRules = { ...from.rules, ...override };
  const errors: FieldError[] = [];
  if (!sharesAddUp(rules))
    errors.push({ path: 'rules.sources', message: 'source shares and own share must add up to 10000' });
  if (!sourcesUnique(rules)) errors.push({ path: 'rules.sources', message: 'each source may appear once' });
  if (errors.length) throw new AppError('validation', 'The notice is not valid', { errors });
  return {
    ...fields,
    version: from.version,
    kind: from.kind,
    recordedAt: from.now.toISOString(),
    budgetYears: budgetYears ?? splitByBudgetYear(input.approvedCents, input.fundingPeriod),
    rules,
  };
}

const within = (inner: Period, outer: Period) => inner.start >= outer.start && inner.end <= outer.end;

/** Stated budget years must be the period's years, in order, adding up to the approved amount. */
function budgetYearErrors(notice: NoticeInput, prefix: string): FieldError[] {
  if (!notice.budgetYears) return [];
  const errors: FieldError[] = [];
  const expected = budgetYearsOf(notice.fundingPeriod).map((entry) => entry.year);
  const given = notice.budgetYears.map((entry) => entry.year);
  if (expected.join() !== given.join()) {
    errors.push({
      path: `${prefix}budgetYears`,
      message: `must list the years ${expected.join(', ')} in order`,
    });
  }
  const sum = notice.budgetYears.reduce((total, entry) => total + entry.approvedCents, 0);
  if (sum !== notice.approvedCents) {
    errors.push({ path: `${prefix}budgetYears`, message: 'must add up to the approved amount' });
  }
  return errors;
}

/** A grant notice must approve no more than requested, for a period inside the requested one. */
export function checkGrantNotice(
  requested: { requestedCents: number; fundingPeriod: Period },
  notice: NoticeInput | undefined,
): NoticeInput {
  const refuse = (errors: FieldError[]) =>
    new AppError('validation', 'The application is not valid', { errors });
  if (!notice) throw refuse([{ path: 'notice', message: 'approval needs the grant notice' }]);
  const errors: FieldError[] = [];
  if (notice.approvedCents > requested.requestedCents) {
    errors.push({ path: 'notice.approvedCents', message: 'must not exceed the requested amount' });
  }
  if (!within(notice.fundingPeriod, requested.fundingPeriod)) {
    errors.push({ path: 'notice.fundingPeriod', message: 'must lie inside the requested funding period' });
  }
  errors.push(...budgetYearErrors(notice, 'notice.'));
  if (errors.length) throw refuse(errors);
  return notice;
}

/**
 * An amendment (Änderungsbescheid) may change amount, period, budget years and rules, but never
 * below what was called: in all, and in each budget year.
 */
export function checkAmendment(
  current: { notice: Notice | null; calledCents: number; calledByYear: Record<string, number> },
  input: NoticeInput,
): Notice['budgetYears'] {
  const errors: FieldError[] = [];
  if (input.approvedCents < current.calledCents) {
    errors.push({
      path: 'approvedCents',
      message: `must not be below the ${current.calledCents} cents already called`,
    });
  }
  if (current.notice && input.date < current.notice.date) {
    errors.push({ path: 'date', message: 'must not be before the previous notice' });
  }
  errors.push(...budgetYearErrors(input, ''));
  const years = input.budgetYears ?? splitByBudgetYear(input.approvedCents, input.fundingPeriod);
  if (errors.length === 0) {
    for (const [year, called] of Object.entries(current.calledByYear)) {
      const approved = years.find((entry) => String(entry.year) === year)?.approvedCents ?? 0;
      if (called > approved) {
        errors.push({
          path: 'budgetYears',
          message: `${year}: ${called} cents are called already, more than the ${approved} cents this would approve for ${year}`,
        });
      }
    }
  }
  if (errors.length) throw new AppError('validation', 'The amendment is not valid', { errors });
  return years;
}

/** What is left to call per budget year once the calls so far are taken off the approval. */
export const remainingByYear = (years: Notice['budgetYears'], calledByYear: Record<string, number>) =>
  Object.fromEntries(
    years.map((entry) => [String(entry.year), entry.approvedCents - (calledByYear[String(entry.year)] ?? 0)]),
  );
