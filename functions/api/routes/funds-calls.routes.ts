import { createRoute } from '@hono/zod-openapi';
import { fundsCallView } from '../../../shared/domain/funding-views.ts';
import {
  createFundsCallSchema,
  type FundsCall,
  fundsCallSchema,
  updateFundsCallSchema,
} from '../../../shared/domain/funds-call.ts';
import type { Program } from '../../../shared/domain/program.ts';
import * as z from '../../../shared/zod.ts';
import { type ApiDependencies, today, writeContext } from '../dependencies.ts';
import { ANY_ROLE, allow } from '../platform/auth.ts';
import { newApp } from '../platform/new-app.ts';
import {
  changeProblems,
  createProblems,
  idempotencyHeaders,
  idParams,
  ifMatchHeaders,
  json,
  jsonBody,
  readProblems,
  ulidSchema,
} from '../platform/openapi.ts';
import { expectedVersion } from '../platform/preconditions.ts';
import { versionHeaders } from './respond.ts';

const tags = ['Funds calls'];
const callParams = idParams.extend({ callId: ulidSchema.openapi({ param: { name: 'callId', in: 'path' } }) });

const fundsCallViewSchema = fundsCallSchema
  .extend({
    split: z.object({
      sources: z.array(z.object({ source: z.string(), cents: z.number() })),
      ownShareCents: z.number(),
    }),
    clock: z.object({
      spendBy: z.string(),
      daysLeft: z.number(),
      overdue: z.boolean(),
      interestAtRiskCents: z.number(),
      interestRateBasisPoints: z.number(),
      asOf: z.string(),
    }),
  })
  .openapi('FundsCall');

const routes = {
  list: createRoute({
    method: 'get',
    path: '/{id}/funds-calls',
    tags,
    summary: 'Funds calls of an application with co-financing split and spending clock',
    middleware: [allow(...ANY_ROLE)],
    request: { params: idParams },
    responses: {
      200: json(z.object({ items: z.array(fundsCallViewSchema) }), 'Funds calls'),
      ...readProblems,
    },
  }),
  create: createRoute({
    method: 'post',
    path: '/{id}/funds-calls',
    tags,
    summary: 'Call approved funds (Mittelabruf); the sum never exceeds the approval',
    middleware: [allow('finance', 'admin')],
    request: { params: idParams, headers: idempotencyHeaders, body: jsonBody(createFundsCallSchema) },
    responses: { 201: json(fundsCallViewSchema, 'Called'), ...createProblems },
  }),
  read: createRoute({
    method: 'get',
    path: '/{id}/funds-calls/{callId}',
    tags,
    summary: 'Read a funds call',
    middleware: [allow(...ANY_ROLE)],
    request: { params: callParams },
    responses: { 200: json(fundsCallViewSchema, 'The funds call'), ...readProblems },
  }),
  update: createRoute({
    method: 'patch',
    path: '/{id}/funds-calls/{callId}',
    tags,
    summary: 'Record payout (receivedOn) and use (spentOn) of called funds (If-Match)',
    middleware: [allow('finance', 'admin')],
    request: { params: callParams, headers: ifMatchHeaders, body: jsonBody(updateFundsCallSchema) },
    responses: { 200: json(fundsCallViewSchema, 'Changed'), ...changeProblems },
  }),
};

export function fundsCallRoutes(deps: ApiDependencies) {
  const { applications, programs, fundsCalls } = deps.store;
  const view = (call: FundsCall, program: Program) =>
    fundsCallView(call, program, today(deps), deps.baseRateBasisPoints);
  return newApp()
    .openapi(routes.list, async (c) => {
      const { calls, application } = await fundsCalls.list(c.req.valid('param').id);
      const program = await programs.get(application.programId);
      return c.json({ items: calls.map((call) => view(call, program)) }, 200);
    })
    .openapi(routes.create, async (c) => {
      const { id } = c.req.valid('param');
      const { call, program } = await fundsCalls.create(id, c.req.valid('json'), writeContext(c, deps));
      versionHeaders(c, call, `/v1/applications/${id}/funds-calls/${call.id}`);
      return c.json(view(call, program), 201);
    })
    .openapi(routes.read, async (c) => {
      const { id, callId } = c.req.valid('param');
      const program = await programs.get((await applications.get(id)).programId);
      const call = await fundsCalls.get(id, callId);
      versionHeaders(c, call);
      return c.json(view(call, program), 200);
    })
    .openapi(routes.update, async (c) => {
      const version = expectedVersion(c);
      const { id, callId } = c.req.valid('param');
      const { call, program } = await fundsCalls.update(
        id,
        callId,
        version,
        c.req.valid('json'),
        writeContext(c, deps),
      );
      versionHeaders(c, call);
      return c.json(view(call, program), 200);
    });
}
