import { type ManagedProcess, spawnManaged, waitFor } from './process.ts';
import { serviceArgs } from './service-bundles.mjs';

export interface GatewayOptions {
  /** The warehouse's data directory; only one process may open it. */
  dataDir: string;
  port: number;
  onLine?: (line: string) => void;
  logFile?: string;
  /** Extra environment (users, pool size, session timeout); the port and data directory come from the options. */
  env?: NodeJS.ProcessEnv;
}

export interface GatewayHandle {
  /** Base URL of ClickHouse's HTTP interface, without credentials. */
  url: string;
  port: number;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/** Starts the warehouse gateway (ClickHouse's HTTP interface over embedded chDB) and waits until it answers /ping. */
export async function startGateway(opts: GatewayOptions): Promise<GatewayHandle> {
  const url = `http://127.0.0.1:${opts.port}`;
  // Spawned, not imported: the gateway is the warehouse's program, and this package depends on no other.
  const proc = spawnManaged('gateway', process.execPath, serviceArgs('gateway').args, {
    env: {
      ...process.env,
      ...opts.env,
      GATEWAY_DATA_DIR: opts.dataDir,
      CLICKHOUSE_HTTP_PORT: String(opts.port),
      GATEWAY_HOST: '127.0.0.1',
    },
    onLine: opts.onLine,
    logFile: opts.logFile,
  });
  await waitFor(
    'gateway',
    async () => {
      const res = await fetch(`${url}/ping`);
      return res.ok && (await res.text()) === 'Ok.\n';
    },
    { timeoutMs: 60_000, process: proc },
  );
  return { url, port: opts.port, process: proc, stop: () => proc.stop() };
}
