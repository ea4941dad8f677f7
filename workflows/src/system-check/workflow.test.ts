import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { TemporalHandle } from '@loyaltystudio/engines';
import { startTestTemporal } from '@loyaltystudio/engines/testing';
import { ApplicationFailure } from '@temporalio/activity';
import { ActivityFailure, Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SystemCheckWorkflow, type WorkerReport, workflowIds, workflowTypes } from '../contracts.ts';
import { jsonLogger } from '../logger.ts';
import { loadWorkflowBundle } from '../workflow-bundle.ts';
import { createActivities, type SystemCheckActivities } from './activities.ts';

describe('systemCheck workflow', () => {
  let temporal: TemporalHandle;
  let workerConnection: NativeConnection;
  let clientConnection: Connection;
  let client: Client;
  let workflowBundle: Awaited<ReturnType<typeof loadWorkflowBundle>>;

  beforeAll(async () => {
    Runtime.install({ logger: jsonLogger('error') }); // the retry test fails activities on purpose
    temporal = await startTestTemporal();
    workerConnection = await NativeConnection.connect({ address: temporal.address });
    clientConnection = await Connection.connect({ address: temporal.address });
    client = new Client({ connection: clientConnection, namespace: temporal.namespace });
    workflowBundle = await loadWorkflowBundle(() => {});
  });
  afterAll(async () => {
    await clientConnection?.close();
    await workerConnection?.close();
    await temporal?.stop();
  });

  /** Runs one systemCheck on its own task queue, served by a worker with the given activities. */
  async function runSystemCheck(taskQueue: string, activities: SystemCheckActivities, requestId = randomUUID()) {
    const worker = await Worker.create({
      connection: workerConnection,
      namespace: temporal.namespace,
      taskQueue,
      workflowBundle,
      activities,
    });
    return worker.runUntil(async () => {
      const handle = await client.workflow.start<SystemCheckWorkflow>(workflowTypes.systemCheck, {
        taskQueue,
        workflowId: workflowIds.systemCheck(requestId),
        args: [{ requestId }],
      });
      return { handle, result: await handle.result() };
    });
  }

  it('returns the report of the worker that ran its activity, with its own ids', async () => {
    const taskQueue = `test-${randomUUID()}`;
    const requestId = randomUUID();
    const before = Date.now();
    const { handle, result } = await runSystemCheck(
      taskQueue,
      createActivities({ taskQueue, version: '9.9.9' }),
      requestId,
    );

    expect(result).toEqual({
      requestId,
      workflowId: `system-check:${requestId}`,
      runId: handle.firstExecutionRunId,
      worker: { hostname: hostname(), pid: process.pid, taskQueue, version: '9.9.9', reportedAt: expect.any(String) },
    });
    const reportedAt = Date.parse(result.worker.reportedAt);
    expect(reportedAt).toBeGreaterThanOrEqual(before);
    expect(reportedAt).toBeLessThanOrEqual(Date.now());
  });

  it('passes the activity result through unchanged (stubbed activity)', async () => {
    const report: WorkerReport = {
      hostname: 'stub-host',
      pid: 42,
      taskQueue: 'stub-queue',
      version: '0.0.0',
      reportedAt: '2026-01-01T00:00:00.000Z',
    };
    const { result } = await runSystemCheck(`test-${randomUUID()}`, { reportWorker: async () => report });
    expect(result.worker).toEqual(report);
  });

  it('gives up after three failed attempts (stubbed activity)', async () => {
    let attempts = 0;
    const failing: SystemCheckActivities = {
      async reportWorker() {
        attempts += 1;
        throw ApplicationFailure.create({ message: `attempt ${attempts} failed` });
      },
    };
    const failure = await runSystemCheck(`test-${randomUUID()}`, failing).catch((err: unknown) => err);

    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const activityFailure = (failure as WorkflowFailedError).cause;
    expect(activityFailure).toBeInstanceOf(ActivityFailure);
    const lastAttempt = activityFailure?.cause;
    expect(lastAttempt).toBeInstanceOf(ApplicationFailure);
    expect((lastAttempt as ApplicationFailure).message).toBe('attempt 3 failed');
    expect(attempts).toBe(3);
  });
});
