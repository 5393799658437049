import { fundsCallView } from '../../../shared/domain/funding-views.ts';
import {
  createFundsCallSchema,
  fundsCallSchema,
  updateFundsCallSchema,
} from '../../../shared/domain/funds-call.ts';
import type { WithRules } from '../../../shared/store/funds-call.repository.ts';
import * as z from '../../../shared/zod.ts';
import { type ApiDependencies, today } from '../dependencies.ts';
import { idParams, itemsOf, json, specs, ulidSchema } from '../platform/openapi.ts';
import { creation, route, versionedChange, versionedRead } from '../platform/route-kit.ts';

const { read, create, change } = specs(['Funds calls'], ['finance', 'admin']);
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
      unspentCents: z.number(),
      interestAtRiskCents: z.number(),
      interestRateBasisPoints: z.number(),
      asOf: z.string(),
    }),
  })
  .openapi('FundsCall');

/** A funds call as answered: with its co-financing split and spending clock as of today. */
const view = (deps: ApiDependencies, { call, rules }: WithRules) =>
  fundsCallView(call, rules, today(deps), deps.baseRates);

export const fundsCallRoutes = [
  route(
    {
      method: 'get',
      ...read(
        '/{id}/funds-calls',
        'Funds calls of an application with co-financing split and spending clock',
        { params: idParams },
        json(itemsOf(fundsCallViewSchema), 'Funds calls'),
      ),
    },
    async (c) => {
      const { deps } = c.var;
      const { calls, application } = await deps.store.fundsCalls.list(c.req.valid('param').id);
      const rules = application.notice?.rules;
      return c.json({ items: rules ? calls.map((call) => view(deps, { call, rules })) : [] }, 200);
    },
  ),
  creation(
    {
      method: 'post',
      ...create(
        '/{id}/funds-calls',
        'Call approved funds (Mittelabruf); the sum never exceeds the approval',
        { params: idParams, body: createFundsCallSchema },
        json(fundsCallViewSchema, 'Called'),
      ),
    },
    async (c, { deps, context }) => {
      const { id } = c.req.valid('param');
      const called = await deps.store.fundsCalls.create(id, c.req.valid('json'), context);
      return { body: view(deps, called), location: `/v1/applications/${id}/funds-calls/${called.call.id}` };
    },
  ),
  versionedRead(
    {
      method: 'get',
      ...read(
        '/{id}/funds-calls/{callId}',
        'Read a funds call',
        { params: callParams },
        json(fundsCallViewSchema, 'The funds call'),
      ),
    },
    async (c, deps) => {
      const { id, callId } = c.req.valid('param');
      return view(deps, await deps.store.fundsCalls.get(id, callId));
    },
  ),
  versionedChange(
    {
      method: 'patch',
      ...change(
        '/{id}/funds-calls/{callId}',
        'Record payout (receivedOn) and use of called funds, at once (spentOn) or in parts (spent) (If-Match)',
        { params: callParams, body: updateFundsCallSchema },
        json(fundsCallViewSchema, 'Changed'),
      ),
    },
    async (c, { version, context, deps }) => {
      const { id, callId } = c.req.valid('param');
      return view(
        deps,
        await deps.store.fundsCalls.update(id, callId, version, c.req.valid('json'), context),
      );
    },
  ),
];
