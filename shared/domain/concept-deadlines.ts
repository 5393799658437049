import type { Concept } from './concept.ts';
import { type DerivedDeadline, deadlineId } from './deadline.ts';
import { type Milestone, milestoneSettled } from './milestone.ts';
import { type MilestoneReport, reportDelivered } from './milestone-report.ts';

/**
 * The deadlines a concept's milestones create, owned by the concept's owner: each milestone's
 * due date (done once it is achieved or missed) and, if set, its report due date (done while a
 * report on it is submitted or accepted; open again when the steering body asks for a revision).
 */
export function conceptDeadlines(
  concept: Pick<Concept, 'id' | 'title' | 'owner'>,
  milestones: readonly Milestone[],
  reports: readonly Pick<MilestoneReport, 'milestoneId' | 'status'>[],
): DerivedDeadline[] {
  return milestones.flatMap((milestone) => {
    const subject = {
      type: 'concept' as const,
      id: concept.id,
      title: `${concept.title}: ${milestone.title}`,
      partId: milestone.id,
    };
    const deadlines: DerivedDeadline[] = [
      {
        id: deadlineId(concept.id, 'milestone_due', milestone.id),
        kind: 'milestone_due',
        dueOn: milestone.dueOn,
        subject,
        owner: concept.owner,
        status: milestoneSettled(milestone) ? 'done' : 'open',
      },
    ];
    if (milestone.reportDueOn) {
      const delivered = reports.some(
        (report) => report.milestoneId === milestone.id && reportDelivered(report),
      );
      deadlines.push({
        id: deadlineId(concept.id, 'milestone_report_due', milestone.id),
        kind: 'milestone_report_due',
        dueOn: milestone.reportDueOn,
        subject,
        owner: concept.owner,
        status: delivered ? 'done' : 'open',
      });
    }
    return deadlines;
  });
}
