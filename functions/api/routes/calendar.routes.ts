import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { addMonths } from '../../../shared/domain/calendar-date.ts';
import { DEADLINE_KINDS, type DeadlineKind } from '../../../shared/domain/deadline.ts';
import { notFound } from '../../../shared/domain/errors.ts';
import { renderIcs } from '../../../shared/domain/ics.ts';
import { deadlineLink } from '../../../shared/links.ts';
import { feedTokenSchema } from '../../../shared/store/feed-token.repository.ts';
import * as z from '../../../shared/zod.ts';
import { type ApiDependencies, today, writeContext } from '../dependencies.ts';
import type { AppEnv } from '../platform/app-env.ts';
import { ANY_ROLE, allow } from '../platform/auth.ts';
import { newApp } from '../platform/new-app.ts';
import {
  createProblems,
  json,
  jsonBody,
  pageOf,
  pageQuery,
  readProblems,
  ulidSchema,
} from '../platform/openapi.ts';

const tags = ['Calendar'];

/** The feed reaches this far ahead; overdue open deadlines as far back as the reminders look. */
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

const routes = {
  feed: createRoute({
    method: 'get',
    path: '/deadlines.ics',
    tags,
    summary: 'Open deadlines as an iCalendar feed (bearer token); calendar apps use a calendar token instead',
    middleware: [allow(...ANY_ROLE)],
    request: { query: feedQuery },
    responses: { 200: icsResponse, ...readProblems },
  }),
  createToken: createRoute({
    method: 'post',
    path: '/calendar-tokens',
    tags,
    summary: 'Create a calendar token for yourself; the response holds its secret URL once',
    middleware: [allow(...ANY_ROLE)],
    request: { body: { ...jsonBody(createTokenSchema), required: false } },
    responses: { 201: json(createdTokenSchema, 'Created'), ...createProblems },
  }),
  listTokens: createRoute({
    method: 'get',
    path: '/calendar-tokens',
    tags,
    summary: 'Your calendar tokens (never their secrets)',
    middleware: [allow(...ANY_ROLE)],
    request: { query: pageQuery },
    responses: { 200: json(pageOf(feedTokenSchema), 'Tokens'), ...readProblems },
  }),
  readToken: createRoute({
    method: 'get',
    path: '/calendar-tokens/{id}',
    tags,
    summary: 'One of your calendar tokens',
    middleware: [allow(...ANY_ROLE)],
    request: { params: tokenParams },
    responses: { 200: json(feedTokenSchema, 'The token'), ...readProblems },
  }),
  revokeToken: createRoute({
    method: 'delete',
    path: '/calendar-tokens/{id}',
    tags,
    summary: 'Revoke one of your calendar tokens; its URL stops working at once',
    middleware: [allow(...ANY_ROLE)],
    request: { params: tokenParams },
    responses: { 204: { description: 'Revoked' }, ...readProblems },
  }),
  tokenFeed: createRoute({
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
  }),
};

async function feed(
  c: Context<AppEnv>,
  deps: ApiDependencies,
  filter: { owner?: string | undefined; kind?: DeadlineKind | undefined },
) {
  const now = today(deps);
  const due = await deps.store.reminders.openDeadlinesDue(
    addMonths(now, -deps.reminderSettings.lookbackMonths),
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
export function calendarRoutes(deps: ApiDependencies) {
  const { feedTokens } = deps.store;
  return newApp()
    .openapi(routes.feed, (c) => feed(c, deps, c.req.valid('query')))
    .openapi(routes.createToken, async (c) => {
      const { name } = createTokenSchema.parse(c.req.valid('json'));
      const { token, record } = await feedTokens.create(name, writeContext(c, deps));
      c.header('Location', `/v1/calendar-tokens/${record.id}`);
      return c.json({ ...record, token, url: `${deps.publicBaseUrl}/calendar/${token}.ics` }, 201);
    })
    .openapi(routes.listTokens, async (c) => {
      const { limit, cursor } = c.req.valid('query');
      return c.json(await feedTokens.listFor(c.get('actor').sub, { limit, cursor }), 200);
    })
    .openapi(routes.readToken, async (c) => {
      const { id } = c.req.valid('param');
      const token = await feedTokens.findFor(c.get('actor').sub, id);
      if (!token) throw notFound('Calendar token', id);
      return c.json(token, 200);
    })
    .openapi(routes.revokeToken, async (c) => {
      await feedTokens.revoke(c.get('actor').sub, c.req.valid('param').id);
      return c.body(null, 204);
    });
}

/**
 * `/calendar/<token>.ics`: open (calendar apps send no Authorization header). The token is
 * the credential; an unknown, revoked or malformed one is a plain 404.
 */
export function calendarFeedRoutes(deps: ApiDependencies) {
  return newApp().openapi(routes.tokenFeed, async (c) => {
    const { file } = c.req.valid('param');
    const token = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : '';
    if (!(await deps.store.feedTokens.findByToken(token))) throw notFound('Calendar feed', 'for this URL');
    return feed(c, deps, c.req.valid('query'));
  });
}
