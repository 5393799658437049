import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ifMatch, ok } from '../../api/client.ts';
import type { Application, ApplicationStatus } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { formatMoney, germanMoneyToCents } from '../../format/german.ts';
import { ConfirmDialog } from '../../forms/confirm-dialog.tsx';
import { SelectField, TextArea, TextField } from '../../forms/fields.tsx';
import { Form } from '../../forms/form.tsx';
import { ErrorSummary, errorsFor, type FieldMap, SuccessNotice } from '../../forms/form-problem.tsx';
import { asSubmitted } from '../../forms/submitted.ts';
import { useDraft } from '../../forms/use-draft.ts';
import { APPLICATION_STATUS } from '../../labels.ts';
import { refreshApplication } from './application-queries.ts';
import {
  NoticeFields,
  type NoticeValues,
  noticeBody,
  noticeFieldMap,
  noticeStart,
} from './notice-fields.tsx';

/**
 * The moves the app offers from each status. The API decides (and names the allowed ones when it
 * refuses); this only keeps impossible choices out of the list.
 */
const NEXT: Record<ApplicationStatus, ApplicationStatus[]> = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['approved', 'rejected', 'withdrawn'],
  approved: ['closed', 'revoked'],
  rejected: [],
  withdrawn: [],
  closed: [],
  revoked: [],
};

/** The choice, the question before it is sent, and the button that confirms it. */
const MOVES: Partial<Record<ApplicationStatus, { choice: string; question: string; confirm: string }>> = {
  submitted: { choice: 'Einreichen', question: 'Antrag als eingereicht erfassen?', confirm: 'Einreichen' },
  approved: {
    choice: 'Bewilligen (mit Zuwendungsbescheid)',
    question: 'Antrag bewilligen?',
    confirm: 'Bewilligen',
  },
  rejected: { choice: 'Ablehnen', question: 'Antrag als abgelehnt erfassen?', confirm: 'Ablehnen' },
  withdrawn: { choice: 'Zurückziehen', question: 'Antrag zurückziehen?', confirm: 'Zurückziehen' },
  closed: {
    choice: 'Abschließen (Verwendungsnachweis angenommen)',
    question: 'Förderung abschließen?',
    confirm: 'Abschließen',
  },
  revoked: {
    choice: 'Widerrufen (mit Rückforderung)',
    question: 'Bescheid als widerrufen erfassen?',
    confirm: 'Widerrufen',
  },
};

const FIELDS: FieldMap = {
  to: { id: 'status-neu', label: 'Neuer Status' },
  note: { id: 'status-notiz', label: 'Notiz' },
  notice: { id: 'status-neu', label: 'Zuwendungsbescheid' },
  repaymentClaimCents: { id: 'status-rueckforderung', label: 'Rückforderung (€)' },
  ...noticeFieldMap('notice.', 'bescheid'),
};

/**
 * Moves the application on: the move, a note and what it needs (the grant notice to approve, the
 * repayment claim to revoke). A dialog asks before anything is sent; the request names the
 * version read (If-Match), so a change made meanwhile by someone else is not overwritten.
 */
export function StatusChange({ application }: { application: Application }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const allowed = NEXT[application.status];
  const [initial] = useState(() => ({
    to: allowed[0] ?? '',
    note: '',
    repayment: '',
    ...noticeStart(application),
  }));
  const draft = useDraft(`status:${application.id}`, initial);
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const to = (
    allowed.includes(draft.values.to as ApplicationStatus) ? draft.values.to : allowed[0]
  ) as ApplicationStatus;

  const change = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/v1/applications/{id}/status', {
          params: { path: { id: application.id }, header: ifMatch(application.version) },
          body: {
            to,
            ...(draft.values.note.trim() ? { note: draft.values.note } : {}),
            ...(to === 'approved' ? { notice: noticeBody(draft.values) } : {}),
            ...(to === 'revoked'
              ? { repaymentClaimCents: asSubmitted<number>(germanMoneyToCents(draft.values.repayment)) }
              : {}),
          },
        }),
      ),
    onMutate: () => setDone(null),
    onSuccess: async (changed) => {
      draft.clear();
      setDone(`Der Antrag ist jetzt: ${APPLICATION_STATUS[changed.status]}.`);
      await refreshApplication(queryClient, application.id);
    },
  });

  if (allowed.length === 0) return <SuccessNotice>{done}</SuccessNotice>;
  const move = MOVES[to];
  const approved = germanMoneyToCents(draft.values.approved);
  return (
    <section aria-labelledby="status-titel" className="panel">
      <h2 className="kern-heading-medium" id="status-titel">
        Status ändern
      </h2>
      <ErrorSummary error={change.error} fields={FIELDS} title="Der Status wurde nicht geändert." />
      <SuccessNotice>{done}</SuccessNotice>
      <Form onSubmit={() => setAsking(true)} labelledBy="status-titel">
        <SelectField
          {...FIELDS.to!}
          value={to}
          options={allowed.map((status) => [status, MOVES[status]?.choice ?? status] as const)}
          onChange={(value) => draft.set('to', value)}
          errors={errorsFor(change.error, 'to')}
        />
        {to === 'approved' ? (
          <fieldset className="kern-fieldset">
            <legend className="kern-label">Zuwendungsbescheid</legend>
            <div className="kern-fieldset__body form-grid">
              <NoticeFields
                prefix="notice."
                fields={FIELDS}
                values={draft.values}
                set={(name: keyof NoticeValues, value) => draft.set(name, value)}
                error={change.error}
              />
            </div>
          </fieldset>
        ) : null}
        {to === 'revoked' ? (
          <TextField
            {...FIELDS.repaymentClaimCents!}
            hint="in Euro, was der Mittelgeber zurückfordert"
            inputMode="decimal"
            value={draft.values.repayment}
            onChange={(value) => draft.set('repayment', value)}
            errors={errorsFor(change.error, 'repaymentClaimCents')}
          />
        ) : null}
        <TextArea
          {...FIELDS.note!}
          rows={2}
          optional
          value={draft.values.note}
          onChange={(value) => draft.set('note', value)}
          errors={errorsFor(change.error, 'note')}
        />
        <div>
          <button className="kern-btn kern-btn--primary" type="submit" disabled={change.isPending}>
            <span className="kern-label">{`${move?.confirm ?? 'Status ändern'} …`}</span>
          </button>
        </div>
      </Form>
      <ConfirmDialog
        open={asking}
        title={move?.question ?? 'Status ändern?'}
        confirmLabel={move?.confirm ?? 'Ändern'}
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          change.mutate();
        }}
      >
        <p className="kern-body">
          {`„${application.title}“: ${APPLICATION_STATUS[application.status]} → ${APPLICATION_STATUS[to]}.`}
        </p>
        {to === 'approved' ? (
          <p className="kern-body">
            {`Bescheid ${draft.values.reference || '(ohne Aktenzeichen)'} vom ${draft.values.date || '–'}, bewilligt ${
              typeof approved === 'number' ? formatMoney(approved) : draft.values.approved
            }, ${draft.values.start} – ${draft.values.end}.`}
          </p>
        ) : null}
        <p className="kern-body">
          Ein Statuswechsel lässt sich nicht zurücknehmen; er steht danach im Verlauf.
        </p>
      </ConfirmDialog>
    </section>
  );
}
