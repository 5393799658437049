import * as z from '../zod.ts';
import { calendarDateSchema } from './calendar-date.ts';
import { storedRecordFields } from './common-schemas.ts';
import { AppError } from './errors.ts';
import { checkTransition } from './state-machine.ts';

export const REPORT_STATUSES = ['due', 'submitted', 'accepted', 'rejected', 'cancelled'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

const REPORT_TRANSITIONS: Record<ReportStatus, readonly ReportStatus[]> = {
  due: ['submitted'],
  submitted: ['accepted', 'rejected'],
  rejected: ['submitted'],
  accepted: [],
  cancelled: [],
};

export const updateReportSchema = z.strictObject({
  status: z.enum(['submitted', 'accepted', 'rejected']),
  submittedOn: calendarDateSchema.optional(),
  note: z.string().max(2000).optional(),
});
export type UpdateReport = z.infer<typeof updateReportSchema>;

/** A statement of use (Zwischen- or Verwendungsnachweis) the approval created. */
export const reportSchema = z.object({
  ...storedRecordFields,
  applicationId: z.string(),
  kind: z.enum(['interim', 'final']),
  budgetYear: z.number().nullable(),
  dueOn: z.string(),
  status: z.enum(REPORT_STATUSES),
  submittedOn: z.string().nullable(),
  decidedOn: z.string().nullable(),
});
export type Report = z.infer<typeof reportSchema>;

/** Moves a report along; a report is open (its deadline runs) while due or rejected. */
export function decideReportUpdate(report: Report, update: UpdateReport, today: string, now: Date): Report {
  checkTransition('A report', REPORT_TRANSITIONS, report.status, update.status);
  const submitting = update.status === 'submitted';
  if (!submitting && update.submittedOn) {
    throw new AppError('validation', 'submittedOn goes with status submitted', {
      errors: [{ path: 'submittedOn', message: 'only when submitting' }],
    });
  }
  return {
    ...report,
    status: update.status,
    submittedOn: submitting ? (update.submittedOn ?? today) : report.submittedOn,
    decidedOn: submitting ? null : today,
    version: report.version + 1,
    updatedAt: now.toISOString(),
  };
}

export const reportIsOpen = (report: Pick<Report, 'status'>) =>
  report.status === 'due' || report.status === 'rejected';
