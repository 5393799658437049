import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ifMatch, ok } from '../../api/client.ts';
import { reasonOf } from '../../api/problem.ts';
import type { Application, FundsCall } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import {
  formatDate,
  formatMoney,
  formatMoneyInput,
  germanDateToIso,
  germanMoneyToCents,
  todayInBerlin,
} from '../../format/german.ts';
import { SelectField, TextField } from '../../forms/fields.tsx';
import { Form } from '../../forms/form.tsx';
import { ErrorSummary, errorsFor, type FieldMap, SuccessNotice } from '../../forms/form-problem.tsx';
import { asSubmitted, optional } from '../../forms/submitted.ts';
import { useDraft } from '../../forms/use-draft.ts';
import { FUNDING_SOURCE } from '../../labels.ts';
import { LoadFailed, Loading } from '../../layout/page.tsx';
import { TableHead } from '../../layout/table-head.tsx';
import { type ApplicationParts, refreshApplication } from './application-queries.ts';

const CALL_FIELDS: FieldMap = {
  amountCents: { id: 'abruf-betrag', label: 'Betrag (€)' },
  calledOn: { id: 'abruf-datum', label: 'Abgerufen am' },
  receivedOn: { id: 'abruf-eingang', label: 'Eingegangen am' },
  spendBy: { id: 'abruf-verwenden-bis', label: 'Zu verwenden bis' },
  note: { id: 'abruf-notiz', label: 'Notiz' },
};

const cents = (text: string) => asSubmitted<number>(text.trim() === '' ? '' : germanMoneyToCents(text));

/** Calls approved money (Mittelabruf); the API refuses more than the approval or the year leaves. */
function CallForm({ application }: { application: Application }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const [initial] = useState(() => ({
    amount: '',
    calledOn: formatDate(todayInBerlin()),
    receivedOn: '',
    spendBy: '',
    note: '',
  }));
  const draft = useDraft(`abruf:${application.id}`, initial);
  const [done, setDone] = useState<string | null>(null);
  const call = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/v1/applications/{id}/funds-calls', {
          params: { path: { id: application.id } },
          body: {
            amountCents: cents(draft.values.amount),
            calledOn: asSubmitted<string>(germanDateToIso(draft.values.calledOn)),
            receivedOn: optional<string>(draft.values.receivedOn, germanDateToIso),
            spendBy: optional<string>(draft.values.spendBy, germanDateToIso),
            note: draft.values.note.trim() ? draft.values.note : undefined,
          },
        }),
      ),
    onMutate: () => setDone(null),
    onSuccess: async (called) => {
      draft.clear();
      setDone(
        `${formatMoney(called.amountCents)} abgerufen; zu verwenden bis ${formatDate(called.spendBy)}.`,
      );
      await refreshApplication(queryClient, application.id);
    },
  });
  const field = (name: keyof typeof initial, path: string) => ({
    ...CALL_FIELDS[path]!,
    value: draft.values[name],
    onChange: (value: string) => draft.set(name, value),
    errors: errorsFor(call.error, path),
  });
  return (
    <Form onSubmit={() => call.mutate()} labelledBy="abruf-titel" className="panel">
      <h3 className="kern-heading-small" id="abruf-titel">
        Mittel abrufen
      </h3>
      <ErrorSummary error={call.error} fields={CALL_FIELDS} title="Die Mittel wurden nicht abgerufen." />
      <SuccessNotice>{done}</SuccessNotice>
      <TextField
        {...field('amount', 'amountCents')}
        hint={`in Euro; noch abrufbar: ${formatMoney(application.availableCents)}`}
        inputMode="decimal"
      />
      <TextField {...field('calledOn', 'calledOn')} hint="TT.MM.JJJJ" inputMode="numeric" />
      <TextField
        {...field('receivedOn', 'receivedOn')}
        hint="TT.MM.JJJJ, wenn schon bekannt"
        inputMode="numeric"
        optional
      />
      <TextField
        {...field('spendBy', 'spendBy')}
        hint="TT.MM.JJJJ; leer: so spät, wie der Bescheid erlaubt"
        inputMode="numeric"
        optional
      />
      <TextField {...field('note', 'note')} optional />
      <div>
        <button className="kern-btn kern-btn--primary" type="submit" disabled={call.isPending}>
          <span className="kern-label">Mittel abrufen</span>
        </button>
      </div>
    </Form>
  );
}

