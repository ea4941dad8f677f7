import { REPO_ROOT, spawnManaged, waitFor } from '@loyaltystudio/engines';

// Ticks that never come while a test runs: the worker only serves what the test's routes start.
const QUIET_CRON = '0 0 1 1 *';
const CRON_VARS = [
  'HOUSEKEEPING_REDEMPTION_HOLDS_CRON',
  'HOUSEKEEPING_POINTS_EXPIRY_CRON',
  'HOUSEKEEPING_TIER_DOWNGRADES_CRON',
  'HOUSEKEEPING_SESSIONS_CRON',
  'HOUSEKEEPING_IDEMPOTENCY_KEYS_CRON',
  'HOUSEKEEPING_WAREHOUSE_HISTORY_CRON',
  'HOUSEKEEPING_MEMBER_ERASURES_CRON',
  'DBT_BUILD_CRON',
  'CHURN_SCORING_CRON',
];

export interface WorkerEngines {
  temporalAddress: string;
  databaseUrl: string;
  clickhouseUrl: string;
  /** The worker's MONET_HOME (dbt's target and logs). */
  home: string;
}

/**
 * The workflows' worker as production runs it (`workflows/src/worker.ts`), in a process of its own. The api reaches
 * workflows only through Temporal, so its tests run the worker as a program rather than importing the workflows
 * package, which depends on this one. Its output stays out of the test's: workflows the routes under test start and
 * the test does not set up for (a report's mail) fail there, expectedly. `stop()` ends it.
 */
export async function startWorkerProcess(engines: WorkerEngines): Promise<{ pid: number; stop(): Promise<void> }> {
  let ready = false;
  const proc = spawnManaged('worker', process.execPath, ['--import', 'tsx', `${REPO_ROOT}/workflows/src/worker.ts`], {
    env: {
      PATH: process.env.PATH,
      TEMPORAL_ADDRESS: engines.temporalAddress,
      DATABASE_URL: engines.databaseUrl,
      CLICKHOUSE_URL: engines.clickhouseUrl,
      MONET_HOME: engines.home,
      LOG_LEVEL: 'warn',
      ...Object.fromEntries(CRON_VARS.map((name) => [name, QUIET_CRON])),
    },
    onLine: (line) => {
      if (line.startsWith('worker ready')) ready = true;
    },
  });
  await waitFor('worker', async () => ready, { timeoutMs: 90_000, process: proc });
  return { pid: proc.child.pid ?? -1, stop: () => proc.stop() };
}
