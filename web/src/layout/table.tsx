import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { formatMoney } from '../format/german.ts';
import { TableHead } from './table-head.tsx';

/**
 * A KERN table in its scrolling frame: a caption (for screen readers only unless `visibleCaption`),
 * the header row of `columns` (or a `head` of its own), the rows given as children and an
 * optional footer row.
 */
export function Table({
  caption,
  columns = [],
  head,
  className,
  id,
  visibleCaption = false,
  footer,
  children,
}: {
  caption: ReactNode;
  columns?: Parameters<typeof TableHead>[0]['columns'];
  head?: ReactNode;
  /** Added to `kern-table`, e.g. `kern-table--small`. */
  className?: string;
  id?: string;
  visibleCaption?: boolean;
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="kern-table-responsive">
      <table className={`kern-table${className ? ` ${className}` : ''}`} id={id}>
        <caption className={visibleCaption ? 'kern-body kern-body--small' : 'kern-sr-only'}>
          {caption}
        </caption>
        {head ?? <TableHead columns={columns} />}
        <tbody className="kern-table__body">{children}</tbody>
        {footer ? <tfoot className="kern-table__footer">{footer}</tfoot> : null}
      </table>
    </div>
  );
}

/** A row's first cell: the record's title, linking to its page. */
export function LinkCell({ href, children }: { href: string; children: string }) {
  return (
    <td className="kern-table__cell">
      <Link href={href} className="kern-link">
        {children}
      </Link>
    </td>
  );
}

/** A cell aligned right, for amounts, shares and counts. */
export function NumericCell({ children }: { children: ReactNode }) {
  return <td className="kern-table__cell kern-table__cell--numeric">{children}</td>;
}

/** The header of the four money columns `MoneyCells` fills. */
export const MONEY_COLUMNS = [
  { label: 'Bewilligt', numeric: true },
  { label: 'Abgerufen', numeric: true },
  { label: 'Verwendet', numeric: true },
  { label: 'Noch abrufbar', numeric: true },
] as const;

type MoneyFigures = {
  approvedCents: number;
  calledCents: number;
  spentCents: number;
  remainingCents: number;
};

/** Approved, called, spent and still to call, in euros: a grant's, a year's or a total's. */
export function MoneyCells({ figures }: { figures: MoneyFigures }) {
  return (
    <>
      <NumericCell>{formatMoney(figures.approvedCents)}</NumericCell>
      <NumericCell>{formatMoney(figures.calledCents)}</NumericCell>
      <NumericCell>{formatMoney(figures.spentCents)}</NumericCell>
      <NumericCell>{formatMoney(figures.remainingCents)}</NumericCell>
    </>
  );
}

/** A budget year's money: the year heads the row. */
export function YearRow({ year }: { year: MoneyFigures & { year: number } }) {
  return (
    <tr className="kern-table__row">
      <th scope="row" className="kern-table__cell">
        {year.year}
      </th>
      <MoneyCells figures={year} />
    </tr>
  );
}

/** Marks a date in a cell as past and not done. */
export function OverdueBadge() {
  return <span className="kern-badge kern-badge--danger overdue-badge">überfällig</span>;
}
