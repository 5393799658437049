import { useQueries } from '@tanstack/react-query';
import { Link } from 'wouter';
import { ok } from '../../api/client.ts';
import { reasonOf } from '../../api/problem.ts';
import type { CostYear, HistoryEntry, PositionView } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { positionDocuments } from '../../documents/document-targets.ts';
import { Documents } from '../../documents/documents.tsx';
import { formatBasisPoints, formatDate, formatDecimal, formatMoney } from '../../format/german.ts';
import { describeValue } from '../../history/describe-change.ts';
import { HistoryList } from '../../history/history-list.tsx';
import { FUNDING_SOURCE, STAFFING } from '../../labels.ts';
import { Alert } from '../../layout/alert.tsx';
import { Detail, Details } from '../../layout/details.tsx';
import { LoadFailed, Loading, Page } from '../../layout/page.tsx';
import { RecordPage } from '../../layout/record-page.tsx';
import { TableHead } from '../../layout/table-head.tsx';
import { hasRole } from '../../roles.ts';
import { RecordDeadlines } from '../deadlines/record-deadlines.tsx';
import { CostPlanForm, StaffingForm } from './position-forms.tsx';
import { usePosition, usePositionParts, warningText } from './position-queries.ts';

/** The staffing steps from the history, oldest first: when, from what to what, who. */
function StaffingTimeline({ history }: { history: HistoryEntry[] }) {
  const steps = history.filter((entry) => entry.action === 'staffing' || entry.action === 'create');
  return (
    <ol className="timeline" aria-label="Besetzung im Zeitverlauf">
      {steps.map((entry) => {
        const [on, ...rest] = (entry.note ?? '').split(' · ');
        const day = entry.action === 'create' ? entry.at.slice(0, 10) : (on ?? '');
        return (
          <li key={entry.id} className="timeline__step">
            <span className="kern-body kern-body--bold">{formatDate(day)}</span>
            <span className="kern-body">
              {entry.action === 'create'
                ? ' Stelle angelegt: Geplant'
                : ` ${describeValue('staffing', entry.from)} → ${describeValue('staffing', entry.to)}${rest.length ? ` (${rest.join(', ')})` : ''}`}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/** The cost plan per year: plan and actual, and who pays: each source and the city's own share. */
function CostTable({ years, flatRate }: { years: CostYear[]; flatRate: string }) {
  const sources = [...new Set(years.flatMap((year) => year.funded.map((part) => part.source)))];
  const label = (source: string) => FUNDING_SOURCE[source as keyof typeof FUNDING_SOURCE] ?? source;
  return (
    <div className="kern-table-responsive">
      <table className="kern-table cost-table">
        <caption className="kern-body kern-body--small cost-table__caption">
          {`Personalkosten je Haushaltsjahr; Arbeitgeberanteil als Pauschale von ${flatRate.replace('.', ',')} %`}
        </caption>
        <TableHead
          columns={[
            'Jahr',
            { label: 'Plan brutto', numeric: true },
            { label: 'Plan gesamt', numeric: true },
            { label: 'Ist gesamt', numeric: true },
            ...sources.map((source) => ({ label: label(source), numeric: true as const })),
            { label: 'Eigenanteil', numeric: true },
            { label: 'Nicht gedeckt', numeric: true },
          ]}
        />
        <tbody className="kern-table__body">
          {years.map((year) => (
            <tr key={year.year} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                {year.year}
              </th>
              <td className="kern-table__cell kern-table__cell--numeric">
                {year.planned ? formatMoney(year.planned.grossCents) : '–'}
              </td>
              <td className="kern-table__cell kern-table__cell--numeric">
                {year.planned ? formatMoney(year.planned.totalCents) : '–'}
              </td>
              <td className="kern-table__cell kern-table__cell--numeric">
                {year.actual.months
                  ? `${formatMoney(year.actual.totalCents)} (${year.actual.months} Mon.)`
                  : '–'}
              </td>
              {sources.map((source) => (
                <td key={source} className="kern-table__cell kern-table__cell--numeric">
                  {formatMoney(year.funded.find((part) => part.source === source)?.cents ?? 0)}
                </td>
              ))}
              <td className="kern-table__cell kern-table__cell--numeric">
                {formatMoney(year.ownShareCents)}
              </td>
              <td className="kern-table__cell kern-table__cell--numeric">
                {formatMoney(year.unfundedCents)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The applications that fund the position, with their titles and shares. */
function Funding({ position }: { position: PositionView }) {
  const { api } = useApp();
  const applications = useQueries({
    queries: position.fundedBy.map((link) => ({
      queryKey: ['applications', link.applicationId],
      queryFn: () => ok(api.GET('/v1/applications/{id}', { params: { path: { id: link.applicationId } } })),
    })),
  });
  if (position.fundedBy.length === 0) return <p className="kern-body">Keine Förderung verknüpft.</p>;
  return (
    <ul className="kern-list">
      {position.fundedBy.map((link, index) => (
        <li key={link.applicationId}>
          <Link href={`/antraege/${link.applicationId}`} className="kern-link">
            {applications[index]?.data?.title ?? 'Antrag'}
          </Link>
          {`: ${formatBasisPoints(link.shareBasisPoints)} der Kosten${link.planned ? ' (beantragt, noch nicht bewilligt)' : ''}`}
        </li>
      ))}
    </ul>
  );
}

export function PositionPage({ id }: { id: string }) {
  return (
    <RecordPage query={usePosition(id)} title="Stelle" what="Die Stelle">
      {(position) => <PositionViewPage position={position} />}
    </RecordPage>
  );
}

/** One funded position: staffing over time, cost plan, funded shares, warnings, and the forms to change them. */
function PositionViewPage({ position }: { position: PositionView }) {
  const { api, person } = useApp();
  const parts = usePositionParts(position.id);
  const canWrite = hasRole(person.roles, 'finance', 'admin');
  return (
    <Page title={position.title}>
      <p className="kern-body">
        <Link href="/stellen" className="kern-link">
          Zurück zu den Stellen
        </Link>
      </p>
      {position.warnings.length > 0 ? (
        <Alert variant="warning" title="Hinweise zu dieser Stelle" className="warnings">
          <ul className="kern-list">
            {position.warnings.map((warning) => (
              <li key={warning.code}>{warningText(warning)}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <Details>
        <Detail term="Umfang">{`${formatDecimal(position.fte)} VbE`}</Detail>
        <Detail term="Entgeltgruppe">{`${position.payGrade}${position.payStep ? `, Stufe ${position.payStep}` : ''}`}</Detail>
        <Detail term="Organisationseinheit">{position.orgUnit}</Detail>
        <Detail term="Laufzeit">{`${formatDate(position.start)} – ${position.end ? formatDate(position.end) : 'unbefristet'}`}</Detail>
        <Detail term="Förderung bis">
          {position.fundingEnd ? formatDate(position.fundingEnd) : 'keine bewilligte Förderung'}
        </Detail>
        <Detail term="Besetzung">
          {`${STAFFING[position.staffing]}${position.staffingSince ? ` seit ${formatDate(position.staffingSince)}` : ''}${position.holder ? `: ${position.holder.name}` : ''}`}
        </Detail>
        <Detail term="Verantwortlich">{position.owner.name}</Detail>
      </Details>
      <RecordDeadlines subjectType="position" subjectId={position.id} />
      <section aria-labelledby="foerderung-titel" className="panel">
        <h2 className="kern-heading-medium" id="foerderung-titel">
          Förderung
        </h2>
        <Funding position={position} />
      </section>
      <section aria-labelledby="zeitverlauf-titel" className="panel">
        <h2 className="kern-heading-medium" id="zeitverlauf-titel">
          Besetzung im Zeitverlauf
        </h2>
        {parts.history.data ? (
          <StaffingTimeline history={parts.history.data} />
        ) : (
          <Loading what="Die Besetzung" />
        )}
      </section>
      {canWrite ? <StaffingForm position={position} /> : null}
      <section aria-labelledby="kosten-titel" className="panel">
        <h2 className="kern-heading-medium" id="kosten-titel">
          Kostenplan und Finanzierung
        </h2>
        {parts.costs.isPending ? <Loading what="Der Kostenplan" /> : null}
        {parts.costs.isError ? <LoadFailed reason={reasonOf(parts.costs.error)} /> : null}
        {parts.costs.data?.years.length === 0 ? <p className="kern-body">Noch kein Kostenplan.</p> : null}
        {parts.costs.data?.years.length ? <CostTable {...parts.costs.data} /> : null}
        {canWrite && parts.costs.data ? (
          <CostPlanForm position={position} years={parts.costs.data.years} />
        ) : null}
      </section>
      <div className="panel">
        <Documents
          target={positionDocuments(api, position.id)}
          heading="Dokumente zur Stelle"
          headingLevel="h2"
          defaultKind="other"
          canUpload={canWrite}
        />
      </div>
      <HistoryList query={parts.history} id="stelle-verlauf" />
    </Page>
  );
}
