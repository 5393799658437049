import type { Application, FundsCall } from '../../api/types.ts';
import { formatDate, formatMoney } from '../../format/german.ts';
import { FUNDING_SOURCE } from '../../labels.ts';
import { QueryList } from '../../layout/page.tsx';
import { Panel } from '../../layout/panel.tsx';
import { NumericCell, OverdueBadge, Table } from '../../layout/table.tsx';
import type { ApplicationParts } from './application-queries.ts';
import { CallForm, SpendingForm } from './funds-call-forms.tsx';

function clockText(call: FundsCall): string {
  if (call.clock.unspentCents === 0)
    return call.spentOn ? `verwendet am ${formatDate(call.spentOn)}` : 'verwendet';
  if (call.clock.overdue) return `überfällig seit ${-call.clock.daysLeft} Tagen`;
  return call.clock.daysLeft === 1 ? 'noch 1 Tag' : `noch ${call.clock.daysLeft} Tage`;
}

function FundsCallRow({ call }: { call: FundsCall }) {
  return (
    <tr className="kern-table__row">
      <td className="kern-table__cell">{`${formatDate(call.calledOn)} (${call.budgetYear})`}</td>
      <NumericCell>{formatMoney(call.amountCents)}</NumericCell>
      <td className="kern-table__cell">{call.receivedOn ? formatDate(call.receivedOn) : '–'}</td>
      <td className="kern-table__cell">{formatDate(call.spendBy)}</td>
      <NumericCell>{formatMoney(call.amountCents - call.clock.unspentCents)}</NumericCell>
      <NumericCell>{formatMoney(call.clock.unspentCents)}</NumericCell>
      <td className="kern-table__cell">
        {clockText(call)}
        {call.clock.overdue ? <OverdueBadge /> : null}
      </td>
      <NumericCell>{formatMoney(call.clock.interestAtRiskCents)}</NumericCell>
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
  );
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
    <Panel id="abrufe" title="Mittelabrufe" anchor="mittelabrufe">
      <QueryList query={calls} what="Die Mittelabrufe" empty="Noch keine Mittel abgerufen.">
        {(items) => (
          <Table
            className="kern-table--small funds-call-table"
            caption="Mittelabrufe mit Verwendungsfrist, Stand und Zinsrisiko"
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
          >
            {items.map((call) => (
              <FundsCallRow key={call.id} call={call} />
            ))}
          </Table>
        )}
      </QueryList>
      {canWrite && application.status === 'approved' ? (
        <div className="two-columns">
          <CallForm application={application} />
          {calls.data ? <SpendingForm application={application} calls={calls.data} /> : null}
        </div>
      ) : null}
    </Panel>
  );
}
