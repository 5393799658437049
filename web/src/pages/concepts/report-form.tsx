import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ok } from '../../api/client.ts';
import type { Milestone, MilestoneReport } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { SelectField, TextArea, TextField } from '../../forms/fields.tsx';
import { Form } from '../../forms/form.tsx';
import { ErrorSummary, errorsFor, type FieldMap, SuccessNotice } from '../../forms/form-problem.tsx';
import { useDraft } from '../../forms/use-draft.ts';
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
  const draft = useDraft(`bericht:${milestone.id}`, INITIAL);
  const [preview, setPreview] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/v1/concepts/{id}/milestones/{milestoneId}/reports', {
          params: { path: { id: milestone.conceptId, milestoneId: milestone.id } },
          body: {
            summary: draft.values.summary,
            body: draft.values.body,
            audience: draft.values.audience as MilestoneReport['audience'],
          },
        }),
      ),
    onMutate: () => setSaved(null),
    onSuccess: async () => {
      draft.clear();
      setPreview(false);
      setSaved('Der Bericht ist als Entwurf gespeichert. Sie können ihn jetzt einreichen.');
      await queryClient.invalidateQueries({
        queryKey: conceptKeys.reports(milestone.conceptId, milestone.id),
      });
    },
  });
  const field = (path: keyof typeof INITIAL) => ({
    ...fields[path]!,
    value: draft.values[path],
    onChange: (value: string) => draft.set(path, value),
    errors: errorsFor(save.error, path),
  });

  return (
    <Form className="report-form" labelledBy={`${prefix}-titel`} onSubmit={() => save.mutate()}>
      <h4 className="kern-heading-small" id={`${prefix}-titel`}>
        Neuer Bericht
      </h4>
      <ErrorSummary error={save.error} fields={fields} title="Der Bericht wurde nicht gespeichert." />
      <SuccessNotice>{saved}</SuccessNotice>
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
        <button className="kern-btn kern-btn--primary" type="submit" disabled={save.isPending}>
          <span className="kern-label">Bericht speichern</span>
        </button>
      </div>
    </Form>
  );
}
