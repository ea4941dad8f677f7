import { ConfigError } from '@loyaltystudio/config';
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { AutoRefresh } from '../../components/auto-refresh.tsx';
import { ApiError, getSystemStatus, type ServiceStatus, type SystemStatus, type UpDown } from '../../lib/api.ts';
import styles from './status.module.css';

export const metadata: Metadata = { title: 'Status' };

const REFRESH_EVERY_MS = 5_000;

const services: Record<string, { label: string; role: string }> = {
  postgres: { label: 'PostgreSQL', role: 'Operational store' },
  clickhouse: { label: 'ClickHouse', role: 'Analytics warehouse' },
  temporal: { label: 'Temporal', role: 'Workflow engine' },
  worker: { label: 'Worker', role: 'Runs workflows and activities' },
};

const utc = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

export default async function StatusPage() {
  // Render per request: API_URL is read at run time, and the report is live.
  await connection();
  let report: SystemStatus;
  try {
    report = await getSystemStatus();
  } catch (err) {
    if (err instanceof ApiError || err instanceof ConfigError) return <ApiProblem error={err} />;
    throw err;
  }
  const down = [
    ...report.services.filter((s) => s.status === 'down').map((s) => services[s.name]?.label ?? s.name),
    ...(report.workflow.status === 'down' ? ['workflow round trip'] : []),
  ];
  return (
    <>
      <header className={styles.header}>
        <h1>System status</h1>
        <p className={styles.summary} data-status={report.status}>
          {report.status === 'ok' ? 'All systems operational' : `Degraded: ${down.join(', ') || 'see below'}`}
        </p>
      </header>

      <section className={styles.card} aria-labelledby="services-heading">
        <h2 id="services-heading">Services</h2>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">State</th>
              <th scope="col" className={styles.number}>
                Latency
              </th>
              <th scope="col">Detail</th>
              <th scope="col">Address</th>
            </tr>
          </thead>
          <tbody>
            {report.services.map((service) => (
              <ServiceRow key={service.name} service={service} />
            ))}
          </tbody>
        </table>
      </section>

      <section
        className={styles.card}
        aria-labelledby="workflow-heading"
        data-check="workflow"
        data-status={report.workflow.status}
      >
        <h2 id="workflow-heading">Workflow round trip</h2>
        <p className={styles.explain}>A workflow started through Temporal and completed by a worker.</p>
        <dl className={styles.facts}>
          <dt>State</dt>
          <dd>
            <Indicator status={report.workflow.status} />
          </dd>
          <dt>Round trip</dt>
          <dd data-field="roundTripMs">{formatMs(report.workflow.roundTripMs)}</dd>
          <dt>Ran at</dt>
          <dd data-field="checkedAt">
            <UtcTime iso={report.workflow.checkedAt} />
          </dd>
          <dt>Workflow id</dt>
          <dd data-field="workflowId">
            <Code value={report.workflow.workflowId} />
          </dd>
          <dt>Worker</dt>
          <dd data-field="worker">
            <Code value={report.workflow.worker} />
          </dd>
          <dt>Detail</dt>
          <dd data-field="detail">{report.workflow.detail}</dd>
        </dl>
      </section>

      <footer className={styles.footer}>
        Checked <UtcTime iso={report.checkedAt} /> · refreshes every {REFRESH_EVERY_MS / 1000} s · api {report.version}
      </footer>
      <AutoRefresh everyMs={REFRESH_EVERY_MS} />
    </>
  );
}

function ServiceRow({ service }: { service: ServiceStatus }) {
  const known = services[service.name];
  return (
    <tr data-service={service.name} data-status={service.status}>
      <th scope="row">
        <span className={styles.serviceName}>{known?.label ?? service.name}</span>
        {known && <span className={styles.role}>{known.role}</span>}
      </th>
      <td>
        <Indicator status={service.status} />
      </td>
      <td className={styles.number} data-field="latencyMs">
        {formatMs(service.latencyMs)}
      </td>
      <td data-field="detail">{service.detail}</td>
      <td data-field="url">
        <Code value={service.url} className={styles.address} />
      </td>
    </tr>
  );
}

/** Colour for a glance, the word for everyone else. */
function Indicator({ status }: { status: UpDown }) {
  return (
    <span className={styles.indicator} data-status={status}>
      <span className={styles.dot} aria-hidden="true" />
      {status === 'up' ? 'Up' : 'Down'}
    </span>
  );
}

/** Why there is no report: the api is down or misbehaving, or API_URL itself is wrong. */
function ApiProblem({ error }: { error: ApiError | ConfigError }) {
  const unreachable = error instanceof ConfigError || error.kind === 'unreachable';
  return (
    <>
      <header className={styles.header}>
        <h1>System status</h1>
      </header>
      <section className={styles.error} role="alert" data-status={unreachable ? 'unreachable' : 'bad-answer'}>
        <h2>{unreachable ? 'The api is unreachable' : 'The api did not answer as expected'}</h2>
        {error instanceof ApiError ? (
          <>
            <p>
              Asked <code>{error.url}</code>: {error.message}.
            </p>
            <p>
              The dashboard finds the api through <code>API_URL</code>, now <code>{error.apiUrl}</code>. Check that the
              api is running there, for instance with <code>npm start</code>.
            </p>
          </>
        ) : (
          <p>{error.message}.</p>
        )}
      </section>
      <footer className={styles.footer}>Retrying every {REFRESH_EVERY_MS / 1000} s.</footer>
      <AutoRefresh everyMs={REFRESH_EVERY_MS} />
    </>
  );
}

function UtcTime({ iso }: { iso: string }) {
  return <time dateTime={iso}>{utc.format(new Date(iso))} UTC</time>;
}

/** Optional fields show a dash when the api leaves them out (a check that failed before it got that far). */
function Code({ value, className }: { value: string | undefined; className?: string }) {
  return value ? <code className={className}>{value}</code> : <span className={styles.none}>—</span>;
}

function formatMs(ms: number): string {
  return `${Math.round(ms).toLocaleString('en-GB')} ms`;
}
