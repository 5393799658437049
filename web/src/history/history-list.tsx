import type { UseQueryResult } from '@tanstack/react-query';
import { reasonOf } from '../api/problem.ts';
import type { HistoryEntry } from '../api/types.ts';
import { formatDateTime } from '../format/german.ts';
import { LoadFailed, Loading } from '../layout/page.tsx';
import { TableHead } from '../layout/table-head.tsx';
import { describeEntry } from './describe-change.ts';

/**
 * A record's history, newest first: when, who, what, and each field with its old and new value
 * (the audit trail keeps both).
 */
export function HistoryList({ query, id }: { query: UseQueryResult<HistoryEntry[]>; id: string }) {
  return (
    <section aria-labelledby={`${id}-titel`} className="panel">
      <h2 className="kern-heading-medium" id={`${id}-titel`}>
        Verlauf
      </h2>
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
                  <div className="kern-table-responsive">
                    <table className="kern-table kern-table--small history__changes">
                      <caption className="kern-sr-only">{`Geänderte Felder: ${described.what}`}</caption>
                      <TableHead columns={['Feld', 'vorher', 'nachher']} />
                      <tbody className="kern-table__body">
                        {described.changes.map((change) => (
                          <tr key={change.field} className="kern-table__row">
                            <th scope="row" className="kern-table__cell">
                              {change.field}
                            </th>
                            <td className="kern-table__cell">{change.from}</td>
                            <td className="kern-table__cell">{change.to}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : null}
    </section>
  );
}
