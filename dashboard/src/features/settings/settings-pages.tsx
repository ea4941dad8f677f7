import document from '@loyaltystudio/api-client/openapi.json' with { type: 'json' };
import Link from 'next/link';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, ProblemPanel } from '../../components/problem-panel.tsx';
import { formatInstant, formatValue } from '../../lib/format.ts';
import { load, monet } from '../../lib/monet.ts';
import { revokeApiKey, setUserDisabled } from './actions.ts';
import { ApiKeyForm } from './api-key-form.tsx';
import { UserForm } from './user-form.tsx';

export function SettingsNav({ current }: { current: string }) {
  const pages = [
    ['/settings/api-keys', 'API keys'],
    ['/settings/team', 'Team'],
    ['/settings/audit', 'Audit log'],
    ['/settings/webhooks', 'Webhooks'],
    ['/settings/exports', 'Exports'],
    ['/settings/bi', 'BI access'],
  ];
  return (
    <nav className="tabs" aria-label="Settings">
      {pages.map(([href, label]) => (
        <Link key={href} href={href!} aria-current={current === href ? 'page' : undefined}>
          {label}
        </Link>
      ))}
    </nav>
  );
}

/** The scopes an API key may carry, as the api's document lists them. */
function apiKeyScopes(): string[] {
  const spec = document as unknown as {
    paths: Record<string, { post?: { requestBody: { content: { 'application/json': { schema: unknown } } } } }>;
  };
  const body = spec.paths['/v1/api-keys']?.post?.requestBody.content['application/json'].schema as {
    properties: { scopes: { items: { anyOf?: { enum?: string[] }[]; enum?: string[] } } };
  };
  const items = body.properties.scopes.items;
  return items.enum ?? (items.anyOf ?? []).flatMap((o) => o.enum ?? []);
}

export async function ApiKeysPage() {
  const keys = await load(
    (await monet()).GET('/v1/api-keys', { params: { query: { limit: 100 } } }),
    '/settings/api-keys',
  );
  return (
    <>
      <PageHeader title="Settings" subtitle="API keys for the merchant's servers: scoped, shown once, revocable" />
      <SettingsNav current="/settings/api-keys" />
      <div className="chart-grid">
        <section className="panel" aria-labelledby="keys-title">
          <h2 id="keys-title">Keys</h2>
          {!keys.ok ? (
            <ProblemPanel problem={keys.problem} />
          ) : keys.data.items.length === 0 ? (
            <p className="muted">No key yet.</p>
          ) : (
            <table className="data" data-table="api-keys">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Prefix</th>
                  <th scope="col">Scopes</th>
                  <th scope="col" className="number">
                    Requests
                  </th>
                  <th scope="col">Last used</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.data.items.map((k) => (
                  <tr key={k.id} data-key={k.id}>
                    <th scope="row">{k.name}</th>
                    <td>
                      <code>{k.prefix}</code>
                    </td>
                    <td className="small">{k.scopes.join(', ')}</td>
                    <td className="number">{formatValue(k.usageCount, 'integer')}</td>
                    <td>{formatInstant(k.lastUsedAt)}</td>
                    <td>{k.status}</td>
                    <td>
                      {k.status === 'active' ? (
                        <form action={revokeApiKey}>
                          <input type="hidden" name="apiKeyId" value={k.id} />
                          <button type="submit" className="button ghost small">
                            Revoke
                          </button>
                        </form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="panel" aria-labelledby="new-key-title">
          <h2 id="new-key-title">New key</h2>
          <ApiKeyForm scopes={apiKeyScopes()} />
        </section>
      </div>
    </>
  );
}

export async function TeamPage() {
  const users = await load((await monet()).GET('/v1/users', { params: { query: { limit: 100 } } }), '/settings/team');
  return (
    <>
      <PageHeader title="Settings" subtitle="Who may sign in, and with which role (docs/access.md)" />
      <SettingsNav current="/settings/team" />
      <div className="chart-grid">
        <section className="panel" aria-labelledby="team-title">
          <h2 id="team-title">Team</h2>
          {!users.ok ? (
            <ProblemPanel problem={users.problem} />
          ) : (
            <table className="data" data-table="users">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Last sign-in</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((u) => (
                  <tr key={u.id} data-user={u.email}>
                    <th scope="row">{u.name}</th>
                    <td>{u.email}</td>
                    <td>{u.disabled ? `${u.role} (disabled)` : u.role}</td>
                    <td>{formatInstant(u.lastSignInAt)}</td>
                    <td>
                      <form action={setUserDisabled}>
                        <input type="hidden" name="userId" value={u.id} />
                        <input type="hidden" name="disabled" value={u.disabled ? 'false' : 'true'} />
                        <button type="submit" className="button ghost small">
                          {u.disabled ? 'Enable' : 'Disable'}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="panel" aria-labelledby="add-user-title">
          <h2 id="add-user-title">Add a user</h2>
          <UserForm />
        </section>
      </div>
    </>
  );
}

export async function AuditPage({ params }: { params: { action?: string; cursor?: string } }) {
  const query = {
    limit: 50,
    ...(params.action ? { action: params.action } : {}),
    ...(params.cursor ? { cursor: params.cursor } : {}),
  };
  const log = await load((await monet()).GET('/v1/audit-log', { params: { query } }), '/settings/audit');
  return (
    <>
      <PageHeader title="Settings" subtitle="Every change made through the api, by whom, newest first" />
      <SettingsNav current="/settings/audit" />
      {!log.ok ? (
        <ProblemPanel problem={log.problem} />
      ) : log.data.items.length === 0 ? (
        <EmptyState title="Nothing recorded yet" />
      ) : (
        <section className="panel">
          <table className="data" data-table="audit">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((e) => (
                <tr key={e.id}>
                  <td>{formatInstant(e.createdAt)}</td>
                  <td>
                    {e.actorType}
                    {e.actorId ? <span className="muted small block">{e.actorId}</span> : null}
                  </td>
                  <td>
                    <Link href={`/settings/audit?action=${encodeURIComponent(e.action)}`}>{e.action}</Link>
                  </td>
                  <td>
                    {e.entityType}
                    {e.entityId ? <span className="muted small block">{e.entityId}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {log.data.nextCursor ? (
            <nav className="pager" aria-label="Pages">
              <Link
                href={`/settings/audit?${new URLSearchParams({ ...(params.action ? { action: params.action } : {}), cursor: log.data.nextCursor })}`}
              >
                Older
              </Link>
            </nav>
          ) : null}
        </section>
      )}
    </>
  );
}
