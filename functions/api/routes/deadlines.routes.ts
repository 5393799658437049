import { addDays, calendarDateSchema } from '../../../shared/domain/calendar-date.ts';
import { DEADLINE_KINDS, EARLIEST_DEADLINE } from '../../../shared/domain/deadline.ts';
import * as z from '../../../shared/zod.ts';
import { today } from '../dependencies.ts';
import { json, pageOf, pageQuery, specs } from '../platform/openapi.ts';
import { route } from '../platform/route-kit.ts';
import { deadlineView, deadlineViewSchema } from './deadline-view.ts';

/** Overdue: open and due before today, however long ago, oldest first. */
const OVERDUE = 'overdue';

const { read } = specs(['Deadlines']);

export const deadlineRoutes = [
  route(
    {
      method: 'get',
      ...read(
        '/',
        'Deadlines due in a window (default: a year back to a year ahead), by due date; status=overdue: every open deadline past its due date, however old, oldest first',
        {
          query: pageQuery.extend({
            from: calendarDateSchema.optional(),
            to: calendarDateSchema.optional(),
            status: z.enum(['open', 'done', OVERDUE]).optional(),
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
      const yesterday = addDays(now, -1);
      const overdue = status === OVERDUE;
      const query = {
        from: from ?? (overdue ? EARLIEST_DEADLINE : addDays(now, -365)),
        to: overdue ? (to !== undefined && to < yesterday ? to : yesterday) : (to ?? addDays(now, 365)),
        status: overdue ? ('open' as const) : status,
        kind,
        ownerEmail: owner?.toLowerCase(),
      };
      const page = await deps.store.deadlines.list(query, { limit, cursor });
      return c.json({ ...page, items: page.items.map((deadline) => deadlineView(deps, deadline)) }, 200);
    },
  ),
];
