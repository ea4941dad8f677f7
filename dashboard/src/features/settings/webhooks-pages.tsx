import Link from 'next/link';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemPanel } from '../../components/problem-panel.tsx';
import { bodyEnum } from '../../lib/api-document.ts';
import { formatInstant } from '../../lib/format.ts';
import { load, monet } from '../../lib/monet.ts';
import { SettingsNav } from './settings-pages.tsx';
import { setEndpointEnabled } from './webhook-actions.ts';
import { EndpointForm, ReplayButton, RotateSecret } from './webhook-forms.tsx';

const STATUSES = ['pending', 'succeeded', 'failed'] as const;
type Status = (typeof STATUSES)[number];

const eventTypes = () => bodyEnum('/v1/webhook-endpoints', 'post', 'eventTypes');

/** Deliveries, newest first, each with a replay; of one endpoint or of all. */
async function Deliveries({
  endpointId,
  status,
  urls,
}: {
  endpointId?: string;
  status?: Status;
  urls: Map<string, string>;
}) {
  const deliveries = await load(
    (await monet()).GET('/v1/webhook-deliveries', {
      params: { query: { limit: 50, ...(endpointId ? { endpointId } : {}), ...(status ? { status } : {}) } },
    }),
    '/settings/webhooks',
  );
  const here = endpointId ? `/settings/webhooks/${endpointId}` : '/settings/webhooks';
  return (
    <section className="panel" aria-labelledby="deliveries-title" data-section="deliveries">
      <h2 id="deliveries-title">Deliveries</h2>
      <nav className="tabs" aria-label="Delivery status">
        <Link href={here} aria-current={status ? undefined : 'page'}>
          All
        </Link>
        {STATUSES.map((s) => (
          <Link key={s} href={`${here}?status=${s}`} aria-current={status === s ? 'page' : undefined}>
            {s}
          </Link>
        ))}
      </nav>
      {!deliveries.ok ? (
        <ProblemPanel problem={deliveries.problem} />
      ) : deliveries.data.items.length === 0 ? (
        <p className="muted">
          No delivery{status ? ` ${status}` : ''} yet: they are made when a subscribed event happens.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data" data-table="webhook-deliveries">
            <thead>
              <tr>
                <th scope="col">Made</th>
                <th scope="col">Event</th>
                {endpointId ? null : <th scope="col">Endpoint</th>}
                <th scope="col">Status</th>
                <th scope="col" className="number">
                  Attempts
                </th>
                <th scope="col">Next attempt</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.items.map((d) => (
                <tr key={d.id} data-delivery={d.id} data-status={d.status}>
                  <td>{formatInstant(d.createdAt)}</td>
                  <td>
                    <code>{d.eventType}</code>
                  </td>
                  {endpointId ? null : <td className="small">{urls.get(d.endpointId) ?? d.endpointId}</td>}
                  <td>{d.status}</td>
                  <td className="number">{d.attemptCount}</td>
                  <td>{d.status === 'pending' ? formatInstant(d.nextAttemptAt) : '–'}</td>
                  <td>
                    <ReplayButton deliveryId={d.id} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export async function WebhooksPage({ status }: { status?: string }) {
  const endpoints = await load(
    (await monet()).GET('/v1/webhook-endpoints', { params: { query: { limit: 200 } } }),
    '/settings/webhooks',
  );
  const chosen = STATUSES.includes(status as Status) ? (status as Status) : undefined;
  const urls = new Map(endpoints.ok ? endpoints.data.items.map((e) => [e.id, e.url]) : []);
  return (
    <>
      <PageHeader
        title="Settings"
        subtitle="Webhooks: Monet's events POSTed to your servers, signed (docs/webhooks.md)"
      />
      <SettingsNav current="/settings/webhooks" />
      <section className="panel" aria-labelledby="endpoints-title">
        <h2 id="endpoints-title">Endpoints</h2>
        {!endpoints.ok ? (
          <ProblemPanel problem={endpoints.problem} />
        ) : endpoints.data.items.length === 0 ? (
          <p className="muted">No endpoint yet.</p>
        ) : (
          <div className="table-scroll">
            <table className="data" data-table="webhook-endpoints">
              <thead>
                <tr>
                  <th scope="col">URL</th>
                  <th scope="col">Events</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {endpoints.data.items.map((e) => (
                  <tr key={e.id} data-endpoint={e.id} data-enabled={e.enabled}>
                    <th scope="row" className="small">
                      <Link href={`/settings/webhooks/${e.id}`}>{e.url}</Link>
                    </th>
                    <td className="small">{e.eventTypes.join(', ')}</td>
                    <td>{e.enabled ? 'enabled' : `disabled ${formatInstant(e.disabledAt)}`}</td>
                    <td>
                      <form action={setEndpointEnabled}>
                        <input type="hidden" name="endpointId" value={e.id} />
                        <input type="hidden" name="enabled" value={e.enabled ? 'false' : 'true'} />
                        <button type="submit" className="button ghost small">
                          {e.enabled ? 'Disable' : 'Enable'}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="new-endpoint-title">
        <h2 id="new-endpoint-title">New endpoint</h2>
        <EndpointForm eventTypes={eventTypes()} />
      </section>
      <Deliveries status={chosen} urls={urls} />
    </>
  );
}

/** One endpoint: its address and events, its secret rotated, its deliveries. */
export async function WebhookEndpointPage({ endpointId, status }: { endpointId: string; status?: string }) {
  const endpoint = await load(
    (await monet()).GET('/v1/webhook-endpoints/{endpointId}', { params: { path: { endpointId } } }),
    `/settings/webhooks/${endpointId}`,
  );
  if (!endpoint.ok) {
    return (
      <>
        <PageHeader title="Webhook endpoint" subtitle={<Link href="/settings/webhooks">All webhooks</Link>} />
        <ProblemPanel problem={endpoint.problem} />
      </>
    );
  }
  const e = endpoint.data;
  const chosen = STATUSES.includes(status as Status) ? (status as Status) : undefined;
  return (
    <>
      <PageHeader
        title="Webhook endpoint"
        subtitle={
          <>
            <Link href="/settings/webhooks">All webhooks</Link> · {e.enabled ? 'enabled' : 'disabled'} · since{' '}
            {formatInstant(e.createdAt)}
          </>
        }
      />
      <div className="chart-grid">
        <section className="panel" aria-labelledby="edit-endpoint-title">
          <h2 id="edit-endpoint-title">Address and events</h2>
          <EndpointForm key={e.id} eventTypes={eventTypes()} endpoint={e} />
        </section>
        <section className="panel" aria-labelledby="secret-title">
          <h2 id="secret-title">Signing secret</h2>
          <p className="muted">Every delivery is signed with it (HMAC-SHA256). Rotating stops the old one at once.</p>
          <RotateSecret endpointId={e.id} />
        </section>
      </div>
      <Deliveries endpointId={e.id} status={chosen} urls={new Map()} />
    </>
  );
}
