import Link from 'next/link';
import { AutoRefresh } from '../../components/auto-refresh.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, ProblemPanel } from '../../components/problem-panel.tsx';
import { formatBytes, formatInstant, formatValue } from '../../lib/format.ts';
import { load, monet } from '../../lib/monet.ts';
import { SettingsNav } from './settings-pages.tsx';

// The tenant's exports, newest first, from GET /v1/exports (exports:create: owners, admins, marketers, analysts).

const PAGE = 25;

export async function ExportsListPage({ cursor }: { cursor?: string }) {
  const api = await monet();
  const list = await load(
    api.GET('/v1/exports', { params: { query: { limit: PAGE, ...(cursor ? { cursor } : {}) } } }),
    '/settings/exports',
  );
  const exports = list.ok ? list.data.items : [];
  const pending = exports.some((e) => e.status === 'queued' || e.status === 'running');
  return (
    <>
      <PageHeader
        title="Settings"
        subtitle="Exports: files of the marts asked for from charts and segments, newest first (docs/exports.md)"
      />
      <SettingsNav current="/settings/exports" />
      {!list.ok ? (
        <ProblemPanel problem={list.problem} />
      ) : exports.length === 0 ? (
        <EmptyState title="No export yet">
          Export a chart’s mart from its analytics page, or a segment’s members from the segment.
        </EmptyState>
      ) : (
        <section className="panel">
          <div className="table-scroll">
            <table className="data" data-table="exports">
              <thead>
                <tr>
                  <th scope="col">Asked (by)</th>
                  <th scope="col">Mart</th>
                  <th scope="col">Format</th>
                  <th scope="col">Range</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="number">
                    Rows
                  </th>
                  <th scope="col" className="number">
                    Size
                  </th>
                  <th scope="col">File</th>
                </tr>
              </thead>
              <tbody>
                {exports.map((e) => (
                  <tr key={e.id} data-export={e.id} data-status={e.status}>
                    <td>
                      {formatInstant(e.createdAt)}
                      <span className="muted small block">{e.createdBy.name ?? 'a deleted user or key'}</span>
                    </td>
                    <th scope="row">
                      <Link href={`/exports/${e.id}`}>{e.mart}</Link>
                      {e.segmentVersionId ? <span className="muted small block">a segment’s members</span> : null}
                    </th>
                    <td>{e.format.toUpperCase()}</td>
                    <td>{e.filters ? `${e.filters.from} to ${e.filters.to}` : 'all'}</td>
                    <td>
                      {e.status}
                      {e.error ? <span className="form-error small block">{e.error}</span> : null}
                    </td>
                    <td className="number">
                      {formatValue(e.rowsWritten, 'integer')}
                      {e.rowsTotal !== null ? ` of ${formatValue(e.rowsTotal, 'integer')}` : ''}
                    </td>
                    <td className="number">{formatBytes(e.bytesWritten)}</td>
                    <td>
                      {e.download ? (
                        <a href={`/exports/${e.id}/file`} download>
                          Download<span className="sr-only"> {e.mart}</span>
                        </a>
                      ) : (
                        '–'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {list.data.nextCursor ? (
            <nav className="pager" aria-label="Pages">
              <Link href={`/settings/exports?cursor=${encodeURIComponent(list.data.nextCursor)}`}>Older</Link>
            </nav>
          ) : null}
          {pending ? <AutoRefresh everyMs={3_000} /> : null}
        </section>
      )}
    </>
  );
}
