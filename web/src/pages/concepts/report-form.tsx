import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ok } from '../../api/client.ts';
import type { Milestone, MilestoneReport } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { useDraftForm } from '../../forms/draft-form.tsx';
import { SelectField, TextArea, TextField } from '../../forms/fields.tsx';
import { Form } from '../../forms/form.tsx';
import { ErrorSummary, type FieldMap, SuccessNotice } from '../../forms/form-problem.tsx';
import { optionsOf, REPORT_AUDIENCE } from '../../labels.ts';
import { conceptKeys } from './concept-queries.ts';
import { MarkdownPreview } from './markdown-preview.tsx';

const INITIAL = { summary: '', audience: 'steering_group', body: '' };

/** Drafts a report on a milestone: Markdown with a preview; saved as a draft, submitted from the list. */
export function ReportForm({ milestone }: { milestone: Milestone }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const prefix = `bericht-${milestone.id}`;
  const fields: FieldMap = {
    summary: { id: `${prefix}-zusammenfassung`, label: 'Zusammenfassung' },
    audience: { id: `${prefix}-adressat`, label: 'Adressat' },
    body: { id: `${prefix}-text`, label: 'Bericht (Markdown)' },
  };
  const [preview, setPreview] = useState(false);
  const { draft, request, done, field } = useDraftForm({
    draftKey: `bericht:${milestone.id}`,
    initial: () => INITIAL,
    fields,
    send: (values) =>
      ok(
        api.POST('/v1/concepts/{id}/milestones/{milestoneId}/reports', {
          params: { path: { id: milestone.conceptId, milestoneId: milestone.id } },
          body: {
            summary: values.summary,
            body: values.body,
            audience: values.audience as MilestoneReport['audience'],
          },
        }),
      ),
    done: () => 'Der Bericht ist als Entwurf gespeichert. Sie können ihn jetzt einreichen.',
    refresh: () => {
      setPreview(false);
      return queryClient.invalidateQueries({
        queryKey: conceptKeys.reports(milestone.conceptId, milestone.id),
      });
    },
  });

  return (
    <Form className="report-form" labelledBy={`${prefix}-titel`} onSubmit={() => request.mutate()}>
      <h4 className="kern-heading-small" id={`${prefix}-titel`}>
        Neuer Bericht
      </h4>
      <ErrorSummary error={request.error} fields={fields} title="Der Bericht wurde nicht gespeichert." />
      <SuccessNotice>{done}</SuccessNotice>
      <TextField {...field('summary')} hint="Ein, zwei Sätze für die Übersicht" />
      <SelectField {...field('audience')} options={optionsOf(REPORT_AUDIENCE)} />
      {preview ? (
        <div>
          <p className="kern-label">Vorschau</p>
          <MarkdownPreview markdown={draft.values.body} label="Vorschau des Berichts" />
        </div>
      ) : (
        <TextArea {...field('body')} rows={8} hint="Markdown: ## Überschrift, - Aufzählung, **fett**" />
      )}
      <div className="button-row">
        <button
          className="kern-btn kern-btn--secondary"
          type="button"
          onClick={() => setPreview(!preview)}
          aria-pressed={preview}
        >
          <span className="kern-label">{preview ? 'Weiter schreiben' : 'Vorschau'}</span>
        </button>
        <button className="kern-btn kern-btn--primary" type="submit" disabled={request.isPending}>
          <span className="kern-label">Bericht speichern</span>
        </button>
      </div>
    </Form>
  );
}
