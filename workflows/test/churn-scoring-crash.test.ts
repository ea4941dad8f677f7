import { fileURLToPath } from 'node:url';
import type { ClickHouseClient } from '@clickhouse/client';
import type { GatewayHandle, PostgresHandle, TemporalHandle } from '@loyaltystudio/engines';
import { type ManagedProcess, spawnManaged, waitFor } from '@loyaltystudio/engines';
import { startTestGateway, startTestPostgres, startTestTemporal, tempDir } from '@loyaltystudio/engines/testing';
import { createPrismaClient, migrate } from '@loyaltystudio/prisma';
import { createClickHouseClient, migrateClickHouse } from '@loyaltystudio/warehouse';
import { Client, Connection } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../src/churn-scoring/activities.ts';
import { createPublishActivities } from '../src/churn-scoring/publish.ts';
import { createFeatureMarts, insertMembers } from '../src/churn-scoring/test-marts.ts';
import {
  type ChurnScoringWorkflow,
  housekeepingJobs,
  type TenantScoring,
  taskQueues,
  workflowIds,
  workflowTypes,
} from '../src/contracts.ts';

const WORKER_ENTRY = fileURLToPath(new URL('../src/worker.ts', import.meta.url));
const READY_LINE = `worker ready task-queue=${taskQueues.system}`;
const QUIET_CRON = '0 0 1 1 *';
const TENANT = '0000000a-0000-4000-8000-00000000000a';
/** Enough members for many pages of PAGE: the kill lands after the first ones. */
const MEMBERS = 150_000;
const PAGE = 5_000;

/**
 * The worker is killed (SIGKILL) while it scores a tenant, then a new worker starts: until the run completes, the
 * tenant's latest completed run is still the previous one (its scores are what the marts show); the activity's next
 * attempt resumes after the last page written, and the run completes with every member scored once.
 */
