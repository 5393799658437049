import type { Application } from '../domain/application.ts';
import { spendByDeadline, spendByDeadlineId } from '../domain/application-deadlines.ts';
import { notFound } from '../domain/errors.ts';
import {
  applyFundsCallUpdate,
  type CreateFundsCall,
  type FundsCall,
  planFundsCall,
  type UpdateFundsCall,
} from '../domain/funds-call.ts';
import type { GrantRules } from '../domain/grant-rules.ts';
import { appKey, appPk, fundsCallEntity } from './application.keys.ts';
import type { ApplicationRepository } from './application.repository.ts';
import { deadlineKey } from './deadline.keys.ts';
import { storedDeadlines, syncDeadlines } from './deadline-sync.ts';
import { historyWrite, type WriteContext } from './records.ts';
import { conflict } from './store-errors.ts';
import { type Table, withoutKeys } from './table.ts';
import { VersionedRecords } from './versioned-records.ts';

/** A written call with the rules of the notice in force, which its view needs (split, spending window). */
export interface WithRules {
  call: FundsCall;
  rules: GrantRules;
}

const callKey = (applicationId: string, id: string) => fundsCallEntity.key({ applicationId, id });

const rulesOfGrant = (application: Application): GrantRules => {
  if (!application.notice) throw notFound('Grant notice of application', application.id);
  return application.notice.rules;
};

export class FundsCallRepository {
  readonly #records: VersionedRecords<FundsCall>;

  constructor(
    private readonly table: Table,
    private readonly applications: ApplicationRepository,
  ) {
    this.#records = new VersionedRecords(table, fundsCallEntity, 'funds call');
  }

  /**
   * One transaction: the application's available amount, in all and in the call's budget year,
   * shrinks only if it still covers the call (so concurrent calls can never exceed the approval
   * of a year), the call and its spend-by deadline are written, and the history records it.
   */
  async create(applicationId: string, input: CreateFundsCall, context: WriteContext): Promise<WithRules> {
    const application = await this.applications.get(applicationId);
    const call = planFundsCall(application, input, { id: context.newId(), now: context.now });
    const pk = appPk(applicationId);
    await this.table.transact([
      {
        update: appKey(applicationId),
        set: {
          expression:
            'SET calledCents = calledCents + :amount, availableCents = availableCents - :amount, ' +
            '#calledByYear.#year = if_not_exists(#calledByYear.#year, :zero) + :amount, ' +
            '#remainingByYear.#year = #remainingByYear.#year - :amount, #version = #version + :one, updatedAt = :now',
          names: {
            '#version': 'version',
            '#calledByYear': 'calledByYear',
            '#remainingByYear': 'remainingByYear',
            '#year': String(call.budgetYear),
          },
          values: { ':amount': call.amountCents, ':one': 1, ':zero': 0, ':now': context.now.toISOString() },
        },
        condition: {
          expression:
            'availableCents >= :amount AND #remainingByYear.#year >= :amount AND #status = :approved',
          names: { '#status': 'status' },
          values: { ':approved': 'approved' },
        },
        onConditionFailed: () =>
          conflict(
            `The approved amount (in all, or for ${call.budgetYear}) does not cover this call any more`,
          ),
      },
      this.#records.put(call),
      ...syncDeadlines(pk, [], [spendByDeadline(application, call)], context.now),
      historyWrite(pk, context, {
        action: 'funds_call',
        note: `${call.amountCents} cents called on ${call.calledOn} for ${call.budgetYear}`,
      }),
    ]);
    return { call, rules: rulesOfGrant(application) };
  }

  /** The calls with the application they belong to, so callers need not read it again. */
  async list(applicationId: string): Promise<{ calls: FundsCall[]; application: Application }> {
    const application = await this.applications.get(applicationId);
    const items = await this.table.queryAll(fundsCallEntity.partitionQuery({ applicationId }));
    return { calls: items.map((item) => withoutKeys<FundsCall>(item)), application };
  }

  /** A call with the rules of its grant. */
  async get(applicationId: string, callId: string): Promise<WithRules> {
    const [callItem, applicationItem] = await this.table.getMany([
      callKey(applicationId, callId),
      appKey(applicationId),
    ]);
    if (!callItem || !applicationItem) throw notFound('Funds call', callId);
    return {
      call: withoutKeys<FundsCall>(callItem),
      rules: rulesOfGrant(withoutKeys<Application>(applicationItem)),
    };
  }

  /**
   * Records payout and use (at once or in parts); using all of it closes its spend-by deadline.
   * The call, its application and its deadline are read in one snapshot.
   */
  async update(
    applicationId: string,
    callId: string,
    expectedVersion: number,
    patch: UpdateFundsCall,
    context: WriteContext,
  ): Promise<WithRules> {
    const pk = appPk(applicationId);
    const alsoRead = [appKey(applicationId), deadlineKey(pk, spendByDeadlineId(applicationId, callId))];
    let rules: GrantRules | undefined;
    const request = { id: callId, key: callKey(applicationId, callId), expectedVersion, alsoRead };
    const call = await this.#records.change(request, context, (current, [applicationItem, deadline]) => {
      if (!applicationItem) throw notFound('Application', applicationId);
      const application = withoutKeys<Application>(applicationItem);
      rules = rulesOfGrant(application);
      const next = applyFundsCallUpdate(current, patch, rules, context.now);
      return {
        next,
        history: { action: 'funds_call_update', note: `call ${callId}` },
        writes: syncDeadlines(
          pk,
          storedDeadlines([deadline]),
          [spendByDeadline(application, next)],
          context.now,
        ),
      };
    });
    return { call, rules: rules as GrantRules };
  }
}
