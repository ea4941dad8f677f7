import { join } from 'node:path';
import { createCluster } from './postgres.ts';
import { POSTGRES_TEMPLATE_ENV, tempDir } from './testing.ts';

/**
 * vitest's global setup: one empty Postgres cluster for the whole run, which every test Postgres copies
 * (startTestPostgres). Test files run in forked workers that inherit this environment. Removed when the run ends.
 */
export default async function setup(): Promise<() => void> {
  const dir = tempDir('pg-template');
  const cluster = join(dir.path, 'cluster');
  await createCluster(cluster);
  process.env[POSTGRES_TEMPLATE_ENV] = cluster;
  return () => dir.remove();
}
