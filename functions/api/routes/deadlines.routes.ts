import { addDays, calendarDateSchema } from '../../../shared/domain/calendar-date.ts';
import { recordIdSchema } from '../../../shared/domain/common-schemas.ts';
import {
  DEADLINE_KINDS,
  type Deadline,
  EARLIEST_DEADLINE,
  SUBJECT_TYPES,
} from '../../../shared/domain/deadline.ts';
import { AppError, invalid } from '../../../shared/domain/errors.ts';
import { reminderOffsetsSchema } from '../../../shared/domain/reminder-schedule.ts';
import { versionOf } from '../../../shared/store/deadline-sync.ts';
import { staleVersion, type WriteContext } from '../../../shared/store/records.ts';
import * as z from '../../../shared/zod.ts';
import { today } from '../dependencies.ts';
import { json, pageOf, pageQuery, specs } from '../platform/openapi.ts';
import { route, versionedChange, versionedRead } from '../platform/route-kit.ts';
import { deadlineDoneSchema, markDone, mayManage } from './deadline-done.ts';
import { deadlineView, deadlineViewSchema } from './deadline-view.ts';

/** Overdue: open duties due before today, however long ago, oldest first. */
const OVERDUE = 'overdue';

/**
 * A deadline's id: its record's id, its kind and the part it comes from (see `deadlineId`).
 * Something of another shape is a 400; a well-formed id that names no deadline a 404.
 */
const deadlineParams = z.object({
  id: z
    .string()
    .regex(/^[0-9A-Za-z]{1,40}\.[a-z_]{1,30}(\.[0-9A-Za-z-]{1,40})?$/, 'is not a deadline id')
    .openapi({ param: { name: 'id', in: 'path' }, example: '01JC0Z6XKX2P4T3C8Y5W7QF9AB.final_report.final' }),
});

const offsetsBodySchema = z
  .strictObject({
    offsets: reminderOffsetsSchema.nullable().openapi({
      description:
        'Days before its day to remind at (0: on the day), e.g. [60, 30, 7]; null: the configured ones',
      example: [60, 30, 7, 0],
    }),
  })
  .openapi('DeadlineReminders');

/** Only the deadline's owner (in a role that may change its record) or an admin. */
function managedBy(deadline: Deadline, context: WriteContext): Deadline {
  if (!mayManage(deadline, context.actor)) {
    throw new AppError('forbidden', "Only the deadline's owner or an admin may change it");
  }
  return deadline;
}

const { read, change } = specs(['Deadlines'], ['finance', 'coordinator', 'admin']);

export const deadlineRoutes = [
  route(
    {
      method: 'get',
      ...read(
        '/',
        "Deadlines due in a window (default: a year back to a year ahead), by due date; status=overdue: every open duty past its due date, however old, oldest first (events are never overdue). subjectType and subjectId together: that one record's deadlines, whatever their dates unless from or to is given, in the order of their ids (one Query on the record's partition)",
        {
          query: pageQuery.extend({
            from: calendarDateSchema.optional(),
            to: calendarDateSchema.optional(),
            status: z.enum(['open', 'done', OVERDUE]).optional(),
            kind: z.enum(DEADLINE_KINDS).optional(),
            owner: z.email().optional().openapi({ description: "Only this owner's deadlines" }),
            subjectType: z
              .enum(SUBJECT_TYPES)
              .optional()
              .openapi({ description: 'With subjectId: only the deadlines of this record' }),
            subjectId: recordIdSchema.optional().openapi({
              description: 'With subjectType: the id of the record',
              example: '01JC0Z6XKX2P4T3C8Y5W7QF9AB',
            }),
          }),
        },
        json(pageOf(deadlineViewSchema), 'Deadlines'),
      ),
    },
    async (c) => {
      const { limit, cursor, from, to, status, kind, owner, subjectType, subjectId } = c.req.valid('query');
      const { deps } = c.var;
      const now = today(deps);
      const yesterday = addDays(now, -1);
      const overdue = status === OVERDUE;
      if ((subjectType === undefined) !== (subjectId === undefined)) {
        throw subjectType === undefined
          ? invalid('subjectType', 'is needed with subjectId')
          : invalid('subjectId', 'is needed with subjectType');
      }
      // Overdue: open duties due before today, however long ago (up to `to` when it is earlier).
      const filters = {
        status: overdue ? ('open' as const) : status,
        kind,
        notKinds: overdue ? deps.reminderSettings.policy.eventKinds : undefined,
        ownerEmail: owner?.toLowerCase(),
      };
      const overdueTo = to !== undefined && to < yesterday ? to : yesterday;
      const page =
        subjectType !== undefined && subjectId !== undefined
          ? await deps.store.deadlines.listOfRecord(
              { type: subjectType, id: subjectId },
              { ...filters, from, to: overdue ? overdueTo : to },
              { limit, cursor },
            )
          : await deps.store.deadlines.list(
              {
                ...filters,
                from: from ?? (overdue ? EARLIEST_DEADLINE : addDays(now, -365)),
                to: overdue ? overdueTo : (to ?? addDays(now, 365)),
              },
              { limit, cursor },
            );
      return c.json({ ...page, items: page.items.map((deadline) => deadlineView(deps, deadline)) }, 200);
    },
  ),
  versionedRead(
    {
      method: 'get',
      ...read(
        '/{id}',
        'Read a deadline: its record, whether it is a duty or an event, its reminders and its version',
        { params: deadlineParams },
        json(deadlineViewSchema, 'The deadline'),
      ),
    },
    async (c, deps) => deadlineView(deps, await deps.store.deadlines.get(c.req.valid('param').id)),
  ),
  versionedChange(
    {
      method: 'put',
      ...change(
        '/{id}/reminders',
        "Set the days before a deadline its owner is reminded (If-Match; the owner or an admin); null: the configured days. Recorded in its record's history",
        { params: deadlineParams, body: offsetsBodySchema },
        json(deadlineViewSchema, 'Set'),
      ),
    },
    async (c, { version, context, deps }) => {
      const { id } = c.req.valid('param');
      const stored = managedBy(await deps.store.deadlines.get(id), context);
      const { offsets } = c.req.valid('json');
      return deadlineView(deps, await deps.store.deadlines.setOffsets(stored, offsets, version, context));
    },
  ),
  versionedChange(
    {
      method: 'post',
      ...change(
        '/{id}/done',
        'Mark a duty done where it is read (If-Match; the owner or an admin): its record changes as its own route would change it (a statement of use submitted on the day, the rest of a funds call used, a task done, a milestone achieved, a milestone report handed in, an application submitted), which closes the deadline and stops its reminders. Events and vacancies are refused (409)',
        { params: deadlineParams, body: deadlineDoneSchema },
        json(deadlineViewSchema, 'Done'),
      ),
    },
    async (c, { version, context, deps }) => {
      const { id } = c.req.valid('param');
      const deadline = managedBy(await deps.store.deadlines.get(id), context);
      if (versionOf(deadline) !== version) throw staleVersion('deadline');
      await markDone(deadline, c.req.valid('json'), { context, deps });
      return deadlineView(deps, await deps.store.deadlines.get(id));
    },
  ),
];
