import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { ApiTest, TestTenant } from '@loyaltystudio/api/testing';
import { type ModelsApiTest, startModelsApiTest } from '@loyaltystudio/api/testing/models';
import type { GatewayHandle, TemporalHandle } from '@loyaltystudio/engines';
import { resolveModel } from '@loyaltystudio/ml';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../src/churn-scoring/activities.ts';
import { createPublishActivities } from '../src/churn-scoring/publish.ts';
import { createFeatureMarts } from '../src/churn-scoring/test-marts.ts';
import { type ChurnScoringWorkflow, workflowTypes } from '../src/contracts.ts';
import { loadWorkflowBundle } from '../src/workflow-bundle.ts';

const REPO = new URL('../../', import.meta.url).pathname;
const MEMBERS = 800;
const AS_OF = '2026-12-01';

/**
 * A history training accepts (ml/README.md's minimum): members who buy every 4–28 days from enrolment until they
 * leave, 30 to 450 days in, or the as-of date. The marts are made from it in SQL, as dbt would: the purchase days,
 * monthly feature snapshots computed only from the days before each, and the lifetime-value inputs at the as-of date.
 */
async function insertHistory(clickhouse: ApiTest['clickhouse'], tenantId: string): Promise<void> {
  await clickhouse.command({
    query: `CREATE TABLE IF NOT EXISTS marts.member_activity (tenant_id UUID, member_id UUID,
      purchase_days Array(Date), purchase_programs Array(UUID)) ENGINE = MergeTree ORDER BY (tenant_id, member_id)`,
  });
  const members = `
    SELECT toUUID(concat('00000000-0000-4000-8000-', leftPad(lower(hex(number)), 12, '0'))) AS member_id,
           toDate('2025-09-01') + number % 60 AS enrolled, 4 + number % 25 AS every,
           least(enrolled + 30 + (number * 97) % 420, toDate('${AS_OF}')) AS leaves,
           arrayMap(k -> enrolled + k * every, range(toUInt32(intDiv(leaves - enrolled, every) + 1))) AS days
    FROM numbers(${MEMBERS})`;
  await clickhouse.command({
    query: `INSERT INTO marts.member_activity SELECT {t:UUID}, member_id, days, [] FROM (${members})`,
    query_params: { t: tenantId },
  });
  await clickhouse.command({
    query: `INSERT INTO marts.member_features
      SELECT {t:UUID}, member_id, snap, toInt32(snap - enrolled), if(length(seen) = 0, NULL, toInt32(snap - seen[-1])),
             toUInt32(arrayCount(d -> d > snap - 90, seen)), toUInt32(arrayCount(d -> d > snap - 365, seen)),
             toInt64(550 * arrayCount(d -> d > snap - 90, seen)), toInt64(550 * arrayCount(d -> d > snap - 365, seen)),
             if(length(seen) = 0, NULL, toInt64(550)), NULL, toInt64(10 * length(seen)), toUInt32(0), NULL,
             toInt32(length(seen) > 20), toUInt32(0), NULL
      FROM (${members})
      ARRAY JOIN arrayMap(m -> addMonths(toDate('2025-12-01'), m), range(13)) AS snap
      ARRAY JOIN [arrayFilter(d -> d <= snap, days)] AS seen
      WHERE enrolled <= snap`,
    query_params: { t: tenantId },
  });
  await clickhouse.command({
    query: `INSERT INTO marts.member_repeat_purchases
      SELECT {t:UUID}, member_id, toDate('${AS_OF}'), enrolled, days[1], length(days), length(days) - 1,
             toInt32(days[-1] - days[1]), toInt32(toDate('${AS_OF}') - days[1]), toInt64(550 * (length(days) - 1)),
             if(length(days) > 1, 550.0, NULL)
      FROM (${members})`,
    query_params: { t: tenantId },
  });
}

