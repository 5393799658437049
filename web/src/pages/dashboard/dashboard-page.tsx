import { useEffect, useMemo, useRef } from 'react';
import { Link } from 'wouter';
import { DASHBOARD_CHARTS_DRAWN } from '../../../performance-marks.ts';
import { reasonOf } from '../../api/problem.ts';
import { useSummary } from '../../api/summary-query.ts';
import type { Deadline, Summary } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { formatDate, formatDecimal, formatMoney, formatPercent } from '../../format/german.ts';
import { APPLICATION_STATUS, DEADLINE_KIND, FUNDING_SOURCE, STAFFING } from '../../labels.ts';
import { Detail, Details } from '../../layout/details.tsx';
import { LoadFailed, Loading, Page } from '../../layout/page.tsx';
import { TableHead } from '../../layout/table-head.tsx';
import { ChartFigure, chartLibrary } from './chart-figure.tsx';
import {
  CHART_GRANTS,
  coFinancingChart,
  grantChart,
  grantsOf,
  shareOf,
  yearChart,
} from './dashboard-data.ts';

const MONEY_COLUMNS = [
  { label: 'Bewilligt', numeric: true },
  { label: 'Abgerufen', numeric: true },
  { label: 'Verwendet', numeric: true },
  { label: 'Noch abrufbar', numeric: true },
] as const;

function MoneyCells({
  figures,
}: {
  figures: { approvedCents: number; calledCents: number; spentCents: number; remainingCents: number };
}) {
  return (
    <>
      <td className="kern-table__cell kern-table__cell--numeric">{formatMoney(figures.approvedCents)}</td>
      <td className="kern-table__cell kern-table__cell--numeric">{formatMoney(figures.calledCents)}</td>
      <td className="kern-table__cell kern-table__cell--numeric">{formatMoney(figures.spentCents)}</td>
      <td className="kern-table__cell kern-table__cell--numeric">{formatMoney(figures.remainingCents)}</td>
    </>
  );
}

