import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { ifMatch, itemsOf, ok } from '../../api/client.ts';
import type { Program } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { formatBasisPoints } from '../../format/german.ts';
import { DraftForm, useDraftForm } from '../../forms/draft-form.tsx';
import { SelectField, TextField } from '../../forms/fields.tsx';
import { errorsFor, type FieldMap } from '../../forms/form-problem.tsx';
import { describeValue } from '../../history/describe-change.ts';
import { HistoryList } from '../../history/history-list.tsx';
import { FUNDING_SOURCE } from '../../labels.ts';
import { Page, QueryList } from '../../layout/page.tsx';
import { RecordPage } from '../../layout/record-page.tsx';
import { LinkCell, Table } from '../../layout/table.tsx';
import { hasRole } from '../../roles.ts';
import { programKeys, usePrograms } from './program-queries.ts';
import { type ProgramValues, programPatch, programValues, SOURCES } from './program-values.ts';

const shares = (program: Program) =>
  [
    ...program.sources.map(
      (part) => `${FUNDING_SOURCE[part.source]} ${formatBasisPoints(part.shareBasisPoints)}`,
    ),
    `Eigenanteil ${formatBasisPoints(program.ownShareBasisPoints)}`,
  ].join(', ');

/** The funding programmes with their shares; admins change their settings on each programme's page. */
export function ProgramsPage() {
  const programs = usePrograms();
  return (
    <Page title="Programme">
      <QueryList query={programs} what="Die Programme">
        {(items) => (
          <Table
            caption="Förderprogramme mit Mittelgeber und Finanzierungsanteilen"
            columns={['Programm', 'Mittelgeber', 'Finanzierung']}
          >
            {items.map((program) => (
              <tr key={program.id} className="kern-table__row">
                <LinkCell href={`/programme/${program.id}`}>{program.name}</LinkCell>
                <td className="kern-table__cell">{program.funder}</td>
                <td className="kern-table__cell">{shares(program)}</td>
              </tr>
            ))}
          </Table>
        )}
      </QueryList>
    </Page>
  );
}

const UNIT_OPTIONS = [
  ['days', 'Tage'],
  ['weeks', 'Wochen'],
  ['months', 'Monate'],
] as const;

const FIELDS: FieldMap = {
  name: { id: 'programm-name', label: 'Name' },
  funder: { id: 'programm-mittelgeber', label: 'Mittelgeber' },
  ...Object.fromEntries(
    SOURCES.map((source) => [
      `share-${source}`,
      { id: `programm-anteil-${source}`, label: `Anteil ${FUNDING_SOURCE[source]} (%)` },
    ]),
  ),
  sources: { id: 'programm-anteil-esf_plus', label: 'Finanzierungsanteile' },
  ownShareBasisPoints: { id: 'programm-eigenanteil', label: 'Eigenanteil der Stadt (%)' },
  'fundsUseWithin.amount': { id: 'programm-verwendung', label: 'Abgerufene Mittel verwenden binnen' },
  'fundsUseWithin.unit': { id: 'programm-verwendung-einheit', label: 'Einheit' },
  interimReportDue: { id: 'programm-zwischennachweis', label: 'Zwischennachweis fällig am (TT.MM.)' },
  'interimReportDue.day': { id: 'programm-zwischennachweis', label: 'Zwischennachweis fällig am (TT.MM.)' },
  'interimReportDue.month': { id: 'programm-zwischennachweis', label: 'Zwischennachweis fällig am (TT.MM.)' },
  'finalReportWithin.amount': { id: 'programm-verwendungsnachweis', label: 'Verwendungsnachweis binnen' },
  'finalReportWithin.unit': { id: 'programm-verwendungsnachweis-einheit', label: 'Einheit' },
  'finalReportWithin.counting': { id: 'programm-verwendungsnachweis-zaehlung', label: 'Gezählt' },
  personnelFteCap: { id: 'programm-vbe', label: 'Höchstens geförderte VbE' },
  socialContributionFlatRate: { id: 'programm-pauschale', label: 'Pauschale Arbeitgeberanteil (%)' },
  minEligibleCostsCents: {
    id: 'programm-bagatellgrenze',
    label: 'Bagatellgrenze: zuwendungsfähige Ausgaben mindestens (€)',
  },
  maxFundingPeriodMonths: { id: 'programm-laufzeit', label: 'Längste Laufzeit (Monate)' },
  requireBalancedCosts: { id: 'programm-ausgeglichen', label: 'Ausgaben = Beantragt + Eigenanteil' },
};

/** The paths of a field's messages: its own and, for the shares, those of the list they form. */
const PATHS: Record<keyof ProgramValues, string[]> = {
  name: ['name'],
  funder: ['funder'],
  esf_plus: ['sources', 'sources.0.shareBasisPoints'],
  land: ['sources.1.shareBasisPoints'],
  federal: ['sources.2.shareBasisPoints'],
  other: ['sources.3.shareBasisPoints'],
  ownShare: ['ownShareBasisPoints'],
  useAmount: ['fundsUseWithin.amount', 'fundsUseWithin'],
  useUnit: ['fundsUseWithin.unit'],
  interimDue: ['interimReportDue', 'interimReportDue.day', 'interimReportDue.month'],
  finalAmount: ['finalReportWithin.amount', 'finalReportWithin'],
  finalUnit: ['finalReportWithin.unit'],
  finalCounting: ['finalReportWithin.counting'],
  fteCap: ['personnelFteCap'],
  flatRate: ['socialContributionFlatRate'],
  minEligible: ['minEligibleCostsCents'],
  maxMonths: ['maxFundingPeriodMonths'],
  balanced: ['requireBalancedCosts'],
};

