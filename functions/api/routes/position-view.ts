import type { Position } from '../../../shared/domain/position.ts';
import { costYears } from '../../../shared/domain/position-costs.ts';
import {
  fundingEndOf,
  fundingSharesOf,
  linkFunding,
  positionWarnings,
} from '../../../shared/domain/position-funding.ts';
import { memoiseByKey } from '../../../shared/memoise.ts';
import { type ApplicationFinder, linkedApplications } from '../../../shared/store/funding-link.repository.ts';
import { type ApiDependencies, today } from '../dependencies.ts';

/**
 * Reads what a position's warnings and cost shares depend on (its applications as they stand
 * now, with their notices' rules; the programmes' VbE totals), memoised per request, then
 * decides with pure domain functions. Nothing derived is stored, so nothing derived can go stale.
 */
export function positionReader(deps: ApiDependencies) {
  const { applications, programs, positions, positionCosts } = deps.store;
  const findApplication: ApplicationFinder = memoiseByKey((id) => applications.find(id));
  const program = memoiseByKey((id) => programs.find(id));

  async function costs(position: Position) {
    const { plans, actuals } = await positionCosts.costs(position);
    const { shares, flatRate } = fundingSharesOf(
      position,
      await linkedApplications(position, findApplication),
    );
    // A year's plan is replaced with If-Match: its version travels with the year.
    const planVersion = (year: number) => plans.find((plan) => plan.year === year)?.version ?? null;
    const years = costYears(plans, actuals, shares, flatRate);
    return { flatRate, years: years.map((year) => ({ ...year, planVersion: planVersion(year.year) })) };
  }

  /** FTE funded per programme across the city's positions (a running total per programme). */
  async function programFte(position: Position) {
    const programIds = [...new Set(position.fundedBy.map((link) => link.programId))];
    return Promise.all(
      programIds.map(async (programId) => {
        const rules = await program(programId);
        return {
          programId,
          programName: rules?.name ?? programId,
          capFte: rules?.personnelFteCap,
          fundedFteHundredths: await positions.fundedFteHundredths(programId),
        };
      }),
    );
  }

  async function view(position: Position) {
    const links = linkFunding(position, await linkedApplications(position, findApplication));
    const now = today(deps);
    const { years } = await costs(position);
    const thisYear = years.find((year) => year.year === Number(now.slice(0, 4)));
    const fundedPerYear = thisYear ? thisYear.funded.reduce((sum, part) => sum + part.cents, 0) : null;
    const warnings = positionWarnings(position, links, {
      today: now,
      vacancyWarningDays: deps.vacancyWarningDays,
      programFte: await programFte(position),
      monthlyFundedCents: fundedPerYear === null ? null : Math.round(fundedPerYear / 12),
    });
    return { ...position, fundingEnd: fundingEndOf(links), warnings };
  }

  /** Pass to a position write, so the write and the view it answers with read each application once. */
  return { view, costs, findApplication };
}
