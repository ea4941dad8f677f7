import { taskQueues } from '@loyaltystudio/workflows/contracts';
import { createActivities } from '@loyaltystudio/workflows/system-check/activities';
import { loadWorkflowBundle } from '@loyaltystudio/workflows/workflow-bundle';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';

/**
 * A worker of the system task queue in this process, on the Temporal dev server the test started, so the system
 * routes' workflow round trip completes; `stop()` shuts it down and closes its connection.
 */
export async function startSystemWorker(temporal: {
  address: string;
  namespace: string;
}): Promise<{ worker: Worker; stop(): Promise<void> }> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address: temporal.address });
  const worker = await Worker.create({
    connection,
    namespace: temporal.namespace,
    taskQueue: taskQueues.system,
    workflowBundle: await loadWorkflowBundle(() => {}),
    activities: createActivities({ taskQueue: taskQueues.system, version: 'test' }),
  });
  const running = worker.run().finally(() => connection.close());
  return {
    worker,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}
