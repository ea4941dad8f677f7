import type { Connection } from './connection.ts';
import { gatewayError } from './errors.ts';

interface Entry {
  /** Settles once the session's connection is open. */
  connection: Promise<Connection>;
  busy: boolean;
  timer: NodeJS.Timeout | undefined;
}

export interface SessionLease {
  connection: Connection;
  /** Returns the session; it closes after `timeoutSeconds` without a request. */
  release(timeoutSeconds: number): void;
}

/**
 * HTTP sessions (`session_id`): each owns one connection, so its SET state and temporary tables persist
 * between requests. One request at a time, as in ClickHouse; a second concurrent one gets SESSION_IS_LOCKED.
 */
export class SessionRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly open: (readonly: boolean) => Promise<Connection>) {}

  get count(): number {
    return this.entries.size;
  }

  async acquire(user: string, id: string, opts: { check: boolean; readonly: boolean }): Promise<SessionLease> {
    // Sessions belong to a user, as in ClickHouse: another user's session of the same id is a different one.
    const key = `${user}\u0000${id}`;
    let entry = this.entries.get(key);
    if (entry?.busy) throw gatewayError('SESSION_IS_LOCKED', `Session ${id} is locked by a concurrent client`);
    if (!entry) {
      if (opts.check) throw gatewayError('SESSION_NOT_FOUND', `Session ${id} not found`);
      entry = { connection: this.open(opts.readonly), busy: true, timer: undefined };
      this.entries.set(key, entry);
    }
    entry.busy = true;
    clearTimeout(entry.timer);
    const current = entry;
    let connection: Connection;
    try {
      connection = await current.connection;
    } catch (err) {
      this.entries.delete(key);
      throw err;
    }
    return {
      connection,
      release: (timeoutSeconds) => {
        current.busy = false;
        current.timer = setTimeout(() => {
          this.entries.delete(key);
          connection.close();
        }, timeoutSeconds * 1000);
        current.timer.unref();
      },
    };
  }

  /** Closes every session; call once no request holds one. */
  async close(): Promise<void> {
    for (const entry of this.entries.values()) {
      clearTimeout(entry.timer);
      (await entry.connection.catch(() => undefined))?.close();
    }
    this.entries.clear();
  }
}
