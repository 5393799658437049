import { Link, useLocation, useSearch } from 'wouter';
import { reasonOf } from '../../api/problem.ts';
import { useSummary } from '../../api/summary-query.ts';
import type { ApplicationStatus } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { formatDate, todayInBerlin } from '../../format/german.ts';
import { SelectField } from '../../forms/fields.tsx';
import { APPLICATION_STATUS, DEADLINE_KIND, optionsOf } from '../../labels.ts';
import { LoadFailed, Loading, Page } from '../../layout/page.tsx';
import { LinkCell, MoneyCells, OverdueBadge, Table } from '../../layout/table.tsx';
import { hasRole } from '../../roles.ts';
import {
  type ApplicationFilter,
  applicationRows,
  SORT_KEYS,
  type Sort,
  type SortKey,
  totalsOf,
  yearsOf,
} from './application-rows.ts';

const COLUMNS: { key: SortKey; label: string; numeric?: true }[] = [
  { key: 'title', label: 'Antrag' },
  { key: 'status', label: 'Status' },
  { key: 'program', label: 'Programm' },
  { key: 'period', label: 'Zeitraum' },
  { key: 'approved', label: 'Bewilligt', numeric: true },
  { key: 'called', label: 'Abgerufen', numeric: true },
  { key: 'spent', label: 'Verwendet', numeric: true },
  { key: 'remaining', label: 'Noch abrufbar', numeric: true },
  { key: 'deadline', label: 'Nächste Frist' },
];

/** Filter and sort live in the address, so a view of the list can be bookmarked and sent on. */
function useListState() {
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const filter: ApplicationFilter = {
    status: (params.get('status') ?? '') as ApplicationStatus | '',
    programId: params.get('programm') ?? '',
    year: params.get('jahr') ?? '',
  };
  const key = params.get('sortierung') as SortKey | null;
  const sort: Sort | null =
    key && SORT_KEYS.includes(key) ? { key, descending: params.get('absteigend') === 'ja' } : null;
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    const query = next.toString();
    navigate(query ? `/antraege?${query}` : '/antraege', { replace: true });
  };
  return { filter, sort, update };
}

function SortHeader({
  column,
  sort,
  onSort,
}: {
  column: (typeof COLUMNS)[number];
  sort: Sort | null;
  onSort(key: SortKey, descending: boolean): void;
}) {
  const active = sort?.key === column.key;
  const descending = active && sort.descending;
  return (
    <th
      scope="col"
      className={`kern-table__header${column.numeric ? ' kern-table__header--numeric' : ''}`}
      aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined}
    >
      <button type="button" className="sort-button" onClick={() => onSort(column.key, active && !descending)}>
        {column.label}
        <span aria-hidden="true" className="sort-button__mark">
          {active ? (descending ? ' ▼' : ' ▲') : ''}
        </span>
      </button>
    </th>
  );
}

/** Where finance lands: every application with its money and next deadline; filtered, sorted, with totals. */
export function ApplicationsPage() {
  const { person } = useApp();
  const summary = useSummary();
  const { filter, sort, update } = useListState();
  const today = todayInBerlin();
  const rows = summary.data ? applicationRows(summary.data, filter, sort) : [];
  const totals = totalsOf(rows);
  const programs = summary.data?.programs ?? [];

  return (
    <Page title="Anträge">
      {hasRole(person.roles, 'finance', 'admin') ? (
        <p className="kern-body">
          <Link href="/antraege/neu" className="kern-btn kern-btn--primary">
            <span className="kern-label">Neuer Antrag</span>
          </Link>
        </p>
      ) : null}
      <div className="filter-row">
        <SelectField
          id="filter-status"
          label="Status"
          value={filter.status}
          options={[['', 'Alle'], ...optionsOf(APPLICATION_STATUS)]}
          onChange={(status) => update({ status })}
        />
        <SelectField
          id="filter-programm"
          label="Programm"
          value={filter.programId}
          options={[['', 'Alle'], ...programs.map((program) => [program.id, program.name] as const)]}
          onChange={(programm) => update({ programm })}
        />
        <SelectField
          id="filter-jahr"
          label="Haushaltsjahr"
          value={filter.year}
          options={[
            ['', 'Alle'],
            ...(summary.data ? yearsOf(summary.data) : []).map((year) => [year, year] as const),
          ]}
          onChange={(jahr) => update({ jahr })}
        />
      </div>
      {summary.isPending ? <Loading what="Die Anträge" /> : null}
      {summary.isError ? <LoadFailed reason={reasonOf(summary.error)} /> : null}
      {summary.data ? (
        <>
          <p className="kern-body" role="status">
            {rows.length === 1 ? '1 Antrag' : `${rows.length} Anträge`}
            {filter.year ? `, Beträge des Haushaltsjahres ${filter.year}` : ''}
          </p>
          {rows.length > 0 ? (
            <Table
              className="kern-table--small application-table"
              caption="Anträge mit Status, Programm, Zeitraum, Beträgen und nächster Frist; Spaltenköpfe sortieren"
              head={
                <thead className="kern-table__head">
                  <tr className="kern-table__row">
                    {COLUMNS.map((column) => (
                      <SortHeader
                        key={column.key}
                        column={column}
                        sort={sort}
                        onSort={(key, descending) =>
                          update({ sortierung: key, absteigend: descending ? 'ja' : '' })
                        }
                      />
                    ))}
                  </tr>
                </thead>
              }
              footer={
                <tr className="kern-table__row">
                  <th scope="row" className="kern-table__cell" colSpan={4}>
                    Summe
                  </th>
                  <MoneyCells figures={totals} />
                  <td className="kern-table__cell" />
                </tr>
              }
            >
              {rows.map((row) => {
                const overdue = row.nextDeadline && row.nextDeadline.dueOn < today;
                return (
                  <tr key={row.id} className="kern-table__row">
                    <LinkCell href={`/antraege/${row.id}`}>{row.title}</LinkCell>
                    <td className="kern-table__cell">{APPLICATION_STATUS[row.status]}</td>
                    <td className="kern-table__cell">{row.program}</td>
                    <td className="kern-table__cell">
                      {`${formatDate(row.period.start)} – ${formatDate(row.period.end)}`}
                    </td>
                    <MoneyCells figures={row} />
                    <td className="kern-table__cell">
                      {row.nextDeadline ? (
                        <>
                          {formatDate(row.nextDeadline.dueOn)}
                          <span className="kern-body kern-body--small cell-note">
                            {DEADLINE_KIND[row.nextDeadline.kind]}
                          </span>
                        </>
                      ) : (
                        '–'
                      )}
                      {overdue ? <OverdueBadge /> : null}
                    </td>
                  </tr>
                );
              })}
            </Table>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