/**
 * `npm run ml:train` on a tenant's marts writes a version of its own; the next scoring run (the workflow, real
 * activities) scores with it, and GET /v1/models lists it as the tenant's current churn model beside the shipped one.
 */
describe('a tenant retrained with npm run ml:train', () => {
  let stack: ModelsApiTest;
  let t: ApiTest;
  let gateway: GatewayHandle;
  let temporal: TemporalHandle;
  let modelsDir: string;
  let tenant: TestTenant;
  let other: TestTenant;

  beforeAll(async () => {
    // The marts GET /v1/models reads realised quality from are empty: no run's horizon has passed.
    stack = await startModelsApiTest();
    ({ api: t, gateway, temporal, modelsDir } = stack);
    await createFeatureMarts(t.clickhouse);
    [tenant, other] = await Promise.all([t.tenant(), t.tenant()]);
    await insertHistory(t.clickhouse, tenant.id);
  }, 180_000);
  afterAll(() => stack?.stop());

  it('trains a version of its own, scores the tenant with it, and lists it', async () => {
    const shipped = resolveModel('churn', { tenantId: tenant.id });
    await promisify(execFile)(
      'npm',
      ['run', '--silent', 'ml:train', '--', '--tenant', tenant.id, '--clickhouse-url', gateway.url],
      { cwd: REPO, env: { ...process.env, ML_MODELS_DIR: modelsDir } },
    );
    const own = resolveModel('churn', { tenantId: tenant.id, modelsDir });
    expect(own.source).toBe('tenant');
    expect(own.version > shipped.version).toBe(true);
    expect(resolveModel('clv', { tenantId: tenant.id, modelsDir }).source).toBe('tenant');
    // Another tenant keeps the shipped model.
    expect(resolveModel('churn', { tenantId: other.id, modelsDir }).source).toBe('default');

    const workerConnection = await NativeConnection.connect({ address: temporal.address });
    const connection = await Connection.connect({ address: temporal.address });
    try {
      const taskQueue = `test-${randomUUID()}`;
      const worker = await Worker.create({
        connection: workerConnection,
        namespace: temporal.namespace,
        taskQueue,
        workflowBundle: await loadWorkflowBundle(() => {}),
        activities: {
          ...createActivities({ clickhouse: t.clickhouse, modelsDir, clvHorizonDays: 365, batchRows: 256 }),
          ...createPublishActivities({ clickhouse: t.clickhouse, databaseUrl: t.pg.url }),
        },
      });
      const client = new Client({ connection, namespace: temporal.namespace });
      const result = await worker.runUntil(
        client.workflow.execute<ChurnScoringWorkflow>(workflowTypes.churnScoring, {
          taskQueue,
          workflowId: `churn-scoring:${randomUUID()}`,
          args: [{ tenantIds: [tenant.id] }],
        }),
      );
      const [run] = result.tenants;
      expect(run).toMatchObject({
        tenantId: tenant.id,
        churnModelVersion: own.version,
        churnModelSource: 'tenant',
        membersScored: MEMBERS,
        publishedMembers: MEMBERS,
      });
    } finally {
      await connection.close();
      await workerConnection.close();
    }

    const res = await t.app.inject({ method: 'GET', url: '/v1/models', headers: tenant.as('viewer') });
    expect(res.statusCode, res.body).toBe(200);
    const churn = res.json().churn as { version: string; source: string; current: boolean }[];
    expect(churn.find((m) => m.version === own.version)).toMatchObject({ source: 'tenant', current: true });
    expect(churn.find((m) => m.version === shipped.version)).toMatchObject({ source: 'default', current: false });
    // Another tenant sees the shipped model only, as its current one: never this tenant's version.
    const theirs = await t.app.inject({ method: 'GET', url: '/v1/models', headers: other.as('viewer') });
    const listed = theirs.json().churn as { version: string; current: boolean }[];
    expect(listed.map((m) => m.version)).not.toContain(own.version);
    expect(listed.find((m) => m.version === shipped.version)?.current).toBe(true);
  }, 300_000);
});
