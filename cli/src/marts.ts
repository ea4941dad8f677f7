import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@loyaltystudio/engines';
import { createClickHouseClient, runDbt } from '@loyaltystudio/warehouse';
import {
  type ChurnScoringWorkflow,
  type DbtBuildResult,
  taskQueues,
  workflowIds,
  workflowTypes,
} from '@loyaltystudio/workflow-contracts';
import { triggerDbtBuild } from '@loyaltystudio/workflows/dbt-build/schedules';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';

/** The tables whose rows the first build needs in the warehouse: a tenant's members and their history. */
const CAUGHT_UP_TABLES = ['members', 'events', 'ledger_entries'] as const;

export interface FirstBuildOptions {
  databaseUrl: string;
  clickhouse: { url: string; username: string; password: string };
  temporal: { address: string; namespace: string };
  /** The tenant the first start seeded. */
  tenantSlug: string;
  step: (message: string) => void;
  /** How long to wait for the change stream to copy the tenant before building anyway. */
  catchUpTimeoutMs?: number;
  /** Where dbt keeps target/ and logs/ for the rebuild of the prediction marts (default: the system's temp dir). */
  dbtWorkDir?: string;
  /** How long the build may take. */
  buildTimeoutMs?: number;
}

/** A tenant's rows per table in Postgres and, collapsed, in ClickHouse's raw tables. */
async function rowCounts(
  db: pg.Client,
  clickhouse: ReturnType<typeof createClickHouseClient>,
  tenantSlug: string,
): Promise<{ table: string; postgres: number; warehouse: number }[]> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM tenants WHERE slug = $1', [tenantSlug]);
  const tenantId = rows[0]?.id;
  if (!tenantId) throw new Error(`no tenant ${tenantSlug} in Postgres`);
  const counts = [];
  for (const table of CAUGHT_UP_TABLES) {
    const postgres = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [
      tenantId,
    ]);
    const warehouse = await clickhouse.query({
      query: `SELECT count() AS n FROM raw.${table} FINAL WHERE tenant_id = {tenant:UUID} AND _deleted = 0`,
      query_params: { tenant: tenantId },
      format: 'JSONEachRow',
    });
    const [row] = await warehouse.json<{ n: string }>();
    counts.push({ table, postgres: postgres.rows[0]!.n, warehouse: Number(row?.n ?? 0) });
  }
  return counts;
}

/**
 * The first start's build of the marts, so the dashboard shows analytics at once: waits until the change stream
 * has copied the seeded tenant's members, events and ledger into ClickHouse, then runs one build through the
 * `dbt-build` schedule (on the worker, never overlapping a scheduled build). Later builds come from the schedule.
 */
export async function buildMartsOnFirstStart(opts: FirstBuildOptions): Promise<DbtBuildResult> {
  const db = new pg.Client({ connectionString: opts.databaseUrl });
  const clickhouse = createClickHouseClient(opts.clickhouse);
  await db.connect();
  try {
    const catchUpMs = opts.catchUpTimeoutMs ?? 120_000;
    let last: Awaited<ReturnType<typeof rowCounts>> = [];
    await waitFor(
      'the change stream',
      async () => {
        last = await rowCounts(db, clickhouse, opts.tenantSlug);
        return last.every((c) => c.warehouse === c.postgres);
      },
      { timeoutMs: catchUpMs, intervalMs: 250 },
    ).catch(() => {
      const behind = last.map((c) => `${c.table} ${c.warehouse}/${c.postgres}`).join(', ');
      opts.step(`marts: the change stream has not caught up after ${catchUpMs / 1000} s (${behind}); building anyway`);
    });
  } finally {
    await db.end();
    await clickhouse.close();
  }

  opts.step('marts: building (dbt build)');
  const connection = await Connection.connect({ address: opts.temporal.address });
  try {
    const client = new Client({ connection, namespace: opts.temporal.namespace });
    const build = await triggerDbtBuild(client, { timeoutMs: opts.buildTimeoutMs ?? 10 * 60_000 });
    await scoreOnFirstStart(client, opts).catch((err: unknown) => {
      const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0];
      opts.step(`models: not scored: ${reason}; the churn-scoring schedule scores daily (CHURN_SCORING_CRON)`);
    });
    return build;
  } finally {
    await connection.close();
  }
}

/**
 * Churn risk and lifetime value for the demo at once, rather than at the next daily tick: one churn-scoring run of the
 * seeded tenant on the worker (with the shipped models), which also puts each member's scores on the member in
 * Postgres (GET /v1/members/{id}), then a run of member_predictions alone (the analytics member page, segments).
 */
async function scoreOnFirstStart(client: Client, opts: FirstBuildOptions): Promise<void> {
  const t0 = performance.now();
  const db = new pg.Client({ connectionString: opts.databaseUrl });
  await db.connect();
  const tenantId = await db
    .query<{ id: string }>('SELECT id FROM tenants WHERE slug = $1', [opts.tenantSlug])
    .then((r) => r.rows[0]?.id)
    .finally(() => db.end());
  if (!tenantId) throw new Error(`no tenant ${opts.tenantSlug}`);
  const result = await client.workflow.execute<ChurnScoringWorkflow>(workflowTypes.churnScoring, {
    taskQueue: taskQueues.system,
    workflowId: workflowIds.churnScoringRequest(`first-start-${tenantId}`),
    args: [{ tenantIds: [tenantId] }],
  });
  await runDbt({
    // The first build made the staging views; model_quality waits for the horizon anyway.
    args: ['run', '--select', 'member_predictions'],
    clickhouseUrl: opts.clickhouse.url,
    username: opts.clickhouse.username,
    password: opts.clickhouse.password,
    workDir: opts.dbtWorkDir ?? join(tmpdir(), 'monet-dbt-first-start'),
  });
  const run = result.tenants[0];
  opts.step(
    `models: scored ${run?.membersScored ?? 0} members (churn ${run?.churnModelVersion}, ${run?.churnModelSource}; ` +
      `${run?.publishedMembers ?? 0} on members in Postgres) ` +
      `in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}
