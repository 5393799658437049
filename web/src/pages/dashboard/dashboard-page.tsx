import { useEffect, useMemo, useRef } from 'react';
import { Link } from 'wouter';
import { DASHBOARD_CHARTS_DRAWN } from '../../../performance-marks.ts';
import { reasonOf } from '../../api/problem.ts';
import { useSummary } from '../../api/summary-query.ts';
import type { Summary } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { formatDate, formatMoney, formatPercent } from '../../format/german.ts';
import { APPLICATION_STATUS, FUNDING_SOURCE } from '../../labels.ts';
import { Detail, Details } from '../../layout/details.tsx';
import { LoadFailed, Loading, Page } from '../../layout/page.tsx';
import { Panel } from '../../layout/panel.tsx';
import { MONEY_COLUMNS, MoneyCells, NumericCell, Table, YearRow } from '../../layout/table.tsx';
import { ChartFigure, chartLibrary } from './chart-figure.tsx';
import {
  CHART_GRANTS,
  coFinancingChart,
  grantChart,
  grantsOf,
  shareOf,
  yearChart,
} from './dashboard-data.ts';
import { DeadlineTable, PositionTable } from './dashboard-tables.tsx';

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
      <Panel id="kennzahlen" title="Auf einen Blick" className="panel dashboard-section">
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
      </Panel>

      <ChartFigure
        id="je-foerderung"
        title="Mittel je Förderung"
        data={charts.grants}
        horizontal
        onDrawn={drawn('grants')}
      >
        <Table
          className="kern-table--small"
          id="tabelle-je-foerderung"
          visibleCaption
          caption={
            grants.length > CHART_GRANTS
              ? `Alle ${grants.length} Förderungen; das Diagramm zeigt die ${CHART_GRANTS} größten.`
              : 'Bewilligt, abgerufen, verwendet und noch abrufbar je Förderung'
          }
          columns={['Förderung', ...MONEY_COLUMNS]}
          footer={
            <tr className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                Summe
              </th>
              <MoneyCells figures={totals} />
            </tr>
          }
        >
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
        </Table>
      </ChartFigure>

      <ChartFigure id="je-jahr" title="Mittel je Haushaltsjahr" data={charts.years} onDrawn={drawn('years')}>
        <Table
          className="kern-table--small"
          id="tabelle-je-jahr"
          visibleCaption
          caption="Alle Förderungen zusammen, je Haushaltsjahr ihrer Bescheide"
          columns={['Haushaltsjahr', ...MONEY_COLUMNS]}
        >
          {totals.byYear.map((year) => (
            <YearRow key={year.year} year={year} />
          ))}
        </Table>
      </ChartFigure>

      <ChartFigure
        id="kofinanzierung"
        title="Kofinanzierung nach Quelle"
        data={charts.sources}
        onDrawn={drawn('sources')}
      >
        <Table
          className="kern-table--small"
          id="tabelle-kofinanzierung"
          visibleCaption
          caption="Wer die Förderungen trägt, jede nach den Regeln ihres Bescheids"
          columns={[
            'Quelle',
            { label: 'Bewilligt', numeric: true },
            { label: 'Anteil', numeric: true },
            { label: 'Abgerufen', numeric: true },
          ]}
        >
          {summary.coFinancing.map((line) => (
            <tr key={line.source} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                {FUNDING_SOURCE[line.source]}
              </th>
              <NumericCell>{formatMoney(line.approvedCents)}</NumericCell>
              <NumericCell>{formatPercent(shareOf(line.approvedCents, approvedBySources))}</NumericCell>
              <NumericCell>{formatMoney(line.calledCents)}</NumericCell>
            </tr>
          ))}
        </Table>
      </ChartFigure>

      <Panel
        id="ueberfaellig"
        title={`Überfällige Fristen: ${deadlines.overdue.length}`}
        className="panel dashboard-section"
      >
        <p className="kern-body">
          {`Zinsrisiko auf nicht fristgerecht verwendete Mittel (§ 49a Abs. 4 VwVfG): ${formatMoney(deadlines.interestAtRiskCents)}`}
        </p>
        <DeadlineTable
          deadlines={deadlines.overdue}
          caption="Überfällige Fristen mit Verantwortlichen"
          withMoney
        />
      </Panel>

      <Panel
        id="demnaechst"
        title={`Fristen der nächsten 30 Tage: ${deadlines.upcoming.length}`}
        className="panel dashboard-section"
      >
        <DeadlineTable
          deadlines={deadlines.upcoming}
          caption="Fristen der nächsten 30 Tage mit Verantwortlichen"
          withMoney={false}
        />
      </Panel>

      <Panel id="stellen" title="Stellen" className="panel dashboard-section">
        <PositionTable positions={summary.positions} />
      </Panel>
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
