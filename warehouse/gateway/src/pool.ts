import type { Connection } from './connection.ts';
import { gatewayError } from './errors.ts';

/** A fixed set of connections, each lent to one request at a time; requests beyond it wait their turn in order. */
export class ConnectionPool {
  private readonly idle: Connection[];
  private readonly waiting: Array<(connection: Connection) => void> = [];

  constructor(private readonly connections: Connection[]) {
    this.idle = [...connections];
  }

  get size(): number {
    return this.connections.length;
  }

  /** Resolves with a connection lent exclusively to the caller; an aborted wait leaves the queue. */
  acquire(signal?: AbortSignal): Promise<Connection> {
    const connection = this.idle.pop();
    if (connection) return Promise.resolve(connection);
    return new Promise((resolve, reject) => {
      const waiter = (c: Connection) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(c);
      };
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        reject(gatewayError('QUERY_WAS_CANCELLED', 'The client closed the connection while the query was waiting'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  release(connection: Connection): void {
    const next = this.waiting.shift();
    if (next) next(connection);
    else this.idle.push(connection);
  }

  /** Closes every connection; call once no request holds one. */
  close(): void {
    for (const connection of this.connections) connection.close();
  }
}
