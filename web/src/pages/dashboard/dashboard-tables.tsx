import { Link } from 'wouter';
import type { Deadline, Summary } from '../../api/types.ts';
import { formatDate, formatDecimal, formatMoney } from '../../format/german.ts';
import { DEADLINE_KIND, STAFFING } from '../../labels.ts';
import { NumericCell, Table } from '../../layout/table.tsx';

/** Deadlines with what they belong to and who answers for them; overdue ones with their money. */
export function DeadlineTable({
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
    <Table
      className="kern-table--small"
      caption={caption}
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
    >
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
                <NumericCell>
                  {deadline.amountCents === undefined ? '–' : formatMoney(deadline.amountCents)}
                </NumericCell>
                <NumericCell>{formatMoney(deadline.interestAtRiskCents)}</NumericCell>
              </>
            ) : null}
          </tr>
        );
      })}
    </Table>
  );
}

/** The positions with their staffing and what a vacancy leaves of the funding unused. */
export function PositionTable({ positions }: { positions: Summary['positions'] }) {
  if (positions.length === 0) return <p className="kern-body">Keine Stellen erfasst.</p>;
  return (
    <Table
      className="kern-table--small"
      id="tabelle-stellen"
      caption="Stellen mit Besetzung und Vakanzverlust"
      columns={[
        'Stelle',
        { label: 'VbE', numeric: true },
        'Entgeltgruppe',
        'Besetzung',
        { label: 'Tage unbesetzt', numeric: true },
        { label: 'Ungenutzte Förderung', numeric: true },
      ]}
    >
      {positions.map((position) => (
        <tr key={position.id} className="kern-table__row">
          <th scope="row" className="kern-table__cell">
            <Link href={`/stellen/${position.id}`} className="kern-link">
              {position.title}
            </Link>
          </th>
          <NumericCell>{formatDecimal(position.fte)}</NumericCell>
          <td className="kern-table__cell">{position.payGrade}</td>
          <td className="kern-table__cell">
            {`${STAFFING[position.staffing]}${position.staffingSince ? ` seit ${formatDate(position.staffingSince)}` : ''}`}
          </td>
          <NumericCell>{String(position.vacancyDays)}</NumericCell>
          <NumericCell>{formatMoney(position.vacancyLossCents)}</NumericCell>
        </tr>
      ))}
    </Table>
  );
}
