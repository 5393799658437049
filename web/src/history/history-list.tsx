import type { UseQueryResult } from '@tanstack/react-query';
import { reasonOf } from '../api/problem.ts';
import type { HistoryEntry } from '../api/types.ts';
import { formatDateTime } from '../format/german.ts';
import { LoadFailed, Loading } from '../layout/page.tsx';
import { Panel } from '../layout/panel.tsx';
import { Table } from '../layout/table.tsx';
import { describeEntry } from './describe-change.ts';

/**
 * A record's history, newest first: when, who, what, and each field with its old and new value
 * (the audit trail keeps both).
 */
export function HistoryList({ query, id }: { query: UseQueryResult<HistoryEntry[]>; id: string }) {
  return (
    <Panel id={id} title="Verlauf">
      {query.isPending ? <Loading what="Der Verlauf" /> : null}
      {query.isError ? <LoadFailed reason={reasonOf(query.error)} /> : null}
      {query.data ? (
        <ol className="history" aria-label="Verlauf, neueste zuerst">
          {[...query.data].reverse().map((entry) => {
            const described = describeEntry(entry);
            return (
              <li key={described.id} className="history__entry">
                <p className="kern-body kern-body--bold">{described.what}</p>
                <p className="kern-body kern-body--small kern-body--muted">
                  {`${formatDateTime(described.at)} · ${described.who}`}
                </p>
                {described.note ? <p className="kern-body history__note">{described.note}</p> : null}
                {described.changes.length > 0 ? (
                  <Table
                    className="kern-table--small history__changes"
                    caption={`Geänderte Felder: ${described.what}`}
                    columns={['Feld', 'vorher', 'nachher']}
                  >
                    {described.changes.map((change) => (
                      <tr key={change.field} className="kern-table__row">
                        <th scope="row" className="kern-table__cell">
                          {change.field}
                        </th>
                        <td className="kern-table__cell">{change.from}</td>
                        <td className="kern-table__cell">{change.to}</td>
                      </tr>
                    ))}
                  </Table>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : null}
    </Panel>
  );
}
