import { Link } from 'wouter';
import { reasonOf } from '../../api/problem.ts';
import { formatDate, formatDecimal } from '../../format/german.ts';
import { STAFFING } from '../../labels.ts';
import { LoadFailed, Loading, Page } from '../../layout/page.tsx';
import { TableHead } from '../../layout/table-head.tsx';
import { usePositions } from './position-queries.ts';

/** The funded positions, each linking to its staffing, costs and warnings. */
export function PositionsPage() {
  const positions = usePositions();
  return (
    <Page title="Stellen">
      {positions.isPending ? <Loading what="Die Stellen" /> : null}
      {positions.isError ? <LoadFailed reason={reasonOf(positions.error)} /> : null}
      {positions.data?.length === 0 ? <p className="kern-body">Noch keine Stelle erfasst.</p> : null}
      {positions.data?.length ? (
        <div className="kern-table-responsive">
          <table className="kern-table">
            <caption className="kern-sr-only">Stellen mit Umfang, Entgeltgruppe und Besetzung</caption>
            <TableHead
              columns={[
                'Stelle',
                { label: 'VbE', numeric: true },
                'Entgeltgruppe',
                'Organisationseinheit',
                'Besetzung',
                'Laufzeit',
              ]}
            />
            <tbody className="kern-table__body">
              {positions.data.map((position) => (
                <tr key={position.id} className="kern-table__row">
                  <td className="kern-table__cell">
                    <Link href={`/stellen/${position.id}`} className="kern-link">
                      {position.title}
                    </Link>
                  </td>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    {formatDecimal(position.fte)}
                  </td>
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
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
