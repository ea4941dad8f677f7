import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import type { GatewayHandle, PostgresHandle, TemporalHandle } from '@loyaltystudio/engines';
import { startTestGateway, startTestPostgres, startTestTemporal } from '@loyaltystudio/engines/testing';
import { createPrismaClient, migrate, type PrismaClient } from '@loyaltystudio/prisma';
import { createClickHouseClient, migrateClickHouse } from '@loyaltystudio/warehouse';
import { ApplicationFailure, Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChurnScoringWorkflow, scheduleIds, type TenantScoring, taskQueues, workflowTypes } from '../contracts.ts';
import { jsonLogger } from '../logger.ts';
import { loadWorkflowBundle } from '../workflow-bundle.ts';
import { type ChurnScoringActivities, createActivities } from './activities.ts';
import { createPublishActivities, type PublishActivities } from './publish.ts';
import { ensureChurnScoringSchedule } from './schedules.ts';
import { createFeatureMarts, insertMembers } from './test-marts.ts';

const A = '0000000a-0000-4000-8000-00000000000a';
const B = '0000000b-0000-4000-8000-00000000000b';

describe('churnScoring workflow', () => {
  let temporal: TemporalHandle;
  let gateway: GatewayHandle;
  let postgres: PostgresHandle;
  let prisma: PrismaClient;
  let clickhouse: ClickHouseClient;
  let workerConnection: NativeConnection;
  let clientConnection: Connection;
  let client: Client;
  let workflowBundle: Awaited<ReturnType<typeof loadWorkflowBundle>>;

  beforeAll(async () => {
    Runtime.install({ logger: jsonLogger('error') }); // a test fails a tenant on purpose
    [temporal, gateway, postgres] = await Promise.all([startTestTemporal(), startTestGateway(), startTestPostgres()]);
    await migrate(postgres.url);
    prisma = createPrismaClient(postgres.url);
    clickhouse = createClickHouseClient({ url: gateway.url, username: 'monet', password: 'monet' });
    await migrateClickHouse(clickhouse);
    await createFeatureMarts(clickhouse);
    await insertMembers(clickhouse, { tenantId: A, tenant: 1, members: 300, asOf: '2026-12-01' });
    await insertMembers(clickhouse, { tenantId: B, tenant: 2, members: 40, asOf: '2026-11-30' });
    workerConnection = await NativeConnection.connect({ address: temporal.address });
    clientConnection = await Connection.connect({ address: temporal.address });
    client = new Client({ connection: clientConnection, namespace: temporal.namespace });
    workflowBundle = await loadWorkflowBundle(() => {});
  });
  afterAll(async () => {
    await clientConnection?.close();
    await workerConnection?.close();
    await clickhouse?.close();
    await prisma?.$disconnect();
    await Promise.all([temporal?.stop(), gateway?.stop(), postgres?.stop()]);
  });

  async function run(
    activities: ChurnScoringActivities & PublishActivities,
    input: Parameters<ChurnScoringWorkflow>[0] = {},
  ) {
    const taskQueue = `test-${randomUUID()}`;
    const worker = await Worker.create({
      connection: workerConnection,
      namespace: temporal.namespace,
      taskQueue,
      workflowBundle,
      activities,
    });
    return worker.runUntil(
      client.workflow.execute<ChurnScoringWorkflow>(workflowTypes.churnScoring, {
        taskQueue,
        workflowId: `churn-scoring:${randomUUID()}`,
        args: [input],
      }),
    );
  }

  it('scores every tenant with features, each in a run of its own (real activities)', async () => {
    const result = await run({
      ...createActivities({ clickhouse, clvHorizonDays: 365, batchRows: 100 }),
      ...createPublishActivities({ clickhouse, databaseUrl: postgres.url, batchRows: 64 }),
    });
    expect(
      result.tenants.map((t) => [t.tenantId, t.asOfDate, t.membersScored, t.churnModelSource, t.publishedMembers]),
    ).toEqual([
      [A, '2026-12-01', 300, 'default', 300],
      [B, '2026-11-30', 40, 'default', 40],
    ]);
    // Postgres holds each member's scores of the run, under its tenant.
    const held = await prisma.$queryRaw<{ tenant: string; run: string; n: number }[]>`
      SELECT tenant_id::text AS tenant, run_id::text AS run, count(*)::int AS n FROM member_scores
       GROUP BY 1, 2 ORDER BY 1`;
    expect(held).toEqual(result.tenants.map((t) => ({ tenant: t.tenantId, run: t.runId, n: t.membersScored })));
    const runs = await (
      await clickhouse.query({
        query:
          'SELECT toString(tenant_id) AS tenant, toString(run_id) AS run, workflow_id FROM raw.scoring_runs ORDER BY tenant',
        format: 'JSONEachRow',
      })
    ).json<{ tenant: string; run: string; workflow_id: string }>();
    expect(runs.map((r) => [r.tenant, r.run, r.workflow_id])).toEqual(
      result.tenants.map((t) => [t.tenantId, t.runId, result.workflowId]),
    );
  });

  it('scores the other tenants when one fails, then fails naming it (stubbed activities)', async () => {
    const scored: string[] = [];
    const stub: ChurnScoringActivities & PublishActivities = {
      listScoringTenants: async () => [A, B],
      publishScores: async () => ({ published: true, members: 1, removed: 0 }),
      async scoreTenant({ tenantId, runId }): Promise<TenantScoring> {
        if (tenantId === A) {
          throw ApplicationFailure.nonRetryable('churn model x refused: recency_weeks differs', 'FeatureSpecMismatch');
        }
        scored.push(tenantId);
        return {
          tenantId,
          runId,
          asOfDate: '2026-12-01',
          churnModelVersion: 'x',
          churnModelSource: 'default',
          clvModelVersion: 'y',
          membersScored: 1,
          membersRefused: 0,
          seconds: 0.1,
        };
      },
    };
    const failure = await run(stub).catch((err: unknown) => err);
    expect(scored).toEqual([B]);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const cause = (failure as WorkflowFailedError).cause as ApplicationFailure;
    expect(cause.type).toBe('ChurnScoringFailed');
    expect(cause.message).toBe(
      `scoring failed for 1 of 2 tenant(s): ${A}: churn model x refused: recency_weeks differs`,
    );
  });

  it('is scheduled daily at 04:00 UTC by default, and follows a changed cron keeping a pause', async () => {
    expect(await ensureChurnScoringSchedule(client, '0 4 * * *')).toEqual({
      scheduleId: 'churn-scoring',
      created: true,
    });
    const handle = client.schedule.getHandle(scheduleIds.churnScoring);
    const created = await handle.describe();
    expect(created.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'churnScoring',
      workflowId: 'churn-scoring',
      taskQueue: taskQueues.system,
      args: [{}],
    });
    expect(created.policies).toMatchObject({ overlap: 'SKIP' });
    expect(created.info.nextActionTimes.every((t) => t.toISOString().slice(11, 19) === '04:00:00')).toBe(true);
    await handle.pause('new model on its way');
    expect(await ensureChurnScoringSchedule(client, '30 5 * * *')).toEqual({
      scheduleId: 'churn-scoring',
      created: false,
    });
    const updated = await handle.describe();
    expect(updated.info.nextActionTimes.every((t) => t.toISOString().slice(11, 19) === '05:30:00')).toBe(true);
    expect(updated.state).toMatchObject({ paused: true, note: 'new model on its way' });
  });
});
