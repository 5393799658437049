import { formatDate, formatDecimal } from '../../format/german.ts';
import { STAFFING } from '../../labels.ts';
import { Page, QueryList } from '../../layout/page.tsx';
import { LinkCell, NumericCell, Table } from '../../layout/table.tsx';
import { usePositions } from './position-queries.ts';

/** The funded positions, each linking to its staffing, costs and warnings. */
export function PositionsPage() {
  const positions = usePositions();
  return (
    <Page title="Stellen">
      <QueryList query={positions} what="Die Stellen" empty="Noch keine Stelle erfasst.">
        {(items) => (
          <Table
            caption="Stellen mit Umfang, Entgeltgruppe und Besetzung"
            columns={[
              'Stelle',
              { label: 'VbE', numeric: true },
              'Entgeltgruppe',
              'Organisationseinheit',
              'Besetzung',
              'Laufzeit',
            ]}
          >
            {items.map((position) => (
              <tr key={position.id} className="kern-table__row">
                <LinkCell href={`/stellen/${position.id}`}>{position.title}</LinkCell>
                <NumericCell>{formatDecimal(position.fte)}</NumericCell>
                <td className="kern-table__cell">{position.payGrade}</td>
                <td className="kern-table__cell">{position.orgUnit}</td>
                <td className="kern-table__cell">
                  {STAFFING[position.staffing]}
                  {position.staffingSince ? ` seit ${formatDate(position.staffingSince)}` : ''}
                </td>
                <td className="kern-table__cell">
                  {`${formatDate(position.start)} – ${position.end ? formatDate(position.end) : 'unbefristet'}`}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </QueryList>
    </Page>
  );
}
