import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GatewayHandle, startGateway } from './gateway.ts';
import { type PostgresHandle, startPostgres } from './postgres.ts';
import { freePort } from './process.ts';
import { startTemporal, type TemporalHandle } from './temporal.ts';

/** A fresh directory under the system temp dir, readable by service users (Postgres runs as `postgres` under root). */
export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `monet-${prefix}-`));
  chmodSync(path, 0o755);
  // Retried: a process that has just been stopped may still be writing its last file while the tree is removed.
  return { path, remove: () => rmSync(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }) };
}

/**
 * An empty cluster the test run made once (engines/src/testing-setup.ts, vitest's global setup): each test Postgres
 * starts from a copy of it instead of running initdb.
 */
export const POSTGRES_TEMPLATE_ENV = 'MONET_TEST_POSTGRES_TEMPLATE';

/**
 * A throwaway Postgres on a free port in its own directory; `stop()` removes everything. Its cluster is a copy of the
 * run's template when there is one, and it stops with an immediate shutdown: nothing in it is kept.
 */
export async function startTestPostgres(): Promise<PostgresHandle> {
  const dir = tempDir('pg');
  const dataDir = join(dir.path, 'data');
  const template = process.env[POSTGRES_TEMPLATE_ENV];
  // `cp -a` keeps the cluster's owner (Postgres runs as its own user under root) and its 0700 mode.
  if (template && existsSync(join(template, 'PG_VERSION'))) execFileSync('cp', ['-a', template, dataDir]);
  const pg = await startPostgres({ dataDir, port: await freePort(), ephemeral: true });
  return {
    ...pg,
    async stop() {
      await pg.process.stop(15_000, 'SIGQUIT');
      dir.remove();
    },
  };
}

/** A throwaway headless Temporal dev server on a free port in its own directory; `stop()` kills it and removes everything. */
export async function startTestTemporal(): Promise<TemporalHandle> {
  const dir = tempDir('temporal');
  const temporal = await startTemporal({ dataDir: dir.path, port: await freePort() }).catch((err: unknown) => {
    dir.remove();
    throw err;
  });
  return {
    ...temporal,
    async stop() {
      // Nothing in it is kept: no graceful shutdown to wait for.
      await temporal.process.stop(15_000, 'SIGKILL');
      dir.remove();
    },
  };
}

/** A throwaway warehouse gateway on a free port in its own directory; `stop()` removes everything. */
export async function startTestGateway(env?: NodeJS.ProcessEnv): Promise<GatewayHandle> {
  const dir = tempDir('gateway');
  const gateway = await startOnFreePort((port) => startGateway({ dataDir: join(dir.path, 'data'), port, env }));
  return {
    ...gateway,
    async stop() {
      await gateway.stop();
      dir.remove();
    },
  };
}

/**
 * Starts a server on a free port, trying another when the port was taken between being found free and being bound
 * (test files run in parallel, each picking ports).
 */
async function startOnFreePort<T>(start: (port: number) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(await freePort());
    } catch (err) {
      if (attempt >= attempts || !/already in use/.test(String(err))) throw err;
    }
  }
}

/** Re-exported for tests and benchmarks that pick their own ports. */
export { freePort };
