import { useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { ifMatch, ok } from '../../api/client.ts';
import { reasonOf } from '../../api/problem.ts';
import type { Application } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { formatDate, formatMoneyInput, germanDateToIso, germanMoneyToCents } from '../../format/german.ts';
import { DraftForm, useDraftForm } from '../../forms/draft-form.tsx';
import { SelectField, TextArea, TextField } from '../../forms/fields.tsx';
import type { FieldMap } from '../../forms/form-problem.tsx';
import { asSubmitted, optional } from '../../forms/submitted.ts';
import { LoadFailed } from '../../layout/page.tsx';
import { usePrograms } from '../programs/program-queries.ts';
import { applicationKeys } from './application-queries.ts';

const FIELDS: FieldMap = {
  programId: { id: 'antrag-programm', label: 'Förderprogramm' },
  title: { id: 'antrag-titel', label: 'Titel' },
  purpose: { id: 'antrag-zweck', label: 'Zweck' },
  orgUnit: { id: 'antrag-organisationseinheit', label: 'Organisationseinheit' },
  'fundingPeriod.start': { id: 'antrag-beginn', label: 'Beginn des Bewilligungszeitraums' },
  'fundingPeriod.end': { id: 'antrag-ende', label: 'Ende des Bewilligungszeitraums' },
  eligibleCostsCents: { id: 'antrag-ausgaben', label: 'Zuwendungsfähige Ausgaben (€)' },
  requestedCents: { id: 'antrag-beantragt', label: 'Beantragter Betrag (€)' },
  ownContributionCents: { id: 'antrag-eigenanteil', label: 'Eigenanteil der Stadt (€)' },
  submissionDeadline: { id: 'antrag-einreichungsfrist', label: 'Einreichungsfrist' },
};

const money = (cents: number) => formatMoneyInput(cents);
const MONEY_HINT = 'in Euro, z. B. 250.000,00';
const DATE_HINT = 'TT.MM.JJJJ';

/** What the form holds, as typed. */
function initialOf(application: Application | undefined) {
  return {
    programId: application?.programId ?? '',
    title: application?.title ?? '',
    purpose: application?.purpose ?? '',
    orgUnit: application?.orgUnit ?? '',
    start: application ? formatDate(application.fundingPeriod.start) : '',
    end: application ? formatDate(application.fundingPeriod.end) : '',
    eligibleCosts: application ? money(application.eligibleCostsCents) : '',
    requested: application ? money(application.requestedCents) : '',
    ownContribution: application ? money(application.ownContributionCents) : '',
    submissionDeadline: application?.submissionDeadline ? formatDate(application.submissionDeadline) : '',
  };
}
type Values = ReturnType<typeof initialOf>;

/** The body the API gets: what parses as German money and dates is converted, the rest goes as typed. */
function bodyOf(values: Values) {
  const cents = (text: string) => asSubmitted<number>(text.trim() === '' ? '' : germanMoneyToCents(text));
  return {
    title: values.title,
    purpose: values.purpose,
    orgUnit: values.orgUnit,
    fundingPeriod: {
      start: asSubmitted<string>(germanDateToIso(values.start)),
      end: asSubmitted<string>(germanDateToIso(values.end)),
    },
    eligibleCostsCents: cents(values.eligibleCosts),
    requestedCents: cents(values.requested),
    ownContributionCents: cents(values.ownContribution),
    submissionDeadline: optional<string>(values.submissionDeadline, germanDateToIso) ?? null,
  };
}

/**
 * Records a new application as a draft, or edits a draft (If-Match with the version read). What
 * is typed stays in the tab's draft until the API accepts it; its refusals show next to the fields.
 */
export function ApplicationForm({ application }: { application?: Application }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const programs = usePrograms();
  const programOf = (values: Values) => values.programId || programs.data?.[0]?.id || '';
  const form = useDraftForm({
    draftKey: application ? `antrag:${application.id}` : 'antrag:neu',
    initial: () => initialOf(application),
    fields: FIELDS,
    send: (values) =>
      application
        ? ok(
            api.PATCH('/v1/applications/{id}', {
              params: { path: { id: application.id }, header: ifMatch(application.version) },
              body: bodyOf(values),
            }),
          )
        : ok(api.POST('/v1/applications', { body: { ...bodyOf(values), programId: programOf(values) } })),
    refresh: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: applicationKeys.all });
      if (!application) navigate(`/antraege/${saved.id}`);
    },
  });
  const { draft, field, request } = form;
  const programId = programOf(draft.values);

  return (
    <DraftForm
      id="antrag-formular-titel"
      title={application ? 'Entwurf bearbeiten' : 'Angaben zum Antrag'}
      form={form}
      refused={application ? 'Der Entwurf wurde nicht gespeichert.' : 'Der Antrag wurde nicht angelegt.'}
      onSubmit={() => request.mutate()}
      submit={application ? 'Entwurf speichern' : 'Antrag anlegen'}
      silent
      panel={false}
    >
      {programs.isError ? <LoadFailed reason={reasonOf(programs.error)} /> : null}
      {application ? null : (
        <SelectField
          {...field('programId')}
          value={programId}
          options={(programs.data ?? []).map((program) => [program.id, program.name] as const)}
        />
      )}
      <TextField {...field('title')} />
      <TextArea {...field('purpose')} rows={3} />
      <TextField {...field('orgUnit')} autoComplete="organization" />
      <TextField {...field('start', 'fundingPeriod.start')} hint={DATE_HINT} inputMode="numeric" />
      <TextField {...field('end', 'fundingPeriod.end')} hint={DATE_HINT} inputMode="numeric" />
      <TextField {...field('eligibleCosts', 'eligibleCostsCents')} hint={MONEY_HINT} inputMode="decimal" />
      <TextField {...field('requested', 'requestedCents')} hint={MONEY_HINT} inputMode="decimal" />
      <TextField
        {...field('ownContribution', 'ownContributionCents')}
        hint={MONEY_HINT}
        inputMode="decimal"
      />
      <TextField
        {...field('submissionDeadline')}
        hint={`${DATE_HINT}; bis dahin erinnert der Fördertracker an die Einreichung`}
        inputMode="numeric"
        optional
      />
    </DraftForm>
  );
}
