import type { Context } from 'hono';
import { addMonths } from '../../../shared/domain/calendar-date.ts';
import { DEADLINE_KINDS, type DeadlineKind, EARLIEST_DEADLINE } from '../../../shared/domain/deadline.ts';
import { notFound } from '../../../shared/domain/errors.ts';
import { renderIcs } from '../../../shared/domain/ics.ts';
import { deadlineLink } from '../../../shared/links.ts';
import { feedTokenSchema } from '../../../shared/store/feed-token.repository.ts';
import * as z from '../../../shared/zod.ts';
import { today } from '../dependencies.ts';
import type { AppEnv } from '../platform/app-env.ts';
import { ANY_ROLE, allow } from '../platform/auth.ts';
import {
  createProblems,
  json,
  jsonBody,
  pageOf,
  pageQuery,
  readProblems,
  specs,
  ulidSchema,
} from '../platform/openapi.ts';
import { route, writeContext } from '../platform/route-kit.ts';

const tags = ['Calendar'];
const { read } = specs(tags);

/** The feed reaches this far ahead; back, it takes every open deadline, however old. */
export const FEED_MONTHS_AHEAD = 24;

const feedQuery = z.object({
  owner: z.email().optional().openapi({ description: "Only this owner's deadlines" }),
  kind: z.enum(DEADLINE_KINDS).optional(),
});

const icsResponse = {
  description: 'iCalendar (RFC 5545): one all-day event per open deadline',
  content: { 'text/calendar': { schema: z.string() } },
};

const createTokenSchema = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .default('Kalender')
      .openapi({ description: 'Your label for it, e.g. the device', example: 'Outlook Büro' }),
  })
  .openapi('CalendarTokenRequest');

const createdTokenSchema = feedTokenSchema
  .extend({
    token: z.string().openapi({ description: 'The secret; shown this once, stored only as a hash' }),
    url: z.string().openapi({ description: 'Subscribe to this URL in a calendar app' }),
  })
  .openapi('CalendarTokenCreated');

const tokenParams = z.object({ id: ulidSchema.openapi({ param: { name: 'id', in: 'path' } }) });

/**
 * Every open deadline up to two years ahead as iCalendar, overdue ones included until they are
 * closed (they are what most needs doing), for one owner or kind if asked.
 */
async function feed(
  c: Context<AppEnv>,
  filter: { owner?: string | undefined; kind?: DeadlineKind | undefined },
) {
  const { deps } = c.var;
  const now = today(deps);
  const due = await deps.store.reminders.openDeadlinesDue(
    EARLIEST_DEADLINE,
    addMonths(now, FEED_MONTHS_AHEAD),
  );
  const owner = filter.owner?.toLowerCase();
  const deadlines = due
    .map(({ deadline }) => deadline)
    .filter(
      (deadline) =>
        (!owner || deadline.owner.email === owner) && (!filter.kind || deadline.kind === filter.kind),
    );
  const ics = renderIcs(deadlines, { now: deps.clock(), link: deadlineLink(deps.publicBaseUrl) });
  return c.body(ics, 200, {
    'content-type': 'text/calendar; charset=utf-8',
    'content-disposition': 'inline; filename="fristen.ics"',
    'cache-control': 'private, max-age=300',
  });
}

/** `/v1/deadlines.ics` and the calendar tokens, behind the bearer token like all of `/v1`. */
export const calendarRoutes = [
  route(
    {
      method: 'get',
      ...read(
        '/deadlines.ics',
        'Open deadlines as an iCalendar feed (bearer token); calendar apps use a calendar token instead',
        { query: feedQuery },
        icsResponse,
      ),
    },
    (c) => feed(c, c.req.valid('query')),
  ),
  route(
    {
      method: 'post',
      path: '/calendar-tokens',
      tags,
      summary: 'Create a calendar token for yourself; the response holds its secret URL once',
      middleware: [allow(...ANY_ROLE)],
      request: { body: { ...jsonBody(createTokenSchema), required: false } },
      responses: { 201: json(createdTokenSchema, 'Created'), ...createProblems },
    },
    async (c) => {
      const { deps } = c.var;
      const { name } = createTokenSchema.parse(c.req.valid('json'));
      const { token, record } = await deps.store.feedTokens.create(name, writeContext(c));
      c.header('Location', `/v1/calendar-tokens/${record.id}`);
      return c.json({ ...record, token, url: `${deps.publicBaseUrl}/calendar/${token}.ics` }, 201);
    },
  ),
  route(
    {
      method: 'get',
      ...read(
        '/calendar-tokens',
        'Your calendar tokens (never their secrets)',
        { query: pageQuery },
        json(pageOf(feedTokenSchema), 'Tokens'),
      ),
    },
    async (c) =>
      c.json(await c.var.deps.store.feedTokens.listFor(c.var.actor.sub, c.req.valid('query')), 200),
  ),
  route(
    {
      method: 'get',
      ...read(
        '/calendar-tokens/{id}',
        'One of your calendar tokens',
        { params: tokenParams },
        json(feedTokenSchema, 'The token'),
      ),
    },
    async (c) => {
      const { id } = c.req.valid('param');
      const token = await c.var.deps.store.feedTokens.findFor(c.var.actor.sub, id);
      if (!token) throw notFound('Calendar token', id);
      return c.json(token, 200);
    },
  ),
  route(
    {
      method: 'delete',
      path: '/calendar-tokens/{id}',
      tags,
      summary: 'Revoke one of your calendar tokens; its URL stops working at once',
      middleware: [allow(...ANY_ROLE)],
      request: { params: tokenParams },
      responses: { 204: { description: 'Revoked' }, ...readProblems },
    },
    async (c) => {
      await c.var.deps.store.feedTokens.revoke(c.var.actor.sub, c.req.valid('param').id);
      return c.body(null, 204);
    },
  ),
];

/**
 * `/calendar/<token>.ics`: open (calendar apps send no Authorization header). The token is
 * the credential; an unknown, revoked or malformed one is a plain 404.
 */
export const calendarFeedRoutes = [
  route(
    {
      method: 'get',
      path: '/{file}',
      tags,
      summary: 'Open deadlines for calendar apps: the calendar token in the URL replaces the bearer token',
      security: [],
      request: {
        params: z.object({
          file: z
            .string()
            .openapi({ param: { name: 'file', in: 'path' }, example: '<43-character token>.ics' }),
        }),
        query: feedQuery,
      },
      responses: { 200: icsResponse, 404: readProblems[404] },
    },
    async (c) => {
      const { file } = c.req.valid('param');
      const token = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : '';
      if (!(await c.var.deps.store.feedTokens.findByToken(token)))
        throw notFound('Calendar feed', 'for this URL');
      return feed(c, c.req.valid('query'));
    },
  ),
];
