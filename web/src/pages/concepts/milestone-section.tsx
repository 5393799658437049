import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ifMatch, ok } from '../../api/client.ts';
import type { Milestone, MilestoneReport } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { reportDocuments } from '../../documents/document-targets.ts';
import { Documents } from '../../documents/documents.tsx';
import { formatDate, germanDateToIso, todayInBerlin } from '../../format/german.ts';
import { useDraftForm } from '../../forms/draft-form.tsx';
import { TextField } from '../../forms/fields.tsx';
import { Form, SubmitButton } from '../../forms/form.tsx';
import { ErrorSummary, type FieldMap } from '../../forms/form-problem.tsx';
import { asSubmitted } from '../../forms/submitted.ts';
import { MILESTONE_KIND, MILESTONE_STATUS, REPORT_AUDIENCE, REPORT_STATUS } from '../../labels.ts';
import { QueryList } from '../../layout/page.tsx';
import { conceptKeys, useReports } from './concept-queries.ts';
import { MarkdownPreview } from './markdown-preview.tsx';
import { ReportForm } from './report-form.tsx';

/** Marks a milestone achieved on a day (today unless typed otherwise). */
function AchieveForm({ milestone }: { milestone: Milestone }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const fields: FieldMap = { achievedOn: { id: `erreicht-${milestone.id}`, label: 'Erreicht am' } };
  const { request, field } = useDraftForm({
    draftKey: `erreicht:${milestone.id}`,
    initial: () => ({ achievedOn: formatDate(todayInBerlin()) }),
    fields,
    send: (values) =>
      ok(
        api.PATCH('/v1/concepts/{id}/milestones/{milestoneId}', {
          params: {
            path: { id: milestone.conceptId, milestoneId: milestone.id },
            header: ifMatch(milestone.version),
          },
          body: {
            status: 'achieved',
            achievedOn: asSubmitted<string>(germanDateToIso(values.achievedOn)),
          },
        }),
      ),
    // A milestone reached closes its deadline too: the page's Fristen read again.
    refresh: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: conceptKeys.milestones(milestone.conceptId) }),
        queryClient.invalidateQueries({ queryKey: ['deadlines'] }),
      ]),
  });
  return (
    <Form className="inline-form" onSubmit={() => request.mutate()}>
      <ErrorSummary
        error={request.error}
        fields={fields}
        title="Der Meilenstein wurde nicht als erreicht markiert."
      />
      <TextField {...field('achievedOn')} hint="TT.MM.JJJJ" inputMode="numeric" />
      <SubmitButton pending={request.isPending} secondary>
        Als erreicht markieren
      </SubmitButton>
    </Form>
  );
}

function ReportItem({ report }: { report: MilestoneReport }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const submit = useMutation({
    mutationFn: () =>
      ok(
        api.PATCH('/v1/concepts/{id}/milestones/{milestoneId}/reports/{reportId}', {
          params: {
            path: { id: report.conceptId, milestoneId: report.milestoneId, reportId: report.id },
            header: ifMatch(report.version),
          },
          body: { status: 'submitted', submittedOn: todayInBerlin() },
        }),
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({
          queryKey: conceptKeys.reports(report.conceptId, report.milestoneId),
        }),
        queryClient.invalidateQueries({ queryKey: ['deadlines'] }),
      ]),
  });
  const submittable = report.status === 'draft' || report.status === 'revision_requested';
  return (
    <li className="report">
      <h5 className="kern-heading-small report__title">{report.summary}</h5>
      <p className="kern-body kern-body--small">
        {`${REPORT_STATUS[report.status]} · an: ${REPORT_AUDIENCE[report.audience]}`}
        {report.submittedOn ? ` · eingereicht am ${formatDate(report.submittedOn)}` : ''}
      </p>
      <details className="report__body">
        <summary className="kern-link">Bericht lesen</summary>
        <MarkdownPreview markdown={report.body} label={`Bericht: ${report.summary}`} />
      </details>
      {submit.error ? (
        <ErrorSummary error={submit.error} fields={{}} title="Der Bericht wurde nicht eingereicht." />
      ) : null}
      {submittable ? (
        <button
          className="kern-btn kern-btn--primary"
          type="button"
          onClick={() => submit.mutate()}
          disabled={submit.isPending}
        >
          <span className="kern-label">Bericht einreichen</span>
        </button>
      ) : null}
      <Documents target={reportDocuments(api, report)} heading="Dokumente zum Bericht" headingLevel="h6" />
    </li>
  );
}

/** A milestone: its dates and status, marking it achieved, its reports and their documents. */
export function MilestoneSection({ milestone }: { milestone: Milestone }) {
  const reports = useReports(milestone.conceptId, milestone.id);
  const open = milestone.status === 'planned' || milestone.status === 'in_progress';
  const headingId = `meilenstein-${milestone.id}-titel`;
  return (
    <section className="milestone panel" id={`meilenstein-${milestone.id}`} aria-labelledby={headingId}>
      <h3 className="kern-heading-medium" id={headingId}>
        {milestone.title}
      </h3>
      <p className="kern-body">
        {`${MILESTONE_KIND[milestone.kind]} · fällig am ${formatDate(milestone.dueOn)}`}
        {milestone.reportDueOn ? ` · Bericht fällig am ${formatDate(milestone.reportDueOn)}` : ''}
      </p>
      <p className="kern-body">
        <span
          className={`kern-badge ${milestone.status === 'achieved' ? 'kern-badge--success' : 'kern-badge--info'}`}
        >
          {MILESTONE_STATUS[milestone.status]}
        </span>
        {milestone.achievedOn ? ` am ${formatDate(milestone.achievedOn)}` : ''}
      </p>
      {open ? <AchieveForm milestone={milestone} /> : null}
      <h4 className="kern-heading-small">Berichte</h4>
      <QueryList query={reports} what="Die Berichte" empty="Noch keine Berichte.">
        {(items) => (
          <ul className="report-list">
            {items.map((report) => (
              <ReportItem key={report.id} report={report} />
            ))}
          </ul>
        )}
      </QueryList>
      <ReportForm milestone={milestone} />
    </section>
  );
}
