import { AutoRefresh } from '../../components/auto-refresh.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemPanel } from '../../components/problem-panel.tsx';
import { formatValue } from '../../lib/format.ts';
import { load, monet } from '../../lib/monet.ts';

/** One export: its progress while it is written, then its file through the dashboard (the api wants credentials). */
export async function ExportStatus({ exportId }: { exportId: string }) {
  const result = await load(
    (await monet()).GET('/v1/exports/{exportId}', { params: { path: { exportId } } }),
    `/exports/${exportId}`,
  );
  if (!result.ok) {
    return (
      <>
        <PageHeader title="Export" />
        <ProblemPanel problem={result.problem} />
      </>
    );
  }
  const e = result.data;
  const pending = e.status === 'queued' || e.status === 'running';
  return (
    <>
      <PageHeader
        title={`Export of ${e.mart}`}
        subtitle={`${e.format.toUpperCase()} · asked ${e.createdAt.slice(0, 16).replace('T', ' ')} UTC`}
      />
      <section className="panel" data-section="export" data-status={e.status}>
        <p>
          Status: <strong>{e.status}</strong>
          {` · ${formatValue(e.rowsWritten, 'integer')} rows`}
          {e.rowsTotal !== null ? ` of ${formatValue(e.rowsTotal, 'integer')}` : ''}
        </p>
        {e.status === 'succeeded' ? (
          <a className="button primary" href={`/exports/${e.id}/file`} download>
            Download
          </a>
        ) : null}
        {e.status === 'failed' ? <p role="alert">{e.error ?? 'The export failed.'}</p> : null}
        {pending ? <AutoRefresh everyMs={2_000} /> : null}
      </section>
    </>
  );
}
