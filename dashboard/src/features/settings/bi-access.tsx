import { PageHeader } from '../../components/page-header.tsx';
import { ProblemPanel } from '../../components/problem-panel.tsx';
import { load, monet } from '../../lib/monet.ts';
import { SettingsNav } from './settings-pages.tsx';

// How a BI tool reads this tenant's marts live, as docs/bi-access.md tells: a ClickHouse user bound to the tenant,
// made with `monet bi-user` by whoever runs Monet (the api has no route that makes one: the password is shown once,
// to the operator). The address is the warehouse the api itself reads, from the system status (without credentials).

/** The warehouse's host and port from its address; the embedded gateway's defaults when the api gave none. */
function hostAndPort(url: string | undefined): { host: string; port: string; https: boolean; known: boolean } {
  try {
    const u = new URL(url ?? '');
    const https = u.protocol === 'https:';
    if (!u.hostname || !/^https?:$/.test(u.protocol)) throw new Error('not an http address');
    return { host: u.hostname, port: u.port || (https ? '8443' : '8123'), https, known: true };
  } catch {
    return { host: '127.0.0.1', port: '8123', https: false, known: false };
  }
}

export async function BiAccessPage() {
  const api = await monet();
  const [tenant, status] = await Promise.all([
    load(api.GET('/v1/tenant'), '/settings/bi'),
    load(api.GET('/v1/system/status'), '/settings/bi'),
  ]);
  if (!tenant.ok) {
    return (
      <>
        <PageHeader title="Settings" subtitle="BI access" />
        <SettingsNav current="/settings/bi" />
        <ProblemPanel problem={tenant.problem} />
      </>
    );
  }
  const slug = tenant.data.slug;
  const clickhouse = status.ok ? status.data.services.find((x) => x.name === 'clickhouse') : undefined;
  const { host, port, https, known } = hostAndPort(clickhouse?.url);
  // As `monet bi-user` names it by default (cli/src/bi-user.ts).
  const user = `bi_${slug.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
  const base = `${https ? 'https' : 'http'}://${host}:${port}`;
  return (
    <>
      <PageHeader
        title="Settings"
        subtitle="BI access: Metabase, Superset or Grafana reading this merchant's marts live, and no one else's"
      />
      <SettingsNav current="/settings/bi" />
      <div className="chart-grid">
        <section className="panel" aria-labelledby="bi-user-title">
          <h2 id="bi-user-title">1. A user for {tenant.data.name}</h2>
          <p>
            Whoever runs Monet makes the user on its machine (its password is shown to them once). It sees the rows of
            this merchant only, read-only.
          </p>
          <pre className="instructions" data-field="bi-command">
            npm run monet -- bi-user --tenant {slug}
          </pre>
          <p className="muted small">
            On a ClickHouse server, <code>--sql</code> prints the script that makes the role, the row policies and the
            user instead (docs/bi-access.md).
          </p>
        </section>
        <section className="panel" aria-labelledby="bi-connect-title">
          <h2 id="bi-connect-title">2. Connect</h2>
          <dl className="facts" data-field="bi-connection">
            <dt>Protocol</dt>
            <dd>ClickHouse HTTP{https ? ' over TLS' : ''}</dd>
            <dt>Host</dt>
            <dd>
              <code>{host}</code>
            </dd>
            <dt>Port</dt>
            <dd>
              <code>{port}</code>
            </dd>
            <dt>User</dt>
            <dd>
              <code>{user}</code> (unless another name was given)
            </dd>
            <dt>Database</dt>
            <dd>
              <code>marts</code>
            </dd>
          </dl>
          {known ? null : (
            <p className="muted small" data-field="bi-address-unknown">
              The api did not say where its warehouse is; the embedded gateway's default address is shown.
            </p>
          )}
        </section>
      </div>
      <section className="panel" aria-labelledby="bi-tools-title">
        <h2 id="bi-tools-title">In each tool</h2>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Tool</th>
              <th scope="col">Driver</th>
              <th scope="col">Settings</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Metabase</th>
              <td>ClickHouse (maintained by ClickHouse)</td>
              <td className="small">
                Host <code>{host}</code>, Port <code>{port}</code>, Username <code>{user}</code>, Password, Databases{' '}
                <code>marts</code>, SSL {https ? 'on' : 'off'}
              </td>
            </tr>
            <tr>
              <th scope="row">Superset</th>
              <td>clickhouse-connect</td>
              <td className="small">
                <code>
                  clickhousedb://{user}:PASSWORD@{host}:{port}/marts
                </code>
              </td>
            </tr>
            <tr>
              <th scope="row">Grafana</th>
              <td>ClickHouse data source</td>
              <td className="small">
                Server address <code>{host}</code>, Server port <code>{port}</code>, Protocol <code>HTTP</code>,
                Username and Password, Default database <code>marts</code>
              </td>
            </tr>
          </tbody>
        </table>
        <h3>Try it</h3>
        <pre className="instructions">
          {`curl -s -u ${user}:$PASSWORD '${base}/?database=marts' \\\n  --data-binary 'SELECT rfm_segment, count() AS members FROM member_rfm GROUP BY rfm_segment'`}
        </pre>
        <p className="muted small">
          The marts and their columns are described in docs/metrics.md. A tool in Docker reaches the embedded gateway
          only if it listens beyond loopback (GATEWAY_HOST); put TLS in front of it before it leaves the machine.
        </p>
      </section>
    </>
  );
}
