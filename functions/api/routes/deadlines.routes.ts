import { addDays, calendarDateSchema } from '../../../shared/domain/calendar-date.ts';
import {
  DEADLINE_KINDS,
  type Deadline,
  deadlineSchema,
  deadlineSubjectSchema,
} from '../../../shared/domain/deadline.ts';
import { deadlinePath } from '../../../shared/links.ts';
import * as z from '../../../shared/zod.ts';
import { today } from '../dependencies.ts';
import { json, pageOf, pageQuery, specs } from '../platform/openapi.ts';
import { route } from '../platform/route-kit.ts';

/** A deadline as clients see it: with the path of the record it belongs to, built here at the edge. */
const deadlineViewSchema = deadlineSchema
  .extend({ subject: deadlineSubjectSchema.extend({ path: z.string() }) })
  .openapi('Deadline');
const deadlineView = (deadline: Deadline) => ({
  ...deadline,
  subject: { ...deadline.subject, path: deadlinePath(deadline) },
});

const { read } = specs(['Deadlines']);

export const deadlineRoutes = [
  route(
    {
      method: 'get',
      ...read(
        '/',
        'Deadlines due in a window (default: a year back to a year ahead), by due date',
        {
          query: pageQuery.extend({
            from: calendarDateSchema.optional(),
            to: calendarDateSchema.optional(),
            status: z.enum(['open', 'done']).optional(),
            kind: z.enum(DEADLINE_KINDS).optional(),
            owner: z.email().optional().openapi({ description: "Only this owner's deadlines" }),
          }),
        },
        json(pageOf(deadlineViewSchema), 'Deadlines'),
      ),
    },
    async (c) => {
      const { limit, cursor, from, to, status, kind, owner } = c.req.valid('query');
      const { deps } = c.var;
      const now = today(deps);
      const query = {
        from: from ?? addDays(now, -365),
        to: to ?? addDays(now, 365),
        status,
        kind,
        ownerEmail: owner?.toLowerCase(),
      };
      const page = await deps.store.deadlines.list(query, { limit, cursor });
      return c.json({ ...page, items: page.items.map(deadlineView) }, 200);
    },
  ),
];
