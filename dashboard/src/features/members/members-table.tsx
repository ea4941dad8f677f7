'use client';

import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  useReactTable,
  type VisibilityState,
} from '@tanstack/react-table';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { formatValue } from '../../lib/format.ts';

export interface MemberRow {
  memberId: string;
  externalId: string;
  status: string;
  enrolledAt: string;
  tierName: string | null;
  rfmSegment: string;
  purchases: number;
  revenueMinor: number;
  recencyDays: number | null;
  pointsAvailable: number;
  lifetimeEarnedPoints: number;
  lastPurchaseAt: string | null;
  tags: string[];
  /** The latest completed scoring run's scores; null until the member is scored. */
  scores: {
    churnRiskBand: 'low' | 'medium' | 'high';
    churnProbability: number;
    predictedClvMinor: number;
    currency: string | null;
  } | null;
}

/** Columns the api can sort by, with the parameter value it expects. */
const SORTABLE: Record<string, string> = {
  revenueMinor: 'revenueMinor',
  purchases: 'purchases',
  recencyDays: 'recencyDays',
  pointsAvailable: 'pointsAvailable',
  lifetimeEarnedPoints: 'lifetimeEarnedPoints',
  enrolledAt: 'enrolledAt',
  lastPurchaseAt: 'lastPurchaseAt',
};

const VISIBILITY_KEY = 'monet.members.columns';

/**
 * The member list: rows come sorted, filtered and paged by the api (server-side); this table only lays them out,
 * links each member, turns a header click into the address of the sorted list, and remembers which columns the
 * user chose to see.
 */
export function MembersTable({
  rows,
  currency,
  sort,
  order,
  sortHref,
}: {
  rows: MemberRow[];
  currency: string | null;
  sort: string;
  order: 'asc' | 'desc';
  /** Addresses of this list sorted by each sortable column, built by the server from the current filters. */
  sortHref: Record<string, string>;
}) {
  const [visibility, setVisibility] = useState<VisibilityState>({ tags: false, lifetimeEarnedPoints: false });
  useEffect(() => {
    const saved = window.localStorage.getItem(VISIBILITY_KEY);
    if (saved) setVisibility(JSON.parse(saved) as VisibilityState);
  }, []);
  const date = (iso: string | null) => (iso ? iso.slice(0, 10) : '–');
  const columns: ColumnDef<MemberRow>[] = [
    {
      id: 'externalId',
      header: 'Member',
      // No prefetch of fifty dynamic member pages (a server request each) on every load of the list.
      cell: ({ row }) => (
        <Link href={`/members/${row.original.memberId}`} prefetch={false}>
          {row.original.externalId}
        </Link>
      ),
      enableHiding: false,
    },
    { id: 'tierName', header: 'Tier', cell: ({ row }) => row.original.tierName ?? 'No tier' },
    { id: 'rfmSegment', header: 'Segment', cell: ({ row }) => row.original.rfmSegment },
    { id: 'purchases', header: 'Purchases', cell: ({ row }) => formatValue(row.original.purchases, 'integer') },
    {
      id: 'revenueMinor',
      header: 'Revenue',
      cell: ({ row }) => formatValue(row.original.revenueMinor, 'money', currency),
    },
    {
      id: 'recencyDays',
      header: 'Days since purchase',
      cell: ({ row }) => formatValue(row.original.recencyDays, 'integer'),
    },
    {
      id: 'pointsAvailable',
      header: 'Points',
      cell: ({ row }) => formatValue(row.original.pointsAvailable, 'integer'),
    },
    {
      id: 'lifetimeEarnedPoints',
      header: 'Points earned',
      cell: ({ row }) => formatValue(row.original.lifetimeEarnedPoints, 'integer'),
    },
    { id: 'lastPurchaseAt', header: 'Last purchase', cell: ({ row }) => date(row.original.lastPurchaseAt) },
    { id: 'enrolledAt', header: 'Enrolled', cell: ({ row }) => date(row.original.enrolledAt) },
    {
      id: 'churnRisk',
      header: 'Churn risk',
      cell: ({ row }) => {
        const s = row.original.scores;
        return s ? `${s.churnRiskBand} (${formatValue(s.churnProbability, 'percent')})` : 'not scored yet';
      },
    },
    {
      id: 'predictedClv',
      header: 'Predicted value',
      cell: ({ row }) => {
        const s = row.original.scores;
        return s ? formatValue(s.predictedClvMinor, 'money', s.currency ?? currency) : 'not scored yet';
      },
    },
    { id: 'tags', header: 'Tags', cell: ({ row }) => row.original.tags.join(', ') },
  ];
  const table = useReactTable({
    data: rows,
    columns,
    state: { columnVisibility: visibility },
    onColumnVisibilityChange: (update) => {
      setVisibility((old) => {
        const next = typeof update === 'function' ? update(old) : update;
        window.localStorage.setItem(VISIBILITY_KEY, JSON.stringify(next));
        return next;
      });
    },
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    getRowId: (row) => row.memberId,
  });
  return (
    <>
      <details className="column-chooser">
        <summary>Columns</summary>
        <fieldset>
          <legend className="sr-only">Columns shown</legend>
          {table
            .getAllLeafColumns()
            .filter((c) => c.getCanHide())
            .map((c) => (
              <label key={c.id}>
                <input type="checkbox" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} />{' '}
                {String(c.columnDef.header)}
              </label>
            ))}
        </fieldset>
      </details>
      <div className="table-scroll">
        <table className="data" data-table="members">
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sortable = SORTABLE[header.column.id];
                  const active = sortable === sort;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
                    >
                      {sortable ? (
                        <Link href={sortHref[sortable] ?? '#'} prefetch={false} className="sort">
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          {active ? (order === 'asc' ? ' ↑' : ' ↓') : ''}
                        </Link>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} data-member={row.original.memberId}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
