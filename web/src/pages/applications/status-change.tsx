import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ifMatch, ok } from '../../api/client.ts';
import type { Application, ApplicationStatus } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { formatMoney, germanMoneyToCents } from '../../format/german.ts';
import { ConfirmDialog } from '../../forms/confirm-dialog.tsx';
import { useDraftForm } from '../../forms/draft-form.tsx';
import { SelectField, TextArea, TextField } from '../../forms/fields.tsx';
import { Form, SubmitButton } from '../../forms/form.tsx';
import { ErrorSummary, type FieldMap, SuccessNotice } from '../../forms/form-problem.tsx';
import { asSubmitted } from '../../forms/submitted.ts';
import { APPLICATION_STATUS } from '../../labels.ts';
import { Panel } from '../../layout/panel.tsx';
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
  const toOf = (values: { to: string }) =>
    (allowed.includes(values.to as ApplicationStatus) ? values.to : allowed[0]) as ApplicationStatus;
  const { draft, request, done, field } = useDraftForm({
    draftKey: `status:${application.id}`,
    initial: () => ({
      to: allowed[0] ?? '',
      note: '',
      repayment: '',
      ...noticeStart(application),
    }),
    fields: FIELDS,
    send: (values) => {
      const to = toOf(values);
      return ok(
        api.POST('/v1/applications/{id}/status', {
          params: { path: { id: application.id }, header: ifMatch(application.version) },
          body: {
            to,
            ...(values.note.trim() ? { note: values.note } : {}),
            ...(to === 'approved' ? { notice: noticeBody(values) } : {}),
            ...(to === 'revoked'
              ? { repaymentClaimCents: asSubmitted<number>(germanMoneyToCents(values.repayment)) }
              : {}),
          },
        }),
      );
    },
    done: (changed) => `Der Antrag ist jetzt: ${APPLICATION_STATUS[changed.status]}.`,
    refresh: () => refreshApplication(queryClient, application.id),
  });
  const [asking, setAsking] = useState(false);
  const to = toOf(draft.values);

  if (allowed.length === 0) return <SuccessNotice>{done}</SuccessNotice>;
  const move = MOVES[to];
  const approved = germanMoneyToCents(draft.values.approved);
  return (
    <Panel id="status" title="Status ändern">
      <ErrorSummary error={request.error} fields={FIELDS} title="Der Status wurde nicht geändert." />
      <SuccessNotice>{done}</SuccessNotice>
      <Form onSubmit={() => setAsking(true)} labelledBy="status-titel">
        <SelectField
          {...field('to')}
          value={to}
          options={allowed.map((status) => [status, MOVES[status]?.choice ?? status] as const)}
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
                error={request.error}
              />
            </div>
          </fieldset>
        ) : null}
        {to === 'revoked' ? (
          <TextField
            {...field('repayment', 'repaymentClaimCents')}
            hint="in Euro, was der Mittelgeber zurückfordert"
            inputMode="decimal"
          />
        ) : null}
        <TextArea {...field('note')} rows={2} optional />
        <SubmitButton pending={request.isPending}>{`${move?.confirm ?? 'Status ändern'} …`}</SubmitButton>
      </Form>
      <ConfirmDialog
        open={asking}
        title={move?.question ?? 'Status ändern?'}
        confirmLabel={move?.confirm ?? 'Ändern'}
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          request.mutate();
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
    </Panel>
  );
}
