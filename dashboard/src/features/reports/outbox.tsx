import Link from 'next/link';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, ProblemPanel } from '../../components/problem-panel.tsx';
import { formatInstant, formatValue } from '../../lib/format.ts';
import { load, monet, type Problem } from '../../lib/monet.ts';

// The messages the local SMTP server of `monet up` kept, as the api lists them (GET /v1/system/outbox). Where mail
// goes to a real relay (SMTP_URL) the api has no outbox and answers 404, which the page says in words.

function off(problem: Problem): Problem {
  return problem.status === 404
    ? {
        status: 404,
        title: 'No outbox here',
        detail:
          'Mail goes to a real SMTP relay (SMTP_URL), which keeps no copy for Monet. The outbox exists where `monet up` runs its local mail server.',
      }
    : problem;
}

/** True when the api keeps an outbox this user may read: the reports page then links to it. */
export async function outboxIsOn(): Promise<boolean> {
  const result = await load((await monet()).GET('/v1/system/outbox', { params: { query: { limit: 1 } } }), '/reports');
  return result.ok;
}

const attachmentHref = (messageId: string, index: number) =>
  `/reports/outbox/${encodeURIComponent(messageId)}/attachments/${index}`;

export async function OutboxPage({ cursor }: { cursor?: string }) {
  const result = await load(
    (await monet()).GET('/v1/system/outbox', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } }),
    '/reports/outbox',
  );
  return (
    <>
      <PageHeader
        title="Outbox"
        subtitle={
          <>
            <Link href="/reports">Reports</Link> · the messages the local mail server kept, newest first
          </>
        }
      />
      {!result.ok ? (
        <ProblemPanel problem={off(result.problem)} />
      ) : result.data.items.length === 0 ? (
        <EmptyState title="No message yet">A report sent now, or on its schedule, appears here.</EmptyState>
      ) : (
        <section className="panel">
          <div className="table-scroll">
            <table className="data" data-table="outbox">
              <thead>
                <tr>
                  <th scope="col">Received</th>
                  <th scope="col">To</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Attachments</th>
                </tr>
              </thead>
              <tbody>
                {result.data.items.map((m) => (
                  <tr key={m.id} data-message={m.id}>
                    <td>{formatInstant(m.receivedAt)}</td>
                    <td>{m.to.join(', ')}</td>
                    <th scope="row">
                      <Link href={`/reports/outbox/${encodeURIComponent(m.id)}`}>{m.subject ?? '(no subject)'}</Link>
                      {m.reportId ? (
                        <span className="muted small block">
                          <Link href={`/reports/${m.reportId}`}>its report</Link>
                        </span>
                      ) : null}
                    </th>
                    <td>
                      {m.attachments.map((a) => (
                        <a key={a.index} className="block" href={attachmentHref(m.id, a.index)} download>
                          {a.filename ?? `attachment ${a.index + 1}`}{' '}
                          <span className="muted small">{formatValue(a.size, 'integer')} bytes</span>
                        </a>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result.data.nextCursor ? (
            <nav className="pager" aria-label="Pages">
              <Link href={`/reports/outbox?cursor=${encodeURIComponent(result.data.nextCursor)}`}>Older</Link>
            </nav>
          ) : null}
        </section>
      )}
    </>
  );
}

/** One kept message: its envelope, its text, its HTML in a sandbox (no scripts, no requests), its attachments. */
export async function OutboxMessagePage({ messageId }: { messageId: string }) {
  const result = await load(
    (await monet()).GET('/v1/system/outbox/{messageId}', { params: { path: { messageId } } }),
    `/reports/outbox/${encodeURIComponent(messageId)}`,
  );
  if (!result.ok) {
    return (
      <>
        <PageHeader title="Message" subtitle={<Link href="/reports/outbox">Outbox</Link>} />
        <ProblemPanel problem={off(result.problem)} />
      </>
    );
  }
  const m = result.data;
  return (
    <>
      <PageHeader title={m.subject ?? '(no subject)'} subtitle={<Link href="/reports/outbox">Outbox</Link>} />
      <section className="panel" aria-labelledby="envelope-title">
        <h2 id="envelope-title">Envelope</h2>
        <dl className="facts">
          <dt>Received</dt>
          <dd>{formatInstant(m.receivedAt)}</dd>
          <dt>From</dt>
          <dd>{m.from}</dd>
          <dt>To</dt>
          <dd data-field="to">{m.to.join(', ')}</dd>
          <dt>Message-ID</dt>
          <dd>
            <code>{m.messageId ?? '–'}</code>
          </dd>
          <dt>Report</dt>
          <dd>{m.reportId ? <Link href={`/reports/${m.reportId}`}>open the report</Link> : '–'}</dd>
        </dl>
        {m.attachments.length ? (
          <ul>
            {m.attachments.map((a) => (
              <li key={a.index}>
                <a href={attachmentHref(m.id, a.index)} download>
                  {a.filename ?? `attachment ${a.index + 1}`}
                </a>{' '}
                <span className="muted small">
                  {a.contentType} · {formatValue(a.size, 'integer')} bytes
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      {m.html ? (
        <section className="panel" aria-labelledby="html-title">
          <h2 id="html-title">As the recipient sees it</h2>
          <iframe title="The message as HTML" sandbox="" srcDoc={m.html} className="mail-frame" />
        </section>
      ) : null}
      <section className="panel" aria-labelledby="text-title">
        <h2 id="text-title">Text</h2>
        <pre className="mail-text" data-field="text">
          {m.text ?? '(no text part)'}
        </pre>
      </section>
    </>
  );
}
