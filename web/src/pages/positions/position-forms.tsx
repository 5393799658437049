import { useQueryClient } from '@tanstack/react-query';
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
import { DraftForm, useDraftForm } from '../../forms/draft-form.tsx';
import { SelectField, TextArea, TextField } from '../../forms/fields.tsx';
import type { FieldMap } from '../../forms/form-problem.tsx';
import { asSubmitted } from '../../forms/submitted.ts';
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
  const toOf = (values: { to: string }) => allowed.find((state) => state === values.to) ?? allowed[0]!;
  const form = useDraftForm({
    draftKey: `besetzung:${position.id}`,
    initial: () => ({
      to: '',
      on: formatDate(todayInBerlin()),
      name: '',
      email: '',
      note: '',
    }),
    fields: STAFFING_FIELDS,
    send: (values) => {
      const to = toOf(values);
      return ok(
        api.POST('/v1/positions/{id}/staffing', {
          params: { path: { id: position.id }, header: ifMatch(position.version) },
          body: {
            to,
            on: asSubmitted<string>(germanDateToIso(values.on)),
            ...(to === 'filled' ? { holder: { name: values.name, email: values.email } } : {}),
            ...(values.note.trim() ? { note: values.note } : {}),
          },
        }),
      );
    },
    done: (changed) =>
      `Die Stelle ist jetzt: ${STAFFING[changed.staffing]} (seit ${formatDate(changed.staffingSince ?? '')}).`,
    refresh: () => refreshPosition(queryClient, position.id),
  });
  const { draft, field, request } = form;
  const to = toOf(draft.values);
  return (
    <DraftForm
      id="besetzung-form-titel"
      title="Besetzung ändern"
      form={form}
      refused="Die Besetzung wurde nicht geändert."
      onSubmit={() => request.mutate()}
    >
      <SelectField
        {...field('to')}
        value={to}
        options={allowed.map((state) => [state, STAFFING[state]] as const)}
      />
      <TextField {...field('on')} hint="TT.MM.JJJJ" inputMode="numeric" />
      {to === 'filled' ? (
        <>
          <TextField {...field('name', 'holder.name')} autoComplete="name" />
          <TextField {...field('email', 'holder.email')} type="email" autoComplete="email" />
        </>
      ) : null}
      <TextArea {...field('note')} rows={2} optional />
    </DraftForm>
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
  const form = useDraftForm({
    draftKey: `kostenplan:${position.id}`,
    initial: () => ({ year: todayInBerlin().slice(0, 4), gross: '' }),
    fields: PLAN_FIELDS,
    send: (values) => {
      const year = asSubmitted<number>(germanNumber(values.year));
      const version = years.find((entry) => entry.year === year)?.planVersion;
      return ok(
        api.PUT('/v1/positions/{id}/cost-plan/{year}', {
          params: { path: { id: position.id, year }, header: version ? ifMatch(version) : {} },
          body: {
            plannedGrossSalaryCents: asSubmitted<number>(
              values.gross.trim() === '' ? '' : germanMoneyToCents(values.gross),
            ),
          },
        }),
      );
    },
    done: (plan) => `Kostenplan ${plan.year}: ${formatMoney(plan.plannedGrossSalaryCents)} brutto.`,
    refresh: () => refreshPosition(queryClient, position.id),
  });
  const { field, request } = form;
  return (
    <DraftForm
      id="kostenplan-form-titel"
      level="h3"
      title="Kostenplan setzen"
      form={form}
      refused="Der Kostenplan wurde nicht gesetzt."
      onSubmit={() => request.mutate()}
    >
      <TextField {...field('year')} hint="z. B. 2024" inputMode="numeric" />
      <TextField
        {...field('gross', 'plannedGrossSalaryCents')}
        hint="in Euro, z. B. 56.000,00; der Arbeitgeberanteil kommt als Pauschale hinzu"
        inputMode="decimal"
      />
    </DraftForm>
  );
}
