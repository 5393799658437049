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
import type { Program } from '../domain/program.ts';
import { appKey, appPk, fundsCallEntity } from './application.keys.ts';
import type { ApplicationRepository } from './application.repository.ts';
import { deadlineKey } from './deadline.keys.ts';
import { storedDeadlines, syncDeadlines } from './deadline-sync.ts';
import type { ProgramRepository } from './program.repository.ts';
import { historyWrite, type WriteContext } from './records.ts';
import { conflict } from './store-errors.ts';
import { type Table, withoutKeys } from './table.ts';
import { VersionedRecords } from './versioned-records.ts';

/** A written call with the programme rules its view needs (split, spending window), read once. */
export interface WithRules {
  call: FundsCall;
  program: Program;
}

const callKey = (applicationId: string, id: string) => fundsCallEntity.key({ applicationId, id });

export class FundsCallRepository {
  readonly #records: VersionedRecords<FundsCall>;

  constructor(
    private readonly table: Table,
    private readonly applications: ApplicationRepository,
    private readonly programs: ProgramRepository,
  ) {
    this.#records = new VersionedRecords(table, fundsCallEntity, 'funds call');
  }

  /**
   * One transaction: the application's available amount shrinks only if it still covers
   * the call (so concurrent calls can never exceed the approval), the call and its
   * spend-by deadline are written, and the history records it.
   */
  async create(applicationId: string, input: CreateFundsCall, context: WriteContext): Promise<WithRules> {
    const application = await this.applications.get(applicationId);
    const program = await this.programs.get(application.programId);
    const call = planFundsCall(application, input, program, { id: context.newId(), now: context.now });
    const pk = appPk(applicationId);
    await this.table.transact([
      {
        update: appKey(applicationId),
        set: {
          expression:
            'SET calledCents = calledCents + :amount, availableCents = availableCents - :amount, #version = #version + :one, updatedAt = :now',
          names: { '#version': 'version' },
          values: { ':amount': call.amountCents, ':one': 1, ':now': context.now.toISOString() },
        },
        condition: {
          expression: 'availableCents >= :amount AND #status = :approved',
          names: { '#status': 'status' },
          values: { ':approved': 'approved' },
        },
        onConditionFailed: () => conflict('The approved amount does not cover this call any more'),
      },
      this.#records.put(call),
      ...syncDeadlines(pk, [], [spendByDeadline(application, call)], context.now),
      historyWrite(pk, context, {
        action: 'funds_call',
        note: `${call.amountCents} cents called on ${call.calledOn}`,
      }),
    ]);
    return { call, program };
  }

  /** The calls with the application they belong to, so callers need not read it again. */
  async list(applicationId: string): Promise<{ calls: FundsCall[]; application: Application }> {
    const application = await this.applications.get(applicationId);
    const items = await this.table.queryAll(fundsCallEntity.partitionQuery({ applicationId }));
    return { calls: items.map((item) => withoutKeys<FundsCall>(item)), application };
  }

  get(applicationId: string, callId: string): Promise<FundsCall> {
    return this.#records.get(callKey(applicationId, callId), callId);
  }

  /**
   * Records payout and use; using the money closes its spend-by deadline. The call, its
   * application and its deadline are read in one snapshot.
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
    let program: Program | undefined;
    const request = { id: callId, key: callKey(applicationId, callId), expectedVersion, alsoRead };
    const call = await this.#records.change(
      request,
      context,
      async (current, [applicationItem, deadline]) => {
        if (!applicationItem) throw notFound('Application', applicationId);
        const application = withoutKeys<Application>(applicationItem);
        program = await this.programs.get(application.programId);
        const next = applyFundsCallUpdate(current, patch, program, context.now);
        return {
          next,
          history: { action: 'funds_call_update', note: `call ${callId}`, changes: Object.keys(patch) },
          writes: syncDeadlines(
            pk,
            storedDeadlines([deadline]),
            [spendByDeadline(application, next)],
            context.now,
          ),
        };
      },
    );
    return { call, program: program as Program };
  }
}
