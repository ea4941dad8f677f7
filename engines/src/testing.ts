import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
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
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A throwaway Postgres on a free port in its own directory; `stop()` removes everything. */
export async function startTestPostgres(): Promise<PostgresHandle> {
  const dir = tempDir('pg');
  const pg = await startPostgres({ dataDir: join(dir.path, 'data'), port: await freePort(), ephemeral: true });
  return {
    ...pg,
    async stop() {
      await pg.stop();
      dir.remove();
    },
  };
}

/** A throwaway headless Temporal dev server on a free port in its own directory; `stop()` removes everything. */
export async function startTestTemporal(): Promise<TemporalHandle> {
  const dir = tempDir('temporal');
  const temporal = await startTemporal({ dataDir: dir.path, port: await freePort() }).catch((err: unknown) => {
    dir.remove();
    throw err;
  });
  return {
    ...temporal,
    async stop() {
      await temporal.stop();
      dir.remove();
    },
  };
}

/** A throwaway warehouse gateway on a free port in its own directory; `stop()` removes everything. */
export async function startTestGateway(env?: NodeJS.ProcessEnv): Promise<GatewayHandle> {
  const dir = tempDir('gateway');
  const gateway = await startGateway({ dataDir: join(dir.path, 'data'), port: await freePort(), env });
  return {
    ...gateway,
    async stop() {
      await gateway.stop();
      dir.remove();
    },
  };
}

/** Re-exported for tests and benchmarks that pick their own ports. */
export { freePort };
