import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

/**
 * The local SMTP server of `monet up`: a real SMTP server (npm smtp-server) on loopback that accepts every message
 * and keeps it in a directory, for the api's outbox route (and tests) to read. It relays nothing.
 *
 * Each message is two files, named after the time it arrived and an id so that names sort by arrival:
 *   `<dir>/<id>.eml`   the message exactly as received (RFC 5322)
 *   `<dir>/<id>.json`  { id, receivedAt, from, to, size }: the SMTP envelope, written after the .eml
 */

export interface KeptMessage {
  id: string;
  /** ISO 8601, UTC. */
  receivedAt: string;
  /** The envelope's MAIL FROM. */
  from: string;
  /** The envelope's RCPT TO addresses. */
  to: string[];
  size: number;
}

export interface MailServerOptions {
  dir: string;
  port: number;
  host?: string;
  /**
   * Decides, for the n-th message (1-based) this server was handed, whether to refuse it with a temporary error
   * (`451 <reason>`): tests use it to make a send fail and be retried. Accepts everything when unset.
   */
  refuse?: (n: number, to: string[]) => string | null;
  /** Called after a message is kept. */
  onMessage?: (message: KeptMessage) => void;
}

export interface MailServer {
  port: number;
  host: string;
  /** `smtp://host:port`, for nodemailer (SMTP_URL). */
  url: string;
  dir: string;
  stop(): Promise<void>;
}

export async function startMailServer(opts: MailServerOptions): Promise<MailServer> {
  const host = opts.host ?? '127.0.0.1';
  mkdirSync(opts.dir, { recursive: true });
  let handed = 0;
  const server = new SMTPServer({
    banner: 'Monet local SMTP server (keeps every message, relays nothing)',
    // Loopback only and nothing relayed: no TLS, and any credentials (or none) are accepted.
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    onAuth: (_auth, _session, done) => done(null, { user: 'local' }),
    size: 50 * 1024 * 1024,
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', done);
      stream.on('end', () => {
        handed += 1;
        const refusal = opts.refuse?.(
          handed,
          session.envelope.rcptTo.map((r) => r.address),
        );
        if (refusal) {
          done(Object.assign(new Error(refusal), { responseCode: 451 }));
          return;
        }
        const receivedAt = new Date();
        const id = `${receivedAt.toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
        const raw = Buffer.concat(chunks);
        const message: KeptMessage = {
          id,
          receivedAt: receivedAt.toISOString(),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          size: raw.length,
        };
        try {
          writeFileSync(join(opts.dir, `${id}.eml`), raw);
          writeFileSync(join(opts.dir, `${id}.json`), `${JSON.stringify(message)}\n`);
        } catch (err) {
          done(err as Error);
          return;
        }
        opts.onMessage?.(message);
        done(null, `kept as ${id}`);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    port,
    host,
    url: `smtp://${host}:${port}`,
    dir: opts.dir,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