function DeadlineTable({
  deadlines,
  caption,
  withMoney,
}: {
  deadlines: Deadline[];
  caption: string;
  withMoney: boolean;
}) {
  if (deadlines.length === 0) return <p className="kern-body">Keine.</p>;
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--small">
        <caption className="kern-sr-only">{caption}</caption>
        <TableHead
          columns={[
            'Fällig am',
            'Frist',
            'Vorgang',
            'Verantwortlich',
            ...(withMoney
              ? [
                  { label: 'Betrag', numeric: true as const },
                  { label: 'Zinsrisiko', numeric: true as const },
                ]
              : []),
          ]}
        />
        <tbody className="kern-table__body">
          {deadlines.map((deadline) => {
            const page = deadline.subject.page;
            return (
              <tr key={deadline.id} className="kern-table__row">
                <td className="kern-table__cell">{formatDate(deadline.dueOn)}</td>
                <td className="kern-table__cell">{DEADLINE_KIND[deadline.kind]}</td>
                <td className="kern-table__cell">
                  {page ? (
                    <Link href={page} className="kern-link">
                      {deadline.subject.title}
                    </Link>
                  ) : (
                    deadline.subject.title
                  )}
                </td>
                <td className="kern-table__cell">{deadline.owner.name}</td>
                {withMoney ? (
                  <>
                    <td className="kern-table__cell kern-table__cell--numeric">
                      {deadline.amountCents === undefined ? '–' : formatMoney(deadline.amountCents)}
                    </td>
                    <td className="kern-table__cell kern-table__cell--numeric">
                      {formatMoney(deadline.interestAtRiskCents)}
                    </td>
                  </>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Counts the charts drawn and marks the moment the last one is on screen (for `npm run bench`). */
function useChartsDrawn(count: number) {
  const drawn = useRef(new Set<string>());
  return (id: string) => () => {
    drawn.current.add(id);
    if (drawn.current.size === count) requestAnimationFrame(() => performance.mark(DASHBOARD_CHARTS_DRAWN));
  };
}

function Dashboard({ summary }: { summary: Summary }) {
  const grants = useMemo(() => grantsOf(summary), [summary]);
  const charts = useMemo(
    () => ({ grants: grantChart(grants), years: yearChart(summary), sources: coFinancingChart(summary) }),
    [grants, summary],
  );
  const drawn = useChartsDrawn(3);
  const programs = new Map(summary.programs.map((program) => [program.id, program.name]));
  const { totals, deadlines } = summary;
  const approvedBySources = summary.coFinancing.reduce((sum, line) => sum + line.approvedCents, 0);
  return (
    <>
      <section aria-labelledby="kennzahlen-titel" className="panel dashboard-section">
        <h2 className="kern-heading-medium" id="kennzahlen-titel">
          Auf einen Blick
        </h2>
        <Details>
          <Detail term="Laufende und abgeschlossene Förderungen">{String(grants.length)}</Detail>
          <Detail term="Bewilligt">{formatMoney(totals.approvedCents)}</Detail>
          <Detail term="Abgerufen">{formatMoney(totals.calledCents)}</Detail>
          <Detail term="Verwendet">{formatMoney(totals.spentCents)}</Detail>
          <Detail term="Noch abrufbar">{formatMoney(totals.remainingCents)}</Detail>
          <Detail term="Zinsrisiko (nicht fristgerecht verwendete Mittel)">
            {formatMoney(deadlines.interestAtRiskCents)}
          </Detail>
          <Detail term="Überfällige Fristen">{String(deadlines.overdue.length)}</Detail>
          <Detail term="Fristen in den nächsten 30 Tagen">{String(deadlines.upcoming.length)}</Detail>
        </Details>
      </section>

      <ChartFigure
        id="je-foerderung"
        title="Mittel je Förderung"
        data={charts.grants}
        horizontal
        onDrawn={drawn('grants')}
      >
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--small" id="tabelle-je-foerderung">
            <caption className="kern-body kern-body--small">
              {grants.length > CHART_GRANTS
                ? `Alle ${grants.length} Förderungen; das Diagramm zeigt die ${CHART_GRANTS} größten.`
                : 'Bewilligt, abgerufen, verwendet und noch abrufbar je Förderung'}
            </caption>
            <TableHead columns={['Förderung', ...MONEY_COLUMNS]} />
            <tbody className="kern-table__body">
              {grants.map((grant) => (
                <tr key={grant.id} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    <Link href={`/antraege/${grant.id}`} className="kern-link">
                      {grant.title}
                    </Link>
                    <span className="kern-body kern-body--small grant-meta">
                      {`${programs.get(grant.programId) ?? ''} · ${APPLICATION_STATUS[grant.status]}`}
                    </span>
                  </th>
                  <MoneyCells figures={grant} />
                </tr>
              ))}
            </tbody>
            <tfoot className="kern-table__footer">
              <tr className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  Summe
                </th>
                <MoneyCells figures={totals} />
              </tr>
            </tfoot>
          </table>
        </div>
      </ChartFigure>

      <ChartFigure id="je-jahr" title="Mittel je Haushaltsjahr" data={charts.years} onDrawn={drawn('years')}>
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--small" id="tabelle-je-jahr">
            <caption className="kern-body kern-body--small">
              Alle Förderungen zusammen, je Haushaltsjahr ihrer Bescheide
            </caption>
            <TableHead columns={['Haushaltsjahr', ...MONEY_COLUMNS]} />
            <tbody className="kern-table__body">
              {totals.byYear.map((year) => (
                <tr key={year.year} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    {year.year}
                  </th>
                  <MoneyCells figures={year} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </ChartFigure>

      <ChartFigure
        id="kofinanzierung"
        title="Kofinanzierung nach Quelle"
        data={charts.sources}
        onDrawn={drawn('sources')}
      >
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--small" id="tabelle-kofinanzierung">
            <caption className="kern-body kern-body--small">
              Wer die Förderungen trägt, jede nach den Regeln ihres Bescheids
            </caption>
            <TableHead
              columns={[
                'Quelle',
                { label: 'Bewilligt', numeric: true },
                { label: 'Anteil', numeric: true },
                { label: 'Abgerufen', numeric: true },
              ]}
            />
            <tbody className="kern-table__body">
              {summary.coFinancing.map((line) => (
                <tr key={line.source} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    {FUNDING_SOURCE[line.source]}
                  </th>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    {formatMoney(line.approvedCents)}
                  </td>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    {formatPercent(shareOf(line.approvedCents, approvedBySources))}
                  </td>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    {formatMoney(line.calledCents)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </ChartFigure>

      <section aria-labelledby="ueberfaellig-titel" className="panel dashboard-section">
        <h2 className="kern-heading-medium" id="ueberfaellig-titel">
          {`Überfällige Fristen: ${deadlines.overdue.length}`}
        </h2>
        <p className="kern-body">
          {`Zinsrisiko auf nicht fristgerecht verwendete Mittel (§ 49a Abs. 4 VwVfG): ${formatMoney(deadlines.interestAtRiskCents)}`}
        </p>
        <DeadlineTable
          deadlines={deadlines.overdue}
          caption="Überfällige Fristen mit Verantwortlichen"
          withMoney
        />
      </section>

      <section aria-labelledby="demnaechst-titel" className="panel dashboard-section">
        <h2 className="kern-heading-medium" id="demnaechst-titel">
          {`Fristen der nächsten 30 Tage: ${deadlines.upcoming.length}`}
        </h2>
        <DeadlineTable
          deadlines={deadlines.upcoming}
          caption="Fristen der nächsten 30 Tage mit Verantwortlichen"
          withMoney={false}
        />
      </section>

      <section aria-labelledby="stellen-titel" className="panel dashboard-section">
        <h2 className="kern-heading-medium" id="stellen-titel">
          Stellen
        </h2>
        {summary.positions.length === 0 ? (
          <p className="kern-body">Keine Stellen erfasst.</p>
        ) : (
          <div className="kern-table-responsive">
            <table className="kern-table kern-table--small" id="tabelle-stellen">
              <caption className="kern-sr-only">Stellen mit Besetzung und Vakanzverlust</caption>
              <TableHead
                columns={[
                  'Stelle',
                  { label: 'VbE', numeric: true },
                  'Entgeltgruppe',
                  'Besetzung',
                  { label: 'Tage unbesetzt', numeric: true },
                  { label: 'Ungenutzte Förderung', numeric: true },
                ]}
              />
              <tbody className="kern-table__body">
                {summary.positions.map((position) => (
                  <tr key={position.id} className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      <Link href={`/stellen/${position.id}`} className="kern-link">
                        {position.title}
                      </Link>
                    </th>
                    <td className="kern-table__cell kern-table__cell--numeric">
                      {formatDecimal(position.fte)}
                    </td>
                    <td className="kern-table__cell">{position.payGrade}</td>
                    <td className="kern-table__cell">
                      {`${STAFFING[position.staffing]}${position.staffingSince ? ` seit ${formatDate(position.staffingSince)}` : ''}`}
                    </td>
                    <td className="kern-table__cell kern-table__cell--numeric">
                      {String(position.vacancyDays)}
                    </td>
                    <td className="kern-table__cell kern-table__cell--numeric">
                      {formatMoney(position.vacancyLossCents)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

/**
 * Where management lands, and what goes to the council's working group: every grant's money,
 * co-financing, interest at risk, deadlines and positions. Printed (print CSS), it is the status
 * report on A4 with the city's name and the date.
 */
export function DashboardPage() {
  const { cityName } = useApp();
  const summary = useSummary();
  useEffect(() => {
    void chartLibrary();
  }, []);
  return (
    <Page title="Übersicht">
      <div className="report-head">
        <p className="kern-body report-head__meta">
          {`Statusbericht Fördermittel · ${cityName}${summary.data ? ` · Stand ${formatDate(summary.data.asOf)}` : ''}`}
        </p>
        <button
          className="kern-btn kern-btn--secondary no-print"
          type="button"
          onClick={() => window.print()}
        >
          <span className="kern-label">Drucken</span>
        </button>
      </div>
      {summary.isPending ? <Loading what="Die Übersicht" /> : null}
      {summary.isError ? <LoadFailed reason={reasonOf(summary.error)} /> : null}
      {summary.data ? <Dashboard summary={summary.data} /> : null}
    </Page>
  );
}
