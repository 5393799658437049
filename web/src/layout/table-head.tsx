/** A KERN table's header row; numeric columns are aligned right. */
export function TableHead({ columns }: { columns: readonly (string | { label: string; numeric: true })[] }) {
  return (
    <thead className="kern-table__head">
      <tr className="kern-table__row">
        {columns.map((column) => {
          const label = typeof column === 'string' ? column : column.label;
          const numeric = typeof column !== 'string';
          return (
            <th
              key={label}
              className={`kern-table__header${numeric ? ' kern-table__header--numeric' : ''}`}
              scope="col"
            >
              {label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