describe('a worker killed while it scores a tenant', () => {
  let temporal: TemporalHandle;
  let gateway: GatewayHandle;
  // The worker publishes a completed run's scores to Postgres (and its other jobs read it at start).
  let postgres: PostgresHandle;
  let clickhouse: ClickHouseClient;
  let connection: Connection;
  let client: Client;
  const home = tempDir('crash-home');
  const workers: ManagedProcess[] = [];

  beforeAll(async () => {
    [temporal, gateway, postgres] = await Promise.all([startTestTemporal(), startTestGateway(), startTestPostgres()]);
    await migrate(postgres.url);
    clickhouse = createClickHouseClient({ url: gateway.url, username: 'monet', password: 'monet' });
    await migrateClickHouse(clickhouse);
    await createFeatureMarts(clickhouse);
    await insertMembers(clickhouse, { tenantId: TENANT, tenant: 1, members: MEMBERS, asOf: '2026-12-01' });
    connection = await Connection.connect({ address: temporal.address });
    client = new Client({ connection, namespace: temporal.namespace });
  }, 180_000);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await connection?.close();
    await clickhouse?.close();
    await Promise.all([temporal?.stop(), gateway?.stop(), postgres?.stop()]);
    home.remove();
  });

  async function startWorker(): Promise<ManagedProcess> {
    const lines: string[] = [];
    const crons = Object.fromEntries(
      housekeepingJobs.map((job) => [`HOUSEKEEPING_${job.toUpperCase().replaceAll('-', '_')}_CRON`, QUIET_CRON]),
    );
    const proc = spawnManaged('worker', process.execPath, ['--import', 'tsx', WORKER_ENTRY], {
      env: {
        PATH: process.env.PATH,
        TEMPORAL_ADDRESS: temporal.address,
        CLICKHOUSE_URL: gateway.url,
        DATABASE_URL: postgres.url,
        MONET_HOME: home.path,
        LOG_LEVEL: 'warn',
        DBT_BUILD_CRON: QUIET_CRON,
        CHURN_SCORING_CRON: QUIET_CRON,
        SCORING_BATCH_ROWS: String(PAGE),
        ...crons,
      },
      onLine: (line) => lines.push(line),
    });
    workers.push(proc);
    // A busy machine can take minutes to bundle the workflows at start (monet up allows three).
    await waitFor('worker', async () => lines.includes(READY_LINE), { timeoutMs: 180_000, process: proc });
    return proc;
  }

  async function count(query: string, params: Record<string, unknown>): Promise<number> {
    const [row] = await (await clickhouse.query({ query, query_params: params, format: 'JSONEachRow' })).json<{
      n: string;
    }>();
    return Number(row?.n ?? 0);
  }
  const completedRuns = () =>
    clickhouse
      .query({
        query:
          'SELECT toString(run_id) AS run FROM raw.scoring_runs FINAL WHERE tenant_id = {t:UUID} ORDER BY completed_at',
        query_params: { t: TENANT },
        format: 'JSONEachRow',
      })
      .then((r) => r.json<{ run: string }>())
      .then((rows) => rows.map((r) => r.run));

  it('keeps the previous run as the latest completed one until the new run completes, every member once', async () => {
    // A previous run, completed.
    const previous = '00000000-0000-4000-8000-000000000001';
    const env = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });
    await env.run(createActivities({ clickhouse, clvHorizonDays: 365, batchRows: 50_000 }).scoreTenant, {
      tenantId: TENANT,
      runId: previous,
      workflowId: 'earlier',
    });
    expect(await completedRuns()).toEqual([previous]);
    const prisma = createPrismaClient(postgres.url);
    // Postgres holds the previous run's scores of every member (the run's publication, as the workflow does it).
    await env.run(createPublishActivities({ clickhouse, databaseUrl: postgres.url }).publishScores, {
      tenantId: TENANT,
      runId: previous,
    });
    const held = () =>
      prisma.$queryRaw<{ run: string; n: number }[]>`
        SELECT run_id::text AS run, count(*)::int AS n FROM member_scores WHERE tenant_id = ${TENANT}::uuid GROUP BY 1`;
    const before = await held();
    expect(before).toEqual([{ run: previous, n: expect.any(Number) }]);

    const first = await startWorker();
    const workflowId = workflowIds.churnScoringRequest('crash');
    const handle = await client.workflow.start<ChurnScoringWorkflow>(workflowTypes.churnScoring, {
      taskQueue: taskQueues.system,
      workflowId,
      args: [{ tenantIds: [TENANT] }],
    });
    const newScores = () =>
      count('SELECT count() AS n FROM raw.member_scores WHERE tenant_id = {t:UUID} AND run_id != {p:UUID}', {
        t: TENANT,
        p: previous,
      });
    await waitFor('the first pages written', async () => (await newScores()) > 0, {
      timeoutMs: 120_000,
      intervalMs: 20,
    });
    first.child.kill('SIGKILL');
    await first.exited;

    const partial = await newScores();
    expect(partial).toBeLessThan(MEMBERS);
    // Stopped halfway: no record of the new run, so the previous run stays the latest completed one, and Postgres
    // keeps the previous run's scores of every member.
    expect(await completedRuns()).toEqual([previous]);
    expect(await held()).toEqual(before);

    // A new worker: the activity times out on its heartbeat, and its next attempt resumes after the last page.
    await startWorker();
    const result = await handle.result();
    const run: TenantScoring = result.tenants[0]!;
    expect(run.membersScored + run.membersRefused).toBe(MEMBERS);
    expect(await completedRuns()).toEqual([previous, run.runId]);
    expect(
      await count('SELECT count() AS n FROM raw.member_scores FINAL WHERE run_id = {r:UUID}', { r: run.runId }),
    ).toBe(run.membersScored);
    expect(
      await count('SELECT uniqExact(member_id) AS n FROM raw.member_scores WHERE run_id = {r:UUID}', { r: run.runId }),
    ).toBe(run.membersScored);
    // Then the new run's scores replaced them in Postgres, whole.
    expect(run.publishedMembers).toBe(run.membersScored);
    expect(await held()).toEqual([{ run: run.runId, n: run.membersScored }]);
    await prisma.$disconnect();
  }, 600_000);
});
