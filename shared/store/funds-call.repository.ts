import type { Application } from '../domain/application.ts';
import type { Deadline } from '../domain/deadline.ts';
import {
  applyFundsCallUpdate,
  type CreateFundsCall,
  type FundsCall,
  planFundsCall,
  type UpdateFundsCall,
} from '../domain/funds-call.ts';
import type { Program } from '../domain/program.ts';
import { appKey, appPk, callSk } from './application.keys.ts';
import { type ApplicationRepository, applicationDeadline } from './application.repository.ts';
import { putDeadline } from './deadline.items.ts';
import type { ProgramRepository } from './program.repository.ts';
import { findRecord, getRecord, historyWrite, staleVersion, type WriteContext } from './records.ts';
import { conflict, mustNotExist, type Table, versionIs, withoutKeys } from './table.ts';

/** A written call with the programme rules its view needs (split, spending window), read once. */
export interface WithRules {
  call: FundsCall;
  program: Program;
}

const callPath = (applicationId: string, callId: string) =>
  `/v1/applications/${applicationId}/funds-calls/${callId}`;

function spendByDeadline(application: Application, call: FundsCall, now: Date): Deadline {
  const deadline = applicationDeadline(
    application,
    'spend_by',
    call.spendBy,
    call.id,
    callPath(application.id, call.id),
  );
  deadline.amountCents = call.amountCents;
  return call.spentOn ? { ...deadline, status: 'done', closedAt: now.toISOString() } : deadline;
}

export class FundsCallRepository {
  constructor(
    private readonly table: Table,
    private readonly applications: ApplicationRepository,
    private readonly programs: ProgramRepository,
  ) {}

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
      { put: { pk, sk: callSk(call.id), entity: 'funds_call', ...call }, condition: mustNotExist },
      putDeadline(pk, spendByDeadline(application, call, context.now)),
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
    const items = await this.table.queryAll({ partition: appPk(applicationId), sortKeyPrefix: 'CALL#' });
    return { calls: items.map((item) => withoutKeys<FundsCall>(item)), application };
  }

  async get(applicationId: string, callId: string): Promise<FundsCall> {
    const key = { pk: appPk(applicationId), sk: callSk(callId) };
    return getRecord(await findRecord<FundsCall>(this.table, key), 'Funds call', callId);
  }

  /** Records payout and use; using the money closes its spend-by deadline. */
  async update(
    applicationId: string,
    callId: string,
    expectedVersion: number,
    patch: UpdateFundsCall,
    context: WriteContext,
  ): Promise<WithRules> {
    const application = await this.applications.get(applicationId);
    const current = await this.get(applicationId, callId);
    if (current.version !== expectedVersion) throw staleVersion('funds call');
    const program = await this.programs.get(application.programId);
    const next = applyFundsCallUpdate(current, patch, program, context.now);
    const pk = appPk(applicationId);
    await this.table.transact([
      {
        put: { pk, sk: callSk(callId), entity: 'funds_call', ...next },
        condition: versionIs(expectedVersion),
        onConditionFailed: () => staleVersion('funds call'),
      },
      putDeadline(pk, spendByDeadline(application, next, context.now)),
      historyWrite(pk, context, {
        action: 'funds_call_update',
        note: `call ${callId}`,
        changes: Object.keys(patch),
      }),
    ]);
    return { call: next, program };
  }
}
