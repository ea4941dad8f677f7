import { randomUUID } from 'node:crypto';
import type { TemporalHandle } from '@loyaltystudio/engines';
import { startTestTemporal } from '@loyaltystudio/engines/testing';
import { ActivityFailure, ApplicationFailure, Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbtBuildWorkflow, workflowIds, workflowTypes } from '../contracts.ts';
import { jsonLogger } from '../logger.ts';
import { loadWorkflowBundle } from '../workflow-bundle.ts';
import { DBT_BUILD_FAILED, type DbtBuildActivities } from './activities.ts';

// The activities against a real warehouse are in activities.test.ts; here the workflow around them, stubbed.
describe('dbtBuild workflow', () => {
  let temporal: TemporalHandle;
  let workerConnection: NativeConnection;
  let clientConnection: Connection;
  let client: Client;
  let workflowBundle: Awaited<ReturnType<typeof loadWorkflowBundle>>;

  beforeAll(async () => {
    Runtime.install({ logger: jsonLogger('error') }); // the failure test fails an activity on purpose
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

  /** Runs one build, as its schedule would, on a task queue of its own served by the given activities. */
  async function runBuild(activities: DbtBuildActivities, scheduledAt: Date) {
    const taskQueue = `test-${randomUUID()}`;
    const worker = await Worker.create({
      connection: workerConnection,
      namespace: temporal.namespace,
      taskQueue,
      workflowBundle,
      // A build starts the sends of reports after the marts' rebuild: none here.
      activities: { reportsAfterMarts: async () => [], ...activities },
    });
    return worker.runUntil(
      client.workflow.execute<DbtBuildWorkflow>(workflowTypes.dbtBuild, {
        taskQueue,
        workflowId: `${workflowIds.dbtBuild(scheduledAt)}-${randomUUID()}`,
        args: [],
      }),
    );
  }

  it("returns the activity's report with its own workflow id", async () => {
    const counts = { pass: 97, warn: 1, error: 0, skip: 0, noOp: 0, total: 98 };
    const result = await runBuild(
      { buildMarts: async () => ({ startedAt: '2026-03-01T12:15:00.250Z', seconds: 18.4, counts }) },
      new Date('2026-03-01T12:15:00Z'),
    );
    expect(result).toEqual({
      workflowId: expect.stringMatching(/^dbt-build-2026-03-01T12:15:00Z-/),
      startedAt: '2026-03-01T12:15:00.250Z',
      seconds: 18.4,
      counts,
    });
  });

  it("fails at the first failed build in which a model failed, with dbt's output", async () => {
    let attempts = 0;
    const failure = await runBuild(
      {
        async buildMarts() {
          attempts += 1;
          throw ApplicationFailure.create({
            type: DBT_BUILD_FAILED,
            message: 'dbt build failed: 1 of 98 nodes errored, 4 skipped:\nDatabase Error in model member_360',
            nonRetryable: true,
          });
        },
      },
      new Date(),
    ).catch((err: unknown) => err);

    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const activityFailure = (failure as WorkflowFailedError).cause;
    expect(activityFailure).toBeInstanceOf(ActivityFailure);
    const cause = activityFailure?.cause as ApplicationFailure;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause.type).toBe(DBT_BUILD_FAILED);
    expect(cause.message).toContain('Database Error in model member_360');
    expect(attempts).toBe(1);
  });
});
