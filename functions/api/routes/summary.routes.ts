import { APPLICATION_STATUSES } from '../../../shared/domain/application.ts';
import { DEADLINE_KINDS } from '../../../shared/domain/deadline.ts';
import {
  applicationSummary,
  coFinancing,
  countsAsGrant,
  deadlineOverview,
  deadlinesByApplication,
  grantTotals,
  positionSummary,
  UPCOMING_DAYS,
} from '../../../shared/domain/funding-summary.ts';
import { FUNDING_SOURCES } from '../../../shared/domain/grant-rules.ts';
import { personSchema } from '../../../shared/domain/person.ts';
import { type Position, STAFFING_STATES } from '../../../shared/domain/position.ts';
import { costYears } from '../../../shared/domain/position-costs.ts';
import { fundingSharesOf } from '../../../shared/domain/position-funding.ts';
import * as z from '../../../shared/zod.ts';
import { type ApiDependencies, today } from '../dependencies.ts';
import { json, specs } from '../platform/openapi.ts';
import { route } from '../platform/route-kit.ts';
import { deadlineView, deadlineViewSchema } from './deadline-view.ts';

const cents = (description: string) => z.number().int().openapi({ description });
const moneyFields = {
  approvedCents: cents('Approved by the notice in force'),
  calledCents: cents('Called so far (Mittelabrufe)'),
  spentCents: cents('Of the called money, used so far'),
  remainingCents: cents('Approved and not called yet'),
};
const yearSchema = z.object({ year: z.number().int(), ...moneyFields });

const summarySchema = z
  .object({
    asOf: z
      .string()
      .openapi({ description: 'Today in Europe/Berlin: overdue, upcoming and interest count from it' }),
    programs: z.array(z.object({ id: z.string(), name: z.string() })),
    applications: z.array(
      z
        .object({
          id: z.string(),
          title: z.string(),
          programId: z.string(),
          status: z.enum(APPLICATION_STATUSES),
          fundingPeriod: z.object({ start: z.string(), end: z.string() }),
          owner: personSchema,
          ...moneyFields,
          interestAtRiskCents: cents('Interest at risk on its overdue spend-by money, as of today'),
          years: z.array(yearSchema).openapi({ description: 'Per budget year of the notice in force' }),
          nextDeadline: z
            .object({ id: z.string(), kind: z.enum(DEADLINE_KINDS), dueOn: z.string() })
            .nullable()
            .openapi({ description: 'Its earliest open deadline, overdue ones included' }),
        })
        .openapi('ApplicationSummary'),
    ),
    totals: z
      .object({
        ...moneyFields,
        interestAtRiskCents: z.number().int(),
        byYear: z.array(yearSchema),
      })
      .openapi({
        description: 'Over the grants that count: approved or closed (revoked ones are taken back)',
      }),
    coFinancing: z
      .array(
        z.object({
          source: z.enum([...FUNDING_SOURCES, 'own']),
          approvedCents: z.number().int(),
          calledCents: z.number().int(),
        }),
      )
      .openapi({
        description:
          "Who pays the grants that count, each by its own notice's rules: the funders' sources and the city's own share ('own')",
      }),
    deadlines: z.object({
      overdue: z.array(deadlineViewSchema),
      upcoming: z
        .array(deadlineViewSchema)
        .openapi({ description: `Open and due from today to ${UPCOMING_DAYS} days ahead` }),
      interestAtRiskCents: z.number().int(),
    }),
    positions: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        fte: z.number(),
        payGrade: z.string(),
        orgUnit: z.string(),
        staffing: z.enum(STAFFING_STATES),
        staffingSince: z.string().nullable(),
        vacancyDays: z.number().int(),
        vacancyLossCents: cents('Funding a vacancy has left unused so far'),
      }),
    ),
  })
  .openapi('Summary');

/** Reads the records, then every figure comes from a pure function of the domain. */
async function summary(deps: ApiDependencies) {
  const records = await deps.store.fundingSummary.read();
  const now = today(deps);
  const callsOf = (id: string) => records.callsOf.get(id) ?? [];
  const deadlinesOf = deadlinesByApplication(records.openDeadlines);
  const applications = records.applications.map((application) =>
    applicationSummary(
      application,
      callsOf(application.id),
      deadlinesOf.get(application.id) ?? [],
      now,
      deps.baseRates,
    ),
  );
  const byId = new Map(records.applications.map((application) => [application.id, application]));
  /** A vacant position's costs per year and who pays them, as its grants stand now. */
  const costYearsOf = (position: Position) => {
    const cost = records.vacantCosts.get(position.id);
    if (!cost) return [];
    const paying = position.fundedBy.map((link) => byId.get(link.applicationId));
    const { shares, flatRate } = fundingSharesOf(position, paying);
    return costYears(cost.plans, cost.actuals, shares, flatRate);
  };
  const deadlines = deadlineOverview(
    records.openDeadlines,
    now,
    deps.baseRates,
    deps.reminderSettings.policy,
  );
  return {
    asOf: now,
    programs: records.programs.map(({ id, name }) => ({ id, name })),
    applications,
    totals: grantTotals(applications),
    coFinancing: coFinancing(
      records.applications
        .filter((application) => countsAsGrant(application.status))
        .map((application) => ({ application, calls: callsOf(application.id) })),
    ),
    deadlines: {
      ...deadlines,
      overdue: deadlines.overdue.map((deadline) => deadlineView(deps, deadline)),
      upcoming: deadlines.upcoming.map((deadline) => deadlineView(deps, deadline)),
    },
    positions: records.positions.map((position) => positionSummary(position, costYearsOf(position), now)),
  };
}

const { read } = specs(['Summary']);

export const summaryRoutes = [
  route(
    {
      method: 'get',
      ...read(
        '/',
        'Everything the dashboard (Übersicht) shows, in one call: every application with approved, called, spent and remaining money (per budget year), totals, co-financing by source, interest at risk, overdue deadlines and those of the next 30 days, positions with their vacancies',
        {},
        json(summarySchema, 'The summary as of today'),
      ),
    },
    async (c) => c.json(await summary(c.var.deps), 200),
  ),
];
