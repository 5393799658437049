import { useQueryClient } from '@tanstack/react-query';
import { ok } from '../../api/client.ts';
import type { Task, TaskStatus } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { formatDate, germanDateToIso, germanNumber, todayInBerlin } from '../../format/german.ts';
import { useDraftForm } from '../../forms/draft-form.tsx';
import { SelectField, TextArea, TextField } from '../../forms/fields.tsx';
import { Form, SubmitButton } from '../../forms/form.tsx';
import { ErrorSummary, type FieldMap, SuccessNotice } from '../../forms/form-problem.tsx';
import { asSubmitted, optional } from '../../forms/submitted.ts';
import { optionsOf, TASK_STATUS } from '../../labels.ts';
import { Panel } from '../../layout/panel.tsx';
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
  const { request, done, field } = useDraftForm({
    draftKey: `fortschritt:${task.id}`,
    initial: () => ({
      on: formatDate(todayInBerlin()),
      percent: '',
      hours: '',
      note: '',
      status: UNCHANGED,
    }),
    fields: FIELDS,
    send: (values) =>
      ok(
        api.POST('/v1/tasks/{id}/progress', {
          params: { path: { id: task.id } },
          body: {
            note: values.note,
            percent: asSubmitted<number>(values.percent.trim() === '' ? '' : germanNumber(values.percent)),
            hours: optional<number>(values.hours, germanNumber),
            on: optional<string>(values.on, germanDateToIso),
            status: values.status === UNCHANGED ? undefined : (values.status as TaskStatus),
          },
        }),
      ),
    done: (result) => `Fortschritt eingetragen: ${result.task.percent} %.`,
    // A status moved or finished here moves or closes the task's deadline too.
    refresh: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: taskKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['deadlines'] }),
      ]),
  });

  return (
    <Panel id="fortschritt" title="Fortschritt eintragen">
      <ErrorSummary error={request.error} fields={FIELDS} title="Der Fortschritt wurde nicht eingetragen." />
      <SuccessNotice>{done}</SuccessNotice>
      <Form onSubmit={() => request.mutate()}>
        <TextField {...field('on')} hint="TT.MM.JJJJ, der Tag der Arbeit" inputMode="numeric" />
        <TextField
          {...field('percent')}
          hint={`Ganze Zahl von ${task.percentFloor} bis 100`}
          inputMode="numeric"
        />
        <TextField {...field('hours')} hint="z. B. 1,5" inputMode="decimal" optional />
        <TextArea {...field('note')} hint="Was wurde getan?" />
        <SelectField {...field('status')} options={STATUS_OPTIONS} optional />
        <SubmitButton pending={request.isPending}>Fortschritt eintragen</SubmitButton>
      </Form>
    </Panel>
  );
}
