import { type CalendarDate, calendarDateSchema } from '../../../shared/domain/calendar-date.ts';
import { noteSchema } from '../../../shared/domain/common-schemas.ts';
import type { Deadline, DeadlineKind, SubjectType } from '../../../shared/domain/deadline.ts';
import { AppError, invalid } from '../../../shared/domain/errors.ts';
import { natureOf } from '../../../shared/domain/reminder-schedule.ts';
import type { Role } from '../../../shared/domain/roles.ts';
import type { WriteContext } from '../../../shared/store/records.ts';
import * as z from '../../../shared/zod.ts';
import { type ApiDependencies, today } from '../dependencies.ts';

export const deadlineDoneSchema = z
  .strictObject({
    on: calendarDateSchema.optional().openapi({
      description:
        'The day it was done: a statement of use submitted, money used, a milestone reached, a milestone report handed in; default today',
    }),
    note: noteSchema.optional(),
  })
  .openapi('DeadlineDone');
export type DeadlineDone = z.infer<typeof deadlineDoneSchema>;

interface DoneBase {
  on: CalendarDate;
  today: CalendarDate;
  note: string | undefined;
  context: WriteContext;
  deps: ApiDependencies;
}

/** The part of the record a deadline's date comes from (a call, a report, a milestone). */
const partOf = (deadline: Deadline) => deadline.subject.partId as string;

/** Kinds whose record keeps no day of its own for being done: done today, or refused. */
function onlyToday({ on, today: now }: DoneBase, what: string): void {
  if (on !== now) throw invalid('on', `${what} is recorded as of today; leave out on`);
}

const refused = (detail: string) => (): Promise<void> => {
  throw new AppError('conflict', detail);
};

/**
 * What marking a duty done means for its record: the record's own change (with its history and
 * its rules), which closes the deadline in the same transaction. Each reads the record's
 * current version; a change in between fails as it would for any client (409, 412).
 */
const DONE: Record<DeadlineKind, (deadline: Deadline, base: DoneBase) => Promise<void>> = {
  async submission(deadline, base) {
    onlyToday(base, 'A submission');
    const { store } = base.deps;
    const application = await store.applications.get(deadline.subject.id);
    const change = { to: 'submitted' as const, ...(base.note ? { note: base.note } : {}) };
    await store.applications.changeStatus(application.id, application.version, change, base.context);
  },
  async spend_by(deadline, { on, deps, context }) {
    const { call } = await deps.store.fundsCalls.get(deadline.subject.id, partOf(deadline));
    const used = call.spent.reduce((sum, part) => sum + part.amountCents, 0);
    const spent = [...call.spent, { on, amountCents: call.amountCents - used }];
    await deps.store.fundsCalls.update(call.applicationId, call.id, call.version, { spent }, context);
  },
  interim_report: submitStatementOfUse,
  final_report: submitStatementOfUse,
  async task_due(deadline, base) {
    onlyToday(base, 'A task done');
    const { tasks } = base.deps.store;
    const task = await tasks.get(deadline.subject.id);
    const patch = { status: 'done' as const, ...(base.note ? { note: base.note } : {}) };
    await tasks.update(task.id, task.version, patch, base.context);
  },
  async milestone_due(deadline, { on, note, deps, context }) {
    const { milestones } = deps.store;
    const milestone = await milestones.milestone(deadline.subject.id, partOf(deadline));
    const patch = { status: 'achieved' as const, achievedOn: on, ...(note ? { note } : {}) };
    await milestones.updateMilestone(milestone.conceptId, milestone.id, milestone.version, patch, context);
  },
  async milestone_report_due(deadline, { on, note, deps, context }) {
    const { milestones } = deps.store;
    const reports = await milestones.reports(deadline.subject.id, partOf(deadline));
    const pending = reports.filter(
      (report) => report.status === 'draft' || report.status === 'revision_requested',
    );
    const report = pending.at(-1);
    if (!report) {
      throw new AppError(
        'conflict',
        "There is no report on this milestone to hand in: write it on the concept's page first",
      );
    }
    const patch = { status: 'submitted' as const, submittedOn: on, ...(note ? { note } : {}) };
    await milestones.updateReport(
      report.conceptId,
      report.milestoneId,
      report.id,
      report.version,
      patch,
      context,
    );
  },
  vacancy: refused(
    "A vacancy is done when the position is filled: record who holds it on the position's page",
  ),
  funding_period_end: refused('The end of a funding period is not done by anyone: it comes on its day'),
  position_funding_end: refused("The end of a position's funding is not done by anyone: it comes on its day"),
  contract_end: refused('The end of a contract is not done by anyone: it comes on its day'),
};

async function submitStatementOfUse(deadline: Deadline, { on, note, deps, context }: DoneBase) {
  const report = await deps.store.reports.get(deadline.subject.id, partOf(deadline));
  const patch = { status: 'submitted' as const, submittedOn: on, ...(note ? { note } : {}) };
  await deps.store.reports.update(report.applicationId, report.id, report.version, patch, context);
}

/** Who may change each kind of record, besides an admin (as the record's own routes allow). */
const WRITERS: Record<SubjectType, readonly Role[]> = {
  application: ['finance'],
  position: ['finance'],
  task: ['coordinator'],
  concept: ['coordinator'],
};

/**
 * The owner of a deadline (in a role that may change its record) or an admin may mark it done
 * or set its reminders; anyone else is refused, before anything is read of the record.
 */
export function mayManage(deadline: Deadline, actor: WriteContext['actor']): boolean {
  if (actor.roles.includes('admin')) return true;
  const owns = actor.email !== undefined && actor.email.toLowerCase() === deadline.owner.email.toLowerCase();
  return owns && actor.roles.some((role) => WRITERS[deadline.subject.type].includes(role));
}

/** Marks a duty done through its record; an event or a duty done another way is refused (409). */
export async function markDone(
  deadline: Deadline,
  input: DeadlineDone,
  base: Omit<DoneBase, 'on' | 'today' | 'note'>,
): Promise<void> {
  if (natureOf(deadline.kind, base.deps.reminderSettings.policy) === 'event') {
    throw new AppError(
      'conflict',
      'This deadline is an event: it passes on its day and is not done by anyone',
    );
  }
  if (deadline.status === 'done') throw new AppError('conflict', 'This deadline is done already');
  const now = today(base.deps);
  const on = input.on ?? now;
  if (on > now) throw invalid('on', 'must not be after today');
  await DONE[deadline.kind](deadline, { ...base, on, today: now, note: input.note });
}
