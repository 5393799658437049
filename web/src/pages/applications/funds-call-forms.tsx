import { useQueryClient } from '@tanstack/react-query';
import { ifMatch, ok } from '../../api/client.ts';
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
import { DraftForm, useDraftForm } from '../../forms/draft-form.tsx';
import { SelectField, TextField } from '../../forms/fields.tsx';
import { type FieldMap, SuccessNotice } from '../../forms/form-problem.tsx';
import { asSubmitted, optional } from '../../forms/submitted.ts';
import { refreshApplication } from './application-queries.ts';

const CALL_FIELDS: FieldMap = {
  amountCents: { id: 'abruf-betrag', label: 'Betrag (€)' },
  calledOn: { id: 'abruf-datum', label: 'Abgerufen am' },
  receivedOn: { id: 'abruf-eingang', label: 'Eingegangen am' },
  spendBy: { id: 'abruf-verwenden-bis', label: 'Zu verwenden bis' },
  note: { id: 'abruf-notiz', label: 'Notiz' },
};

const cents = (text: string) => asSubmitted<number>(text.trim() === '' ? '' : germanMoneyToCents(text));

/** Calls approved money (Mittelabruf); the API refuses more than the approval or the year leaves. */
export function CallForm({ application }: { application: Application }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const form = useDraftForm({
    draftKey: `abruf:${application.id}`,
    initial: () => ({
      amount: '',
      calledOn: formatDate(todayInBerlin()),
      receivedOn: '',
      spendBy: '',
      note: '',
    }),
    fields: CALL_FIELDS,
    send: (values) =>
      ok(
        api.POST('/v1/applications/{id}/funds-calls', {
          params: { path: { id: application.id } },
          body: {
            amountCents: cents(values.amount),
            calledOn: asSubmitted<string>(germanDateToIso(values.calledOn)),
            receivedOn: optional<string>(values.receivedOn, germanDateToIso),
            spendBy: optional<string>(values.spendBy, germanDateToIso),
            note: values.note.trim() ? values.note : undefined,
          },
        }),
      ),
    done: (called) =>
      `${formatMoney(called.amountCents)} abgerufen; zu verwenden bis ${formatDate(called.spendBy)}.`,
    refresh: () => refreshApplication(queryClient, application.id),
  });
  const { field, request } = form;
  return (
    <DraftForm
      id="abruf-titel"
      level="h3"
      title="Mittel abrufen"
      form={form}
      refused="Die Mittel wurden nicht abgerufen."
      onSubmit={() => request.mutate()}
    >
      <TextField
        {...field('amount', 'amountCents')}
        hint={`in Euro; noch abrufbar: ${formatMoney(application.availableCents)}`}
        inputMode="decimal"
      />
      <TextField {...field('calledOn')} hint="TT.MM.JJJJ" inputMode="numeric" />
      <TextField
        {...field('receivedOn')}
        hint="TT.MM.JJJJ, wenn schon bekannt"
        inputMode="numeric"
        optional
      />
      <TextField
        {...field('spendBy')}
        hint="TT.MM.JJJJ; leer: so spät, wie der Bescheid erlaubt"
        inputMode="numeric"
        optional
      />
      <TextField {...field('note')} optional />
    </DraftForm>
  );
}

/** The fields of the spending form; the API names the part recorded by its place in the list. */
const spendingFields = (nextPart: number): FieldMap => ({
  callId: { id: 'verwendung-abruf', label: 'Mittelabruf' },
  receivedOn: { id: 'verwendung-eingang', label: 'Eingegangen am' },
  [`spent.${nextPart}.on`]: { id: 'verwendung-datum', label: 'Verwendet am' },
  [`spent.${nextPart}.amountCents`]: { id: 'verwendung-betrag', label: 'Verwendeter Betrag (€)' },
  spent: { id: 'verwendung-betrag', label: 'Verwendeter Betrag (€)' },
});

/**
 * Records that called money arrived and what of it was used on a day; used in parts, each part
 * adds to those recorded. If-Match names the call's version read.
 */
export function SpendingForm({ application, calls }: { application: Application; calls: FundsCall[] }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const open = calls.filter((call) => call.clock.unspentCents > 0 || !call.receivedOn);
  const chosenOf = (callId: string) => open.find((call) => call.id === callId) ?? open[0];
  const form = useDraftForm({
    draftKey: `verwendung:${application.id}`,
    initial: () => ({ callId: '', receivedOn: '', spentOn: '', amount: '' }),
    fields: (values) => spendingFields(chosenOf(values.callId)?.spent.length ?? 0),
    send: ({ receivedOn, spentOn, amount }, call: FundsCall) => {
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
    done: (call) =>
      call.clock.unspentCents === 0
        ? `Der Abruf vom ${formatDate(call.calledOn)} ist vollständig verwendet.`
        : `Erfasst; noch zu verwenden: ${formatMoney(call.clock.unspentCents)} bis ${formatDate(call.spendBy)}.`,
    refresh: () => refreshApplication(queryClient, application.id),
  });
  const { draft, field, request, done } = form;
  const chosen = chosenOf(draft.values.callId);
  if (!chosen) return <SuccessNotice>{done}</SuccessNotice>;
  const nextPart = chosen.spent.length;
  return (
    <DraftForm
      id="verwendung-titel"
      level="h3"
      title="Eingang und Verwendung erfassen"
      form={form}
      refused="Eingang und Verwendung wurden nicht erfasst."
      onSubmit={() => request.mutate(chosen)}
    >
      <SelectField
        {...field('callId')}
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
        {...field('receivedOn')}
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
    </DraftForm>
  );
}
