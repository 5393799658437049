import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ifMatch, ok } from '../../api/client.ts';
import type { CostYear, PositionView, StaffingState } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import {
  formatDate,
  formatMoney,
  germanDateToIso,
  germanMoneyToCents,
  germanNumber,
  todayInBerlin,
} from '../../format/german.ts';
import { SelectField, TextArea, TextField } from '../../forms/fields.tsx';
import { Form } from '../../forms/form.tsx';
import { ErrorSummary, errorsFor, type FieldMap, SuccessNotice } from '../../forms/form-problem.tsx';
import { asSubmitted } from '../../forms/submitted.ts';
import { useDraft } from '../../forms/use-draft.ts';
import { STAFFING } from '../../labels.ts';
import { refreshPosition } from './position-queries.ts';

/** The staffing steps the app offers from each state; the API decides. */
const NEXT: Record<StaffingState, ('advertised' | 'filled' | 'vacant')[]> = {
  planned: ['advertised'],
  advertised: ['filled'],
  filled: ['vacant'],
  vacant: ['advertised'],
};

const STAFFING_FIELDS: FieldMap = {
  to: { id: 'besetzung-neu', label: 'Neue Besetzung' },
  on: { id: 'besetzung-datum', label: 'Ab' },
  'holder.name': { id: 'besetzung-name', label: 'Name der Stelleninhaberin / des Stelleninhabers' },
  'holder.email': { id: 'besetzung-email', label: 'Dienstliche E-Mail' },
  holder: { id: 'besetzung-name', label: 'Stelleninhaber/in' },
  note: { id: 'besetzung-notiz', label: 'Notiz' },
};

/** Advertises, fills or vacates the position (If-Match with the version read). */
export function StaffingForm({ position }: { position: PositionView }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const allowed = NEXT[position.staffing];
  const [initial] = useState(() => ({
    to: '',
    on: formatDate(todayInBerlin()),
    name: '',
    email: '',
    note: '',
  }));
  const draft = useDraft(`besetzung:${position.id}`, initial);
  const [done, setDone] = useState<string | null>(null);
  const to = allowed.find((state) => state === draft.values.to) ?? allowed[0]!;
  const change = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/v1/positions/{id}/staffing', {
          params: { path: { id: position.id }, header: ifMatch(position.version) },
          body: {
            to,
            on: asSubmitted<string>(germanDateToIso(draft.values.on)),
            ...(to === 'filled' ? { holder: { name: draft.values.name, email: draft.values.email } } : {}),
            ...(draft.values.note.trim() ? { note: draft.values.note } : {}),
          },
        }),
      ),
    onMutate: () => setDone(null),
    onSuccess: async (changed) => {
      draft.clear();
      setDone(
        `Die Stelle ist jetzt: ${STAFFING[changed.staffing]} (seit ${formatDate(changed.staffingSince ?? '')}).`,
      );
      await refreshPosition(queryClient, position.id);
    },
  });
  const field = (name: keyof typeof initial, path: string) => ({
    ...STAFFING_FIELDS[path]!,
    value: draft.values[name],
    onChange: (value: string) => draft.set(name, value),
    errors: errorsFor(change.error, path),
  });
  return (
    <Form onSubmit={() => change.mutate()} labelledBy="besetzung-form-titel" className="panel">
      <h2 className="kern-heading-medium" id="besetzung-form-titel">
        Besetzung ändern
      </h2>
      <ErrorSummary
        error={change.error}
        fields={STAFFING_FIELDS}
        title="Die Besetzung wurde nicht geändert."
      />
      <SuccessNotice>{done}</SuccessNotice>
      <SelectField
        {...field('to', 'to')}
        value={to}
        options={allowed.map((state) => [state, STAFFING[state]] as const)}
      />
      <TextField {...field('on', 'on')} hint="TT.MM.JJJJ" inputMode="numeric" />
      {to === 'filled' ? (
        <>
          <TextField {...field('name', 'holder.name')} autoComplete="name" />
          <TextField {...field('email', 'holder.email')} type="email" autoComplete="email" />
        </>
      ) : null}
      <TextArea {...field('note', 'note')} rows={2} optional />
      <div>
        <button className="kern-btn kern-btn--primary" type="submit" disabled={change.isPending}>
          <span className="kern-label">Besetzung ändern</span>
        </button>
      </div>
    </Form>
  );
}

const PLAN_FIELDS: FieldMap = {
  year: { id: 'kostenplan-jahr', label: 'Haushaltsjahr' },
  plannedGrossSalaryCents: { id: 'kostenplan-brutto', label: 'Geplantes Bruttogehalt im Jahr (€)' },
};

/**
 * Sets the planned gross salary of a budget year; the programme's flat rate for the employer's
 * share is added by the API. Replacing a year's plan names its version (If-Match).
 */
export function CostPlanForm({ position, years }: { position: PositionView; years: CostYear[] }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const [initial] = useState(() => ({ year: todayInBerlin().slice(0, 4), gross: '' }));
  const draft = useDraft(`kostenplan:${position.id}`, initial);
  const [done, setDone] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => {
      const year = asSubmitted<number>(germanNumber(draft.values.year));
      const version = years.find((entry) => entry.year === year)?.planVersion;
      return ok(
        api.PUT('/v1/positions/{id}/cost-plan/{year}', {
          params: { path: { id: position.id, year }, header: version ? ifMatch(version) : {} },
          body: {
            plannedGrossSalaryCents: asSubmitted<number>(
              draft.values.gross.trim() === '' ? '' : germanMoneyToCents(draft.values.gross),
            ),
          },
        }),
      );
    },
    onMutate: () => setDone(null),
    onSuccess: async (plan) => {
      draft.clear();
      setDone(`Kostenplan ${plan.year}: ${formatMoney(plan.plannedGrossSalaryCents)} brutto.`);
      await refreshPosition(queryClient, position.id);
    },
  });
  const field = (name: keyof typeof initial, path: string) => ({
    ...PLAN_FIELDS[path]!,
    value: draft.values[name],
    onChange: (value: string) => draft.set(name, value),
    errors: errorsFor(save.error, path),
  });
  return (
    <Form onSubmit={() => save.mutate()} labelledBy="kostenplan-form-titel" className="panel">
      <h3 className="kern-heading-small" id="kostenplan-form-titel">
        Kostenplan setzen
      </h3>
      <ErrorSummary error={save.error} fields={PLAN_FIELDS} title="Der Kostenplan wurde nicht gesetzt." />
      <SuccessNotice>{done}</SuccessNotice>
      <TextField {...field('year', 'year')} hint="z. B. 2024" inputMode="numeric" />
      <TextField
        {...field('gross', 'plannedGrossSalaryCents')}
        hint="in Euro, z. B. 56.000,00; der Arbeitgeberanteil kommt als Pauschale hinzu"
        inputMode="decimal"
      />
      <div>
        <button className="kern-btn kern-btn--primary" type="submit" disabled={save.isPending}>
          <span className="kern-label">Kostenplan setzen</span>
        </button>
      </div>
    </Form>
  );
}
