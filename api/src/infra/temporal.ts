import { Client, Connection } from '@temporalio/client';

/**
 * Temporal may come up after the api, or restart under it: connect on first use, keep the connection while it
 * works, and try again on the next call after a failure instead of failing the api's start.
 */
export function createTemporalProvider(address: string, namespace: string) {
  let pending: Promise<Client> | undefined;
  let connection: Connection | undefined;
  return {
    get(): Promise<Client> {
      pending ??= Connection.connect({ address, connectTimeout: 2_000 }).then(
        (conn) => {
          connection = conn;
          return new Client({ connection: conn, namespace });
        },
        (err) => {
          pending = undefined;
          throw err;
        },
      );
      return pending;
    },
    async close() {
      await connection?.close();
    },
  };
}