/**
 * Records that called money arrived and what of it was used on a day; used in parts, each part
 * adds to those recorded. If-Match names the call's version read.
 */
function SpendingForm({ application, calls }: { application: Application; calls: FundsCall[] }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const open = calls.filter((call) => call.clock.unspentCents > 0 || !call.receivedOn);
  const [initial] = useState(() => ({ callId: '', receivedOn: '', spentOn: '', amount: '' }));
  const draft = useDraft(`verwendung:${application.id}`, initial);
  const [done, setDone] = useState<string | null>(null);
  const chosen = open.find((call) => call.id === draft.values.callId) ?? open[0];
  const nextPart = chosen?.spent.length ?? 0;
  const fields: FieldMap = {
    callId: { id: 'verwendung-abruf', label: 'Mittelabruf' },
    receivedOn: { id: 'verwendung-eingang', label: 'Eingegangen am' },
    [`spent.${nextPart}.on`]: { id: 'verwendung-datum', label: 'Verwendet am' },
    [`spent.${nextPart}.amountCents`]: { id: 'verwendung-betrag', label: 'Verwendeter Betrag (€)' },
    spent: { id: 'verwendung-betrag', label: 'Verwendeter Betrag (€)' },
  };
  const record = useMutation({
    mutationFn: (call: FundsCall) => {
      const { receivedOn, spentOn, amount } = draft.values;
      const part =
        spentOn.trim() || amount.trim()
          ? {
              on: asSubmitted<string>(germanDateToIso(spentOn)),
              amountCents: amount.trim() ? cents(amount) : call.clock.unspentCents,
            }
          : undefined;
      return ok(
        api.PATCH('/v1/applications/{id}/funds-calls/{callId}', {
          params: { path: { id: application.id, callId: call.id }, header: ifMatch(call.version) },
          body: {
            ...(receivedOn.trim() ? { receivedOn: asSubmitted<string>(germanDateToIso(receivedOn)) } : {}),
            ...(part ? { spent: [...call.spent, part] } : {}),
          },
        }),
      );
    },
    onMutate: () => setDone(null),
    onSuccess: async (call) => {
      draft.clear();
      setDone(
        call.clock.unspentCents === 0
          ? `Der Abruf vom ${formatDate(call.calledOn)} ist vollständig verwendet.`
          : `Erfasst; noch zu verwenden: ${formatMoney(call.clock.unspentCents)} bis ${formatDate(call.spendBy)}.`,
      );
      await refreshApplication(queryClient, application.id);
    },
  });
  if (!chosen) return <SuccessNotice>{done}</SuccessNotice>;
  const field = (name: keyof typeof initial, path: string) => ({
    ...fields[path]!,
    value: draft.values[name],
    onChange: (value: string) => draft.set(name, value),
    errors: errorsFor(record.error, path),
  });
  return (
    <Form onSubmit={() => record.mutate(chosen)} labelledBy="verwendung-titel" className="panel">
      <h3 className="kern-heading-small" id="verwendung-titel">
        Eingang und Verwendung erfassen
      </h3>
      <ErrorSummary
        error={record.error}
        fields={fields}
        title="Eingang und Verwendung wurden nicht erfasst."
      />
      <SuccessNotice>{done}</SuccessNotice>
      <SelectField
        {...field('callId', 'callId')}
        value={chosen.id}
        options={open.map(
          (call) =>
            [
              call.id,
              `${formatMoney(call.amountCents)} vom ${formatDate(call.calledOn)}, offen ${formatMoney(call.clock.unspentCents)}`,
            ] as const,
        )}
      />
      <TextField
        {...field('receivedOn', 'receivedOn')}
        hint={chosen.receivedOn ? `bisher: ${formatDate(chosen.receivedOn)}` : 'TT.MM.JJJJ'}
        inputMode="numeric"
        optional
      />
      <TextField
        {...field('spentOn', `spent.${nextPart}.on`)}
        hint="TT.MM.JJJJ"
        inputMode="numeric"
        optional
      />
      <TextField
        {...field('amount', `spent.${nextPart}.amountCents`)}
        hint={`in Euro; leer: der ganze offene Betrag (${formatMoneyInput(chosen.clock.unspentCents)})`}
        inputMode="decimal"
        optional
      />
      <div>
        <button className="kern-btn kern-btn--primary" type="submit" disabled={record.isPending}>
          <span className="kern-label">Eingang und Verwendung erfassen</span>
        </button>
      </div>
    </Form>
  );
}

