import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { allPages, ifMatch, ok } from '../../api/client.ts';
import { ApiProblem, reasonOf } from '../../api/problem.ts';
import type { Deadline } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { formatDate, formatMoney, germanDateToIso, todayInBerlin } from '../../format/german.ts';
import { ConfirmDialog } from '../../forms/confirm-dialog.tsx';
import { TextField } from '../../forms/fields.tsx';
import { Form } from '../../forms/form.tsx';
import { ErrorSummary, errorsFor, type FieldMap, SuccessNotice } from '../../forms/form-problem.tsx';
import { asSubmitted } from '../../forms/submitted.ts';
import { useDraft } from '../../forms/use-draft.ts';
import { DEADLINE_KIND } from '../../labels.ts';
import { LoadFailed, Loading } from '../../layout/page.tsx';
import {
  canBeDone,
  DONE_ON_LABEL,
  deadlineAnchor,
  deadlineElementId,
  describeOffsets,
  mayManage,
  parseOffsets,
} from './deadline-actions.ts';

type SubjectType = Deadline['subject']['type'];

/** Query key of one record's deadlines; under `['deadlines']`, which every write on a record refreshes. */
export const recordDeadlinesKey = (type: SubjectType, id: string) =>
  ['deadlines', 'record', type, id] as const;

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
function ReminderForm({
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
function DoneForm({
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
        <div>
          <button className="kern-btn kern-btn--primary" type="submit" disabled={done.isPending}>
            <span className="kern-label">Erledigt …</span>
          </button>
        </div>
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

function statusOf(deadline: Deadline, today: string): { text: string; badge: string } {
  if (deadline.nature === 'event') {
    return deadline.status === 'done'
      ? { text: 'Eingetreten', badge: 'kern-badge--info' }
      : { text: 'Steht bevor', badge: 'kern-badge--info' };
  }
  if (deadline.status === 'done') return { text: 'Erledigt', badge: 'kern-badge--success' };
  return deadline.dueOn < today
    ? { text: 'Überfällig', badge: 'kern-badge--danger' }
    : { text: 'Offen', badge: 'kern-badge--warning' };
}

function DeadlineItem({ deadline, today }: { deadline: Deadline; today: string }) {
  const { person } = useApp();
  const titleId = useId();
  const item = useRef<HTMLLIElement>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const manage = mayManage(deadline, person);
  const status = statusOf(deadline, today);
  const open = deadline.status === 'open';
  return (
    <li
      className="deadline"
      id={deadlineElementId(deadline)}
      tabIndex={-1}
      ref={item}
      aria-labelledby={titleId}
    >
      <h3 className="kern-heading-small deadline__title" id={titleId}>
        {`${formatDate(deadline.dueOn)} · ${DEADLINE_KIND[deadline.kind]}`}
        {deadline.nature === 'event' ? (
          <span className="kern-badge kern-badge--info deadline__badge">Termin</span>
        ) : null}
      </h3>
      <p className="kern-body">
        {'Status: '}
        <span className={`kern-badge ${status.badge}`}>{status.text}</span>
      </p>
      <p className="kern-body">{`Verantwortlich: ${deadline.owner.name}`}</p>
      {deadline.amountCents !== undefined ? (
        <p className="kern-body">{`Betrag: ${formatMoney(deadline.amountCents)}`}</p>
      ) : null}
      {deadline.kind === 'spend_by' ? (
        <p className="kern-body">{`Zinsen im Risiko (bis heute): ${formatMoney(deadline.interestAtRiskCents)}`}</p>
      ) : null}
      <SuccessNotice>{notice}</SuccessNotice>
      {open && manage ? (
        <ReminderForm deadline={deadline} titleId={titleId} onSaved={setNotice} />
      ) : open ? (
        <p className="kern-body">{`Erinnerung: ${describeOffsets(deadline.reminderOffsets)}`}</p>
      ) : null}
      {manage && canBeDone(deadline) ? (
        <DoneForm
          deadline={deadline}
          titleId={titleId}
          onDone={(message) => {
            setNotice(message);
            item.current?.focus();
          }}
        />
      ) : null}
    </li>
  );
}

/**
 * "Fristen" of one record (application, position, task, concept): each deadline at
 * `#frist-<id>`, the address e-mails and calendar entries link to. Its owner or an admin sets
 * its reminder days and marks a duty done here; everyone else reads them. A page opened at such
 * an address scrolls to the deadline once the list is there and moves focus to it.
 */
export function RecordDeadlines({ subjectType, subjectId }: { subjectType: SubjectType; subjectId: string }) {
  const { api } = useApp();
  const today = todayInBerlin();
  const deadlines = useQuery({
    queryKey: recordDeadlinesKey(subjectType, subjectId),
    queryFn: async () => {
      const items = await allPages((cursor) =>
        ok(
          api.GET('/v1/deadlines', {
            params: { query: { subjectType, subjectId, limit: 100, cursor } },
          }),
        ),
      );
      return items.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id));
    },
  });
  const landed = useRef<string | null>(null);
  useEffect(() => {
    if (!deadlines.data) return;
    const anchor = deadlineAnchor(window.location.hash);
    if (!anchor || landed.current === anchor) return;
    // After this render's other effects: the page moves focus to its heading when it opens.
    const frame = requestAnimationFrame(() => {
      const element = document.getElementById(anchor);
      if (!element) return;
      landed.current = anchor;
      element.scrollIntoView({ block: 'start' });
      element.focus({ preventScroll: true });
      // Web fonts arriving later change the height of what is above: scroll once more when they are in.
      void document.fonts?.ready.then(() => {
        if (document.activeElement === element) element.scrollIntoView({ block: 'start' });
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [deadlines.data]);
  return (
    <section aria-labelledby="fristen-titel" className="panel" id="fristen">
      <h2 className="kern-heading-medium" id="fristen-titel">
        Fristen
      </h2>
      {deadlines.isPending ? <Loading what="Die Fristen" /> : null}
      {deadlines.isError ? <LoadFailed reason={reasonOf(deadlines.error)} /> : null}
      {deadlines.data?.length === 0 ? <p className="kern-body">Keine Fristen.</p> : null}
      {deadlines.data?.length ? (
        <ul className="deadline-list">
          {deadlines.data.map((deadline) => (
            <DeadlineItem key={deadline.id} deadline={deadline} today={today} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
