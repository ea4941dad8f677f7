import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { AutoRefresh } from '../../components/auto-refresh.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, ProblemPanel } from '../../components/problem-panel.tsx';
import { formatInstant } from '../../lib/format.ts';
import { load, monet } from '../../lib/monet.ts';
import { outboxIsOn } from './outbox.tsx';
import { ReportForm } from './report-form.tsx';
import { SendNow } from './send-now.tsx';

/** Scheduled reports: the list and a new one. */
export async function ReportsPage() {
  const api = await monet();
  const [reports, programs, tenant, outbox] = await Promise.all([
    load(api.GET('/v1/reports', { params: { query: { limit: 100 } } }), '/reports'),
    load(api.GET('/v1/programs', { params: { query: { limit: 100 } } }), '/reports'),
    load(api.GET('/v1/tenant'), '/reports'),
    outboxIsOn(),
  ]);
  return (
    <>
      <PageHeader title="Reports" subtitle="Tiles of the analytics, sent by email on a schedule or after each rebuild">
        {outbox ? (
          <Link href="/reports/outbox" className="button">
            Outbox
          </Link>
        ) : null}
      </PageHeader>
      <div className="chart-grid">
        <section className="panel" aria-labelledby="reports-title">
          <h2 id="reports-title">Scheduled reports</h2>
          {!reports.ok ? (
            <ProblemPanel problem={reports.problem} />
          ) : reports.data.items.length === 0 ? (
            <EmptyState title="No report yet">Create one: its recipients receive it as PDF, CSV or Excel.</EmptyState>
          ) : (
            <table className="data" data-table="reports">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">When</th>
                  <th scope="col" className="number">
                    Recipients
                  </th>
                  <th scope="col">Last sent</th>
                </tr>
              </thead>
              <tbody>
                {reports.data.items.map((r) => (
                  <tr key={r.id} data-report={r.id}>
                    <th scope="row">
                      <Link href={`/reports/${r.id}`}>{r.name}</Link>
                    </th>
                    <td>{r.trigger === 'marts_rebuilt' ? 'after each rebuild' : `${r.cron} (${r.timeZone})`}</td>
                    <td className="number">{r.recipients.length}</td>
                    <td>{formatInstant(r.lastSentAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="panel" aria-labelledby="new-report-title">
          <h2 id="new-report-title">New report</h2>
          <ReportForm
            programs={programs.ok ? programs.data.items.filter((p) => p.status === 'active') : []}
            timeZone={tenant.ok ? tenant.data.timeZone : 'UTC'}
          />
        </section>
      </div>
    </>
  );
}

/** One report: what it holds, send now, and its delivery log. */
export async function ReportPage({ reportId }: { reportId: string }) {
  const api = await monet();
  const back = `/reports/${reportId}`;
  const [report, deliveries] = await Promise.all([
    load(api.GET('/v1/reports/{reportId}', { params: { path: { reportId } } }), back),
    load(api.GET('/v1/reports/{reportId}/deliveries', { params: { path: { reportId }, query: { limit: 50 } } }), back),
  ]);
  if (!report.ok) {
    return (
      <>
        <PageHeader title="Report" subtitle={<Link href="/reports">All reports</Link>} />
        <ProblemPanel problem={report.problem} />
      </>
    );
  }
  const r = report.data;
  const pending = deliveries.ok && deliveries.data.items.some((d) => d.status === 'pending');
  return (
    <>
      <PageHeader
        title={r.name}
        subtitle={
          <>
            <Link href="/reports">All reports</Link> ·{' '}
            {r.trigger === 'marts_rebuilt' ? 'after each rebuild of the marts' : `${r.cron} in ${r.timeZone}`}
            {r.onlyWhenChanged ? ' · only when changed' : ''}
          </>
        }
      >
        <SendNow reportId={r.id} idempotencyKey={randomUUID()} />
      </PageHeader>
      <div className="chart-grid">
        <section className="panel" aria-labelledby="tiles-title">
          <h2 id="tiles-title">Tiles</h2>
          <ol>
            {r.tiles.map((tile, i) => {
              const t = tile as { kind: string; title?: string };
              // biome-ignore lint/suspicious/noArrayIndexKey: tiles are ordered and unnamed
              return <li key={i}>{t.title ?? t.kind}</li>;
            })}
          </ol>
          <p className="muted">Formats: {r.formats.map((f) => f.toUpperCase()).join(', ')}</p>
        </section>
        <section className="panel" aria-labelledby="recipients-title">
          <h2 id="recipients-title">Recipients</h2>
          <ul>
            {r.recipients.map((p) => (
              <li key={p.email}>
                {p.email} <span className="muted small">{p.timeZone}</span>
                {r.unsubscribed.includes(p.email) ? <span className="muted small"> · unsubscribed</span> : null}
              </li>
            ))}
          </ul>
        </section>
      </div>
      <section className="panel" aria-labelledby="deliveries-title" data-section="deliveries">
        <h2 id="deliveries-title">Deliveries</h2>
        {!deliveries.ok ? (
          <p role="alert">{deliveries.problem.detail}</p>
        ) : deliveries.data.items.length === 0 ? (
          <p className="muted">Nothing sent yet.</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Asked</th>
                <th scope="col">Recipient</th>
                <th scope="col">Why</th>
                <th scope="col">Status</th>
                <th scope="col" className="number">
                  Attempts
                </th>
                <th scope="col">Sent</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.items.map((d) => (
                <tr key={d.id} data-delivery-status={d.status}>
                  <td>{formatInstant(d.createdAt)}</td>
                  <td>{d.recipientEmail}</td>
                  <td>{d.trigger}</td>
                  <td>
                    {d.status}
                    {d.skipReason ? ` (${d.skipReason})` : ''}
                    {d.error ? <span className="form-error small block">{d.error}</span> : null}
                  </td>
                  <td className="number">{d.attempts}</td>
                  <td>{formatInstant(d.sentAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {pending ? <AutoRefresh everyMs={3_000} /> : null}
      </section>
    </>
  );
}
