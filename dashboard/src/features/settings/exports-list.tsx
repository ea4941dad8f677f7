import Link from 'next/link';
import { AutoRefresh } from '../../components/auto-refresh.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, ProblemPanel } from '../../components/problem-panel.tsx';
import { formatInstant, formatValue } from '../../lib/format.ts';
import { load, monet } from '../../lib/monet.ts';
import { SettingsNav } from './settings-pages.tsx';

// The api has no route that lists exports (only POST /v1/exports and GET /v1/exports/{id}), so the list is read from
// the audit log, where every export is recorded as `export.create` with its id; each is then asked for its state and
// file. Reading the audit log needs audit:read (owners, admins, analysts).

const PAGE = 25;

export async function ExportsListPage({ cursor }: { cursor?: string }) {
  const api = await monet();
  const log = await load(
    api.GET('/v1/audit-log', {
      params: { query: { action: 'export.create', limit: PAGE, ...(cursor ? { cursor } : {}) } },
    }),
    '/settings/exports',
  );
  const ids = log.ok ? log.data.items.flatMap((e) => (e.entityId ? [e.entityId] : [])) : [];
  const exports = await Promise.all(
    ids.map((exportId) =>
      load(api.GET('/v1/exports/{exportId}', { params: { path: { exportId } } }), '/settings/exports'),
    ),
  );
  const pending = exports.some((e) => e.ok && (e.data.status === 'queued' || e.data.status === 'running'));
  return (
    <>
      <PageHeader
        title="Settings"
        subtitle="Exports: files of the marts asked for from charts and segments, newest first (docs/exports.md)"
      />
      <SettingsNav current="/settings/exports" />
      {!log.ok ? (
        <ProblemPanel problem={log.problem} />
      ) : ids.length === 0 ? (
        <EmptyState title="No export yet">
          Export a chart’s mart from its analytics page, or a segment’s members from the segment.
        </EmptyState>
      ) : (
        <section className="panel">
          <div className="table-scroll">
            <table className="data" data-table="exports">
              <thead>
                <tr>
                  <th scope="col">Asked</th>
                  <th scope="col">Mart</th>
                  <th scope="col">Format</th>
                  <th scope="col">Range</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="number">
                    Rows
                  </th>
                  <th scope="col">File</th>
                </tr>
              </thead>
              <tbody>
                {exports.map((result, i) =>
                  !result.ok ? (
                    <tr key={ids[i]} data-export={ids[i]}>
                      <td colSpan={7} className="muted">
                        {result.problem.status === 404 ? 'An export no longer kept.' : result.problem.detail}
                      </td>
                    </tr>
                  ) : (
                    <tr key={result.data.id} data-export={result.data.id} data-status={result.data.status}>
                      <td>{formatInstant(result.data.createdAt)}</td>
                      <th scope="row">
                        <Link href={`/exports/${result.data.id}`}>{result.data.mart}</Link>
                        {result.data.segmentVersionId ? (
                          <span className="muted small block">a segment’s members</span>
                        ) : null}
                      </th>
                      <td>{result.data.format.toUpperCase()}</td>
                      <td>
                        {result.data.filters ? `${result.data.filters.from} to ${result.data.filters.to}` : 'all'}
                      </td>
                      <td>
                        {result.data.status}
                        {result.data.error ? <span className="form-error small block">{result.data.error}</span> : null}
                      </td>
                      <td className="number">
                        {formatValue(result.data.rowsWritten, 'integer')}
                        {result.data.rowsTotal !== null ? ` of ${formatValue(result.data.rowsTotal, 'integer')}` : ''}
                      </td>
                      <td>
                        {result.data.status === 'succeeded' ? (
                          <a href={`/exports/${result.data.id}/file`} download>
                            Download<span className="sr-only"> {result.data.mart}</span>
                          </a>
                        ) : (
                          '–'
                        )}
                      </td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
          {log.data.nextCursor ? (
            <nav className="pager" aria-label="Pages">
              <Link href={`/settings/exports?cursor=${encodeURIComponent(log.data.nextCursor)}`}>Older</Link>
            </nav>
          ) : null}
          {pending ? <AutoRefresh everyMs={3_000} /> : null}
        </section>
      )}
    </>
  );
}
