import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ok } from '../../api/client.ts';
import type { Task, TaskStatus } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { formatDate, germanDateToIso, germanNumber, todayInBerlin } from '../../format/german.ts';
import { SelectField, TextArea, TextField } from '../../forms/fields.tsx';
import { Form } from '../../forms/form.tsx';
import { ErrorSummary, errorsFor, type FieldMap, SuccessNotice } from '../../forms/form-problem.tsx';
import { asSubmitted, optional } from '../../forms/submitted.ts';
import { useDraft } from '../../forms/use-draft.ts';
import { optionsOf, TASK_STATUS } from '../../labels.ts';
import { taskKeys } from './task-queries.ts';

/** The API's field paths and the form's fields. */
const FIELDS: FieldMap = {
  on: { id: 'fortschritt-datum', label: 'Datum' },
  percent: { id: 'fortschritt-prozent', label: 'Fortschritt (%)' },
  hours: { id: 'fortschritt-stunden', label: 'Stunden' },
  note: { id: 'fortschritt-notiz', label: 'Notiz' },
  status: { id: 'fortschritt-status', label: 'Status' },
};

const UNCHANGED = '';
const STATUS_OPTIONS: [string, string][] = [[UNCHANGED, 'unverändert'], ...optionsOf(TASK_STATUS)];

/**
 * Logs progress on a task. What is typed is kept in the tab's draft until the API accepts it:
 * a refusal (lower percent, a closed task, someone else's task) shows the API's reason and
 * leaves every field as it was.
 */
export function ProgressForm({ task }: { task: Task }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const [initial] = useState(() => ({
    on: formatDate(todayInBerlin()),
    percent: '',
    hours: '',
    note: '',
    status: UNCHANGED,
  }));
  const draft = useDraft(`fortschritt:${task.id}`, initial);
  const [saved, setSaved] = useState<string | null>(null);

  const log = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/v1/tasks/{id}/progress', {
          params: { path: { id: task.id } },
          body: {
            note: draft.values.note,
            percent: asSubmitted<number>(
              draft.values.percent.trim() === '' ? '' : germanNumber(draft.values.percent),
            ),
            hours: optional<number>(draft.values.hours, germanNumber),
            on: optional<string>(draft.values.on, germanDateToIso),
            status: draft.values.status === UNCHANGED ? undefined : (draft.values.status as TaskStatus),
          },
        }),
      ),
    onMutate: () => setSaved(null),
    onSuccess: async (result) => {
      draft.clear();
      setSaved(`Fortschritt eingetragen: ${result.task.percent} %.`);
      // A status moved or finished here moves or closes the task's deadline too.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: taskKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['deadlines'] }),
      ]);
    },
  });
  const field = (path: keyof typeof initial) => ({
    ...FIELDS[path]!,
    value: draft.values[path],
    onChange: (value: string) => draft.set(path, value),
    errors: errorsFor(log.error, path),
  });

  return (
    <section aria-labelledby="fortschritt-titel" className="panel">
      <h2 className="kern-heading-medium" id="fortschritt-titel">
        Fortschritt eintragen
      </h2>
      <ErrorSummary error={log.error} fields={FIELDS} title="Der Fortschritt wurde nicht eingetragen." />
      <SuccessNotice>{saved}</SuccessNotice>
      <Form onSubmit={() => log.mutate()}>
        <TextField {...field('on')} hint="TT.MM.JJJJ, der Tag der Arbeit" inputMode="numeric" />
        <TextField
          {...field('percent')}
          hint={`Ganze Zahl von ${task.percentFloor} bis 100`}
          inputMode="numeric"
        />
        <TextField {...field('hours')} hint="z. B. 1,5" inputMode="decimal" optional />
        <TextArea {...field('note')} hint="Was wurde getan?" />
        <SelectField {...field('status')} options={STATUS_OPTIONS} optional />
        <div>
          <button className="kern-btn kern-btn--primary" type="submit" disabled={log.isPending}>
            <span className="kern-label">Fortschritt eintragen</span>
          </button>
        </div>
      </Form>
    </section>
  );
}
