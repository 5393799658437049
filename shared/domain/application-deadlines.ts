import type { Application } from './application.ts';
import { type Deadline, type DeadlineKind, type DerivedDeadline, deadlineId } from './deadline.ts';
import { type FundsCall, unspentCents } from './funds-call.ts';
import { type Report, reportIsOpen } from './report.ts';

/** Closing or revoking a grant ends every duty that is still open. */
const settled = (application: Pick<Application, 'status'>) =>
  application.status === 'closed' || application.status === 'revoked';

function deadlineOf(
  application: Application,
  kind: DeadlineKind,
  dueOn: string,
  open: boolean,
  /** The part that set the date, and what tells its deadline apart from its siblings' (if anything). */
  part?: { id: string; reference?: string | undefined },
): DerivedDeadline {
  return {
    id: deadlineId(application.id, kind, part?.reference),
    kind,
    dueOn,
    subject: {
      type: 'application',
      id: application.id,
      title: application.title,
      ...(part ? { partId: part.id } : {}),
    },
    owner: application.owner,
    status: open ? 'open' : 'done',
  };
}

/** The ids an application's own deadlines have, known from its id alone (read with it). */
export const applicationDeadlineIds = (applicationId: string) => [
  deadlineId(applicationId, 'submission'),
  deadlineId(applicationId, 'funding_period_end'),
];

/**
 * The application's own deadlines: the submission deadline (open while a draft) and, once a
 * notice is in force, the end of its funding period (open until the grant is closed or revoked).
 */
export function applicationDeadlines(application: Application): DerivedDeadline[] {
  const deadlines: DerivedDeadline[] = [];
  if (application.submissionDeadline) {
    deadlines.push(
      deadlineOf(application, 'submission', application.submissionDeadline, application.status === 'draft'),
    );
  }
  if (application.notice) {
    const end = application.notice.fundingPeriod.end;
    deadlines.push(deadlineOf(application, 'funding_period_end', end, !settled(application)));
  }
  return deadlines;
}

const reportKind = (report: Pick<Report, 'kind'>): DeadlineKind =>
  report.kind === 'final' ? 'final_report' : 'interim_report';

/** The id of a statement of use's deadline: one per report, the interim ones by budget year. */
export const reportDeadlineId = (applicationId: string, report: Pick<Report, 'kind' | 'budgetYear'>) =>
  deadlineId(
    applicationId,
    reportKind(report),
    report.kind === 'final' ? undefined : String(report.budgetYear),
  );

/** The deadline id of a statement of use from the report's id alone (`final`, `interim-2023`). */
export const reportDeadlineIdOf = (applicationId: string, reportId: string) =>
  reportId === 'final'
    ? reportDeadlineId(applicationId, { kind: 'final', budgetYear: null })
    : reportDeadlineId(applicationId, {
        kind: 'interim',
        budgetYear: Number(reportId.replace(/^interim-/, '')),
      });

/** A statement of use is due until it is submitted (again after a rejection), while the grant runs. */
export function reportDeadline(application: Application, report: Report): DerivedDeadline {
  const reference = report.kind === 'final' ? undefined : String(report.budgetYear);
  return deadlineOf(
    application,
    reportKind(report),
    report.dueOn,
    reportIsOpen(report) && !settled(application),
    { id: report.id, reference },
  );
}

export const spendByDeadlineId = (applicationId: string, callId: string) =>
  deadlineId(applicationId, 'spend_by', callId);

/** Called money must be spent by its date: open until all of it is, with the unspent amount at stake. */
export function spendByDeadline(application: Application, call: FundsCall): DerivedDeadline {
  const unspent = unspentCents(call);
  return {
    ...deadlineOf(application, 'spend_by', call.spendBy, unspent > 0 && !settled(application), {
      id: call.id,
      reference: call.id,
    }),
    amountCents: unspent > 0 ? unspent : call.amountCents,
    interestFrom: call.receivedOn ?? call.calledOn,
  };
}

/**
 * When the grant is closed or revoked, every deadline it still has is done; its own ones follow
 * `applicationDeadlines`. Others are returned as they are.
 */
export function settleDeadlines(application: Application, stored: readonly Deadline[]): DerivedDeadline[] {
  const own = applicationDeadlines(application);
  const others = stored
    .filter((deadline) => !own.some((candidate) => candidate.id === deadline.id))
    .map((deadline) => (settled(application) ? { ...deadline, status: 'done' as const } : deadline));
  return [...own, ...others];
}

/** Every open deadline of the application moves to its new owner, so the reminders reach them. */
export const handedOver = (stored: readonly Deadline[], owner: Application['owner']): DerivedDeadline[] =>
  stored.map((deadline) => (deadline.status === 'open' ? { ...deadline, owner } : deadline));
