import { createRoute } from '@hono/zod-openapi';
import { addDays, calendarDateSchema } from '../../../shared/domain/calendar-date.ts';
import {
  DEADLINE_KINDS,
  type Deadline,
  deadlineSchema,
  deadlineSubjectSchema,
} from '../../../shared/domain/deadline.ts';
import { deadlinePath } from '../../../shared/links.ts';
import * as z from '../../../shared/zod.ts';
import { type ApiDependencies, today } from '../dependencies.ts';
import { ANY_ROLE, allow } from '../platform/auth.ts';
import { newApp } from '../platform/new-app.ts';
import { json, pageOf, pageQuery, readProblems } from '../platform/openapi.ts';

/** A deadline as clients see it: with the path of the record it belongs to, built here at the edge. */
const deadlineViewSchema = deadlineSchema
  .extend({ subject: deadlineSubjectSchema.extend({ path: z.string() }) })
  .openapi('Deadline');
const deadlineView = (deadline: Deadline) => ({
  ...deadline,
  subject: { ...deadline.subject, path: deadlinePath(deadline) },
});

const routes = {
  list: createRoute({
    method: 'get',
    path: '/',
    tags: ['Deadlines'],
    summary: 'Deadlines due in a window (default: a year back to a year ahead), by due date',
    middleware: [allow(...ANY_ROLE)],
    request: {
      query: pageQuery.extend({
        from: calendarDateSchema.optional(),
        to: calendarDateSchema.optional(),
        status: z.enum(['open', 'done']).optional(),
        kind: z.enum(DEADLINE_KINDS).optional(),
        owner: z.email().optional().openapi({ description: "Only this owner's deadlines" }),
      }),
    },
    responses: { 200: json(pageOf(deadlineViewSchema), 'Deadlines'), ...readProblems },
  }),
};

export function deadlineRoutes(deps: ApiDependencies) {
  return newApp().openapi(routes.list, async (c) => {
    const { limit, cursor, from, to, status, kind, owner } = c.req.valid('query');
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
  });
}
