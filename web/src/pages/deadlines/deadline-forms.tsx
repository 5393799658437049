import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ifMatch, ok } from '../../api/client.ts';
import { ApiProblem } from '../../api/problem.ts';
import type { Deadline } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { formatDate, germanDateToIso, todayInBerlin } from '../../format/german.ts';
import { ConfirmDialog } from '../../forms/confirm-dialog.tsx';
import { TextField } from '../../forms/fields.tsx';
import { Form, SubmitButton } from '../../forms/form.tsx';
import { ErrorSummary, errorsFor, type FieldMap } from '../../forms/form-problem.tsx';
import { asSubmitted } from '../../forms/submitted.ts';
import { useDraft } from '../../forms/use-draft.ts';
import { DEADLINE_KIND } from '../../labels.ts';
import { DONE_ON_LABEL, describeOffsets, parseOffsets } from './deadline-actions.ts';

/** The reminder days typed for one deadline, all of its messages (the API names `offsets` or `offsets.1`). */
function offsetErrors(error: unknown): string[] | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  const messages = Object.entries(error.fieldErrors)
    .filter(([path]) => path === 'offsets' || path.startsWith('offsets.'))
    .flatMap(([, list]) => list);
  return messages.length ? [...new Set(messages)] : undefined;
}

/** A write on a deadline changes its record too (a report submitted, a task done): read all anew. */
const refreshAll = (queryClient: ReturnType<typeof useQueryClient>) => queryClient.invalidateQueries();

/** "Erinnern … Tage vorher": the days typed as they are, so the API judges them; or back to the standard days. */
export function ReminderForm({
  deadline,
  titleId,
  onSaved,
}: {
  deadline: Deadline;
  titleId: string;
  onSaved(message: string): void;
}) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const fieldId = `erinnern-${deadline.id}`;
  const label = 'Erinnern … Tage vorher';
  const fields: FieldMap = Object.fromEntries([
    ['offsets', { id: fieldId, label }],
    ...Array.from({ length: 12 }, (_, index) => [`offsets.${index}`, { id: fieldId, label }]),
  ]);
  const [initial] = useState(() => ({ offsets: deadline.reminderOffsets.join(', ') }));
  const draft = useDraft(`erinnern:${deadline.id}`, initial);
  const save = useMutation({
    mutationFn: (offsets: (number | string)[] | null) =>
      ok(
        api.PUT('/v1/deadlines/{id}/reminders', {
          params: { path: { id: deadline.id }, header: ifMatch(deadline.version) },
          // Each day as typed when it is no whole number: the API refuses it next to the field.
          body: { offsets: offsets?.map((offset) => asSubmitted<number>(offset)) ?? null },
        }),
      ),
    onSuccess: async (changed, offsets) => {
      draft.clear({ offsets: changed.reminderOffsets.join(', ') });
      onSaved(
        `${offsets === null ? 'Standard wiederhergestellt' : 'Gespeichert'}: Erinnerung ${describeOffsets(changed.reminderOffsets)}.`,
      );
      await refreshAll(queryClient);
    },
  });
  return (
    <div className="deadline__form">
      <ErrorSummary error={save.error} fields={fields} title="Die Erinnerung wurde nicht geändert." />
      <Form onSubmit={() => save.mutate(parseOffsets(draft.values.offsets))} labelledBy={titleId}>
        <TextField
          id={fieldId}
          label={label}
          hint="Tage vor der Frist, durch Kommas getrennt, z. B. 30, 7, 1 (0 = am Tag selbst)"
          inputMode="numeric"
          value={draft.values.offsets}
          onChange={(value) => draft.set('offsets', value)}
          errors={offsetErrors(save.error)}
        />
        <div className="button-row">
          <button className="kern-btn kern-btn--secondary" type="submit" disabled={save.isPending}>
            <span className="kern-label">Erinnerung speichern</span>
          </button>
          {deadline.offsets ? (
            <button
              className="kern-btn kern-btn--tertiary"
              type="button"
              disabled={save.isPending}
              onClick={() => save.mutate(null)}
            >
              <span className="kern-label">Standard-Erinnerung wiederherstellen</span>
            </button>
          ) : null}
        </div>
      </Form>
    </div>
  );
}

/** What marking the deadline done records, said before it is sent. */
function doneMeans(deadline: Deadline, on: string): string {
  switch (deadline.kind) {
    case 'interim_report':
    case 'final_report':
      return `Der ${DEADLINE_KIND[deadline.kind]} wird als am ${on} eingereicht erfasst.`;
    case 'milestone_report_due':
      return `Der Meilensteinbericht wird als am ${on} eingereicht erfasst.`;
    case 'milestone_due':
      return `Der Meilenstein wird als am ${on} erreicht erfasst.`;
    case 'spend_by':
      return `Der noch nicht verwendete Rest des Mittelabrufs wird als am ${on} verwendet erfasst.`;
    case 'task_due':
      return 'Die Aufgabe wird als erledigt erfasst.';
    case 'submission':
      return 'Der Antrag wird als heute eingereicht erfasst.';
    default:
      return 'Die Frist wird als erledigt erfasst.';
  }
}

/** "Erledigt": a dialog asks first; the request names the version read (If-Match). */
export function DoneForm({
  deadline,
  titleId,
  onDone,
}: {
  deadline: Deadline;
  titleId: string;
  onDone(message: string): void;
}) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const dateLabel = DONE_ON_LABEL[deadline.kind];
  const fieldId = `erledigt-am-${deadline.id}`;
  const fields: FieldMap = { on: { id: fieldId, label: dateLabel ?? 'Erledigt am' } };
  const [initial] = useState(() => ({ on: formatDate(todayInBerlin()) }));
  const draft = useDraft(`erledigt:${deadline.id}`, initial);
  const [asking, setAsking] = useState(false);
  const done = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/v1/deadlines/{id}/done', {
          params: { path: { id: deadline.id }, header: ifMatch(deadline.version) },
          body: dateLabel ? { on: germanDateToIso(draft.values.on) } : {},
        }),
      ),
    onSuccess: async () => {
      draft.clear();
      onDone(`Erledigt: ${DEADLINE_KIND[deadline.kind]} vom ${formatDate(deadline.dueOn)}.`);
      await refreshAll(queryClient);
    },
  });
  return (
    <div className="deadline__form">
      <ErrorSummary error={done.error} fields={fields} title="Die Frist wurde nicht als erledigt erfasst." />
      <Form onSubmit={() => setAsking(true)} labelledBy={titleId}>
        {dateLabel ? (
          <TextField
            id={fieldId}
            label={dateLabel}
            hint="TT.MM.JJJJ"
            value={draft.values.on}
            onChange={(value) => draft.set('on', value)}
            errors={errorsFor(done.error, 'on')}
          />
        ) : null}
        <SubmitButton pending={done.isPending}>Erledigt …</SubmitButton>
      </Form>
      <ConfirmDialog
        open={asking}
        title="Frist als erledigt erfassen?"
        confirmLabel="Erledigt"
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          done.mutate();
        }}
      >
        <p className="kern-body">{`${DEADLINE_KIND[deadline.kind]}, fällig am ${formatDate(deadline.dueOn)}.`}</p>
        <p className="kern-body">{doneMeans(deadline, draft.values.on)}</p>
        <p className="kern-body">Die Frist ist damit geschlossen; es kommen keine Erinnerungen mehr.</p>
      </ConfirmDialog>
    </div>
  );
}