function clockText(call: FundsCall): string {
  if (call.clock.unspentCents === 0)
    return call.spentOn ? `verwendet am ${formatDate(call.spentOn)}` : 'verwendet';
  if (call.clock.overdue) return `überfällig seit ${-call.clock.daysLeft} Tagen`;
  return call.clock.daysLeft === 1 ? 'noch 1 Tag' : `noch ${call.clock.daysLeft} Tage`;
}

/** The funds calls with their spend-by date, spending clock, interest at risk and co-financing split. */
export function FundsCallsSection({
  application,
  calls,
  canWrite,
}: {
  application: Application;
  calls: ApplicationParts['calls'];
  canWrite: boolean;
}) {
  if (!application.notice) return null;
  return (
    <section aria-labelledby="abrufe-titel" className="panel" id="mittelabrufe">
      <h2 className="kern-heading-medium" id="abrufe-titel">
        Mittelabrufe
      </h2>
      {calls.isPending ? <Loading what="Die Mittelabrufe" /> : null}
      {calls.isError ? <LoadFailed reason={reasonOf(calls.error)} /> : null}
      {calls.data?.length === 0 ? <p className="kern-body">Noch keine Mittel abgerufen.</p> : null}
      {calls.data?.length ? (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--small funds-call-table">
            <caption className="kern-sr-only">
              Mittelabrufe mit Verwendungsfrist, Stand und Zinsrisiko
            </caption>
            <TableHead
              columns={[
                'Abgerufen am',
                { label: 'Betrag', numeric: true },
                'Eingegangen am',
                'Zu verwenden bis',
                { label: 'Verwendet', numeric: true },
                { label: 'Offen', numeric: true },
                'Stand',
                { label: 'Zinsrisiko', numeric: true },
                'Aufteilung',
              ]}
            />
            <tbody className="kern-table__body">
              {calls.data.map((call) => (
                <tr key={call.id} className="kern-table__row">
                  <td className="kern-table__cell">{`${formatDate(call.calledOn)} (${call.budgetYear})`}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    {formatMoney(call.amountCents)}
                  </td>
                  <td className="kern-table__cell">{call.receivedOn ? formatDate(call.receivedOn) : '–'}</td>
                  <td className="kern-table__cell">{formatDate(call.spendBy)}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    {formatMoney(call.amountCents - call.clock.unspentCents)}
                  </td>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    {formatMoney(call.clock.unspentCents)}
                  </td>
                  <td className="kern-table__cell">
                    {clockText(call)}
                    {call.clock.overdue ? (
                      <span className="kern-badge kern-badge--danger overdue-badge">überfällig</span>
                    ) : null}
                  </td>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    {formatMoney(call.clock.interestAtRiskCents)}
                  </td>
                  <td className="kern-table__cell">
                    {[
                      ...call.split.sources.map(
                        (part) =>
                          `${FUNDING_SOURCE[part.source as keyof typeof FUNDING_SOURCE] ?? part.source} ${formatMoney(part.cents)}`,
                      ),
                      `Eigenanteil ${formatMoney(call.split.ownShareCents)}`,
                    ].join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {canWrite && application.status === 'approved' ? (
        <div className="two-columns">
          <CallForm application={application} />
          {calls.data ? <SpendingForm application={application} calls={calls.data} /> : null}
        </div>
      ) : null}
    </section>
  );
}
