import { type Deadline, deadlineSchema, deadlineSubjectSchema } from '../../../shared/domain/deadline.ts';
import { interestAtRisk } from '../../../shared/domain/interest.ts';
import { deadlinePath } from '../../../shared/links.ts';
import * as z from '../../../shared/zod.ts';
import { type ApiDependencies, today } from '../dependencies.ts';

/**
 * A deadline as clients see it: with the path of the record it belongs to (built here at the
 * edge) and, once overdue, the interest its money puts at risk as of today.
 */
export const deadlineViewSchema = deadlineSchema
  .extend({
    subject: deadlineSubjectSchema.extend({ path: z.string() }),
    interestAtRiskCents: z.number().int().openapi({
      description: 'Interest (§ 49a (4) VwVfG) on money not spent by its date, as of today; 0 otherwise',
    }),
  })
  .openapi('Deadline');

export const deadlineView = (deps: ApiDependencies, deadline: Deadline) => ({
  ...deadline,
  subject: { ...deadline.subject, path: deadlinePath(deadline) },
  interestAtRiskCents: interestAtRisk(deadline, today(deps), deps.baseRates),
});
