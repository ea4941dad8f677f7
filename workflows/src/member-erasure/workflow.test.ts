import { randomUUID } from 'node:crypto';
import { type ApiTest, startApiTest } from '@loyaltystudio/api/testing';
import type { TemporalHandle } from '@loyaltystudio/engines';
import { startTestTemporal } from '@loyaltystudio/engines/testing';
import { createClickHouseClient } from '@loyaltystudio/warehouse';
import { ApplicationFailure, Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MemberErasureInput, type MemberErasureWorkflow, workflowIds, workflowTypes } from '../contracts.ts';
import { jsonLogger } from '../logger.ts';
import { loadWorkflowBundle } from '../workflow-bundle.ts';
import { createActivities, MEMBER_NOT_ERASED, type MemberErasureActivities } from './activities.ts';

// The whole way through real engines is workflows/test/member-erasure.test.ts; here the workflow's own logic.
describe('memberErasure workflow', () => {
  let temporal: TemporalHandle;
  let api: ApiTest;
  let workerConnection: NativeConnection;
  let clientConnection: Connection;
  let client: Client;
  let workflowBundle: Awaited<ReturnType<typeof loadWorkflowBundle>>;

  beforeAll(async () => {
    Runtime.install({ logger: jsonLogger('error') }); // one test fails a workflow on purpose
    [temporal, api] = await Promise.all([startTestTemporal(), startApiTest()]);
    workerConnection = await NativeConnection.connect({ address: temporal.address });
    clientConnection = await Connection.connect({ address: temporal.address });
    client = new Client({ connection: clientConnection, namespace: temporal.namespace });
    workflowBundle = await loadWorkflowBundle(() => {});
  });
  afterAll(async () => {
    await clientConnection?.close();
    await workerConnection?.close();
    await Promise.all([temporal?.stop(), api?.stop()]);
  });

  async function erase(activities: MemberErasureActivities, input: MemberErasureInput) {
    const taskQueue = `test-${randomUUID()}`;
    const worker = await Worker.create({
      connection: workerConnection,
      namespace: temporal.namespace,
      taskQueue,
      workflowBundle,
      activities,
    });
    return worker.runUntil(
      client.workflow.execute<MemberErasureWorkflow>(workflowTypes.memberErasure, {
        taskQueue,
        workflowId: workflowIds.memberErasure(input.tenantId, input.memberId),
        args: [input],
      }),
    );
  }

  it('takes its steps in order, each with what the one before found (stubbed activities)', async () => {
    const calls: [string, unknown][] = [];
    const step =
      <A extends unknown[], R>(name: string, result: R) =>
      async (...args: A) => {
        calls.push([name, args[0]]);
        return result;
      };
    const ref = { tenantId: randomUUID(), memberId: randomUUID() };
    const result = await erase(
      {
        checkErased: step('checkErased', { position: '0/16B3748' }),
        awaitChangeStream: step('awaitChangeStream', { caughtUpAt: '2026-03-01T10:00:00.000Z' }),
        eraseRawHistory: step('eraseRawHistory', { members: 2, events: 3 }),
        awaitMartBuilds: step('awaitMartBuilds', { builds: 1 }),
        eraseMartRows: step('eraseMartRows', { rows: { member_360: 1 }, erasedAt: '2026-03-01T10:00:05.000Z' }),
        removeExportFiles: step('removeExportFiles', { removed: 2 }),
        recordWarehouseErasure: step('recordWarehouseErasure', { warehouseErasedAt: '2026-03-01T10:00:06.000Z' }),
      },
      ref,
    );

    expect(calls).toEqual([
      ['checkErased', ref],
      ['awaitChangeStream', { position: '0/16B3748' }],
      ['eraseRawHistory', ref],
      ['awaitMartBuilds', { startedBefore: '2026-03-01T10:00:00.000Z' }],
      ['eraseMartRows', ref],
      ['removeExportFiles', { ...ref, createdBefore: '2026-03-01T10:00:05.000Z' }],
      ['recordWarehouseErasure', ref],
    ]);
    expect(result).toEqual({
      workflowId: workflowIds.memberErasure(ref.tenantId, ref.memberId),
      ...ref,
      warehouseErasedAt: '2026-03-01T10:00:06.000Z',
      rawVersionsDeleted: { members: 2, events: 3 },
      martRowsErased: { member_360: 1 },
      exportFilesRemoved: 2,
    });
  });

  it('deletes nothing of a member who is not erased, and fails for good (real activities)', async () => {
    const tenant = await api.tenant();
    const member = await api.prisma.member.create({ data: { tenantId: tenant.id, externalId: 'still-here' } });
    // Nothing may be reached past the first step: ClickHouse does not even exist here.
    const clickhouse = createClickHouseClient({ url: 'http://127.0.0.1:9', username: 'x', password: 'x' });
    const activities = createActivities({
      prisma: api.prisma,
      clickhouse,
      cdcSlot: 'monet_cdc',
      exportsDir: '/nowhere',
    });

    for (const memberId of [member.id, randomUUID()]) {
      const failure = await erase(activities, { tenantId: tenant.id, memberId }).catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      const cause = (failure as WorkflowFailedError).cause?.cause;
      expect(cause).toBeInstanceOf(ApplicationFailure);
      expect((cause as ApplicationFailure).type).toBe(MEMBER_NOT_ERASED);
      expect((cause as ApplicationFailure).message).toMatch(/is not (erased|found): nothing is deleted$/);
    }
    await clickhouse.close();
  });
});
