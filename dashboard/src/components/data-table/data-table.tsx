import Link from 'next/link';
import type { ReactNode } from 'react';
import { ColumnChooser } from './column-chooser.tsx';

/** One column of a data table: its header, how a row's cell reads, and whether the api sorts by it. */
export interface Column<Row> {
  id: string;
  header: string;
  cell: (row: Row) => ReactNode;
  /** The api's sort parameter for this column, when the list can be sorted by it. */
  sort?: string;
  /** Hidden until the user chooses to see it. */
  hidden?: boolean;
  /** Always shown: not offered in the column chooser. */
  fixed?: boolean;
}

export interface Sorting {
  sort: string;
  order: 'asc' | 'desc';
  /** Addresses of the list sorted by each sort parameter, built by the server from the current filters. */
  href: Record<string, string>;
}

/**
 * A list the api sorted, filtered and paged, laid out on the server: every cell is HTML from the first byte and no
 * row is rendered again in the browser. A header the api can sort by is a link to the list sorted by it; the columns
 * shown are the user's choice, kept in the browser by the one client part, the column chooser.
 */
export function DataTable<Row>({
  name,
  columns,
  rows,
  rowId,
  rowAttribute,
  sorting,
}: {
  /** The table's `data-table` name, also the key its column choice is kept under. */
  name: string;
  columns: Column<Row>[];
  rows: Row[];
  rowId: (row: Row) => string;
  /** A `data-` attribute each row carries with its id (`data-member`), for links and tests. */
  rowAttribute: `data-${string}`;
  sorting?: Sorting;
}) {
  return (
    <>
      <ColumnChooser
        table={name}
        columns={columns.filter((c) => !c.fixed).map((c) => ({ id: c.id, label: c.header, hidden: Boolean(c.hidden) }))}
      />
      <div className="table-scroll">
        <table className="data" data-table={name}>
          <thead>
            <tr>
              {columns.map((c) => {
                const active = sorting !== undefined && c.sort === sorting.sort;
                const href = c.sort ? sorting?.href[c.sort] : undefined;
                return (
                  <th
                    key={c.id}
                    scope="col"
                    data-column={c.id}
                    aria-sort={active ? (sorting.order === 'asc' ? 'ascending' : 'descending') : undefined}
                  >
                    {href ? (
                      // No prefetch: each sort is this dynamic page again, a server request on every page load.
                      <Link href={href} prefetch={false} className="sort">
                        {c.header}
                        {active ? (sorting.order === 'asc' ? ' ↑' : ' ↓') : ''}
                      </Link>
                    ) : (
                      c.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const id = rowId(row);
              return (
                <tr key={id} {...{ [rowAttribute]: id }}>
                  {columns.map((c) => (
                    <td key={c.id} data-column={c.id}>
                      {c.cell(row)}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