const FIELD_OF: Record<keyof ProgramValues, string> = {
  name: 'name',
  funder: 'funder',
  esf_plus: 'share-esf_plus',
  land: 'share-land',
  federal: 'share-federal',
  other: 'share-other',
  ownShare: 'ownShareBasisPoints',
  useAmount: 'fundsUseWithin.amount',
  useUnit: 'fundsUseWithin.unit',
  interimDue: 'interimReportDue',
  finalAmount: 'finalReportWithin.amount',
  finalUnit: 'finalReportWithin.unit',
  finalCounting: 'finalReportWithin.counting',
  fteCap: 'personnelFteCap',
  flatRate: 'socialContributionFlatRate',
  minEligible: 'minEligibleCostsCents',
  maxMonths: 'maxFundingPeriodMonths',
  balanced: 'requireBalancedCosts',
};

/**
 * The settings of a programme: shares, deadline rules and limits (admin; If-Match). New grant
 * notices take the rules as they are then; grants already approved keep theirs.
 */
function ProgramForm({ program }: { program: Program }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const form = useDraftForm({
    draftKey: `programm:${program.id}`,
    initial: () => programValues(program),
    fields: FIELDS,
    send: (values) =>
      ok(
        api.PATCH('/v1/programs/{id}', {
          params: { path: { id: program.id }, header: ifMatch(program.version) },
          body: programPatch(values),
        }),
      ),
    clearTo: programValues,
    done: () => 'Die Einstellungen sind gespeichert. Sie gelten für Bescheide, die ab jetzt erfasst werden.',
    refresh: () => queryClient.invalidateQueries({ queryKey: programKeys.all }),
  });
  const { draft, request } = form;
  const field = (name: keyof ProgramValues) => {
    const errors = PATHS[name].flatMap((path) => errorsFor(request.error, path) ?? []);
    return {
      ...FIELDS[FIELD_OF[name]]!,
      value: draft.values[name],
      onChange: (value: string) => draft.set(name, value),
      errors: errors.length ? errors : undefined,
    };
  };
  return (
    <DraftForm
      id="programm-form-titel"
      title="Einstellungen"
      form={form}
      refused="Die Einstellungen wurden nicht gespeichert."
      onSubmit={() => request.mutate()}
      submit="Einstellungen speichern"
    >
      <TextField {...field('name')} />
      <TextField {...field('funder')} />
      <fieldset className="kern-fieldset">
        <legend className="kern-label">Finanzierungsanteile (zusammen 100 %)</legend>
        <div className="kern-fieldset__body form-grid">
          {SOURCES.map((source) => (
            <TextField key={source} {...field(source)} inputMode="decimal" optional={source !== 'esf_plus'} />
          ))}
          <TextField {...field('ownShare')} inputMode="decimal" />
        </div>
      </fieldset>
      <fieldset className="kern-fieldset">
        <legend className="kern-label">Fristen</legend>
        <div className="kern-fieldset__body form-grid">
          <TextField
            {...field('useAmount')}
            inputMode="numeric"
            hint="nach Eingang des Geldes (ANBest-P 1.4)"
          />
          <SelectField {...field('useUnit')} options={UNIT_OPTIONS} />
          <TextField {...field('interimDue')} hint="z. B. 30.04.; leer: kein Zwischennachweis" optional />
          <TextField
            {...field('finalAmount')}
            inputMode="numeric"
            hint="nach Ende des Bewilligungszeitraums"
          />
          <SelectField {...field('finalUnit')} options={UNIT_OPTIONS} />
          <SelectField
            {...field('finalCounting')}
            options={[
              ['end_of_month', 'bis zum Ende des Monats (ANBest-P 6.1)'],
              ['same_day', 'bis zum selben Tag'],
            ]}
          />
        </div>
      </fieldset>
      <fieldset className="kern-fieldset">
        <legend className="kern-label">Grenzen</legend>
        <div className="kern-fieldset__body form-grid">
          <TextField {...field('fteCap')} inputMode="decimal" optional />
          <TextField {...field('flatRate')} inputMode="decimal" hint="z. B. 19,975" optional />
          <TextField {...field('minEligible')} inputMode="decimal" hint="in Euro, z. B. 7.500,00" optional />
          <TextField {...field('maxMonths')} inputMode="numeric" optional />
          <SelectField
            {...field('balanced')}
            options={[
              ['ja', 'ja'],
              ['nein', 'nein'],
            ]}
          />
        </div>
      </fieldset>
    </DraftForm>
  );
}

export function ProgramPage({ id }: { id: string }) {
  const { api } = useApp();
  const program = useQuery({
    queryKey: programKeys.one(id),
    queryFn: () => ok(api.GET('/v1/programs/{id}', { params: { path: { id } } })),
  });
  return (
    <RecordPage query={program} title="Programm" what="Das Programm">
      {(data) => <ProgramView program={data} />}
    </RecordPage>
  );
}

function ProgramView({ program }: { program: Program }) {
  const { api, person } = useApp();
  const history = useQuery({
    queryKey: programKeys.history(program.id),
    queryFn: () => itemsOf(api.GET('/v1/programs/{id}/history', { params: { path: { id: program.id } } })),
  });
  return (
    <Page title={program.name}>
      <p className="kern-body">
        <Link href="/programme" className="kern-link">
          Zurück zu den Programmen
        </Link>
      </p>
      <p className="kern-body">
        {`${program.funder} · ${shares(program)} · abgerufene Mittel binnen ${describeValue('', program.fundsUseWithin)} verwenden`}
      </p>
      {hasRole(person.roles, 'admin') ? (
        <ProgramForm program={program} />
      ) : (
        <p className="kern-body">Die Einstellungen ändert die Administration.</p>
      )}
      <HistoryList query={history} id="programm-verlauf" />
    </Page>
  );
}
