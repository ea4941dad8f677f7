import { taskQueues } from '@loyaltystudio/workflows/contracts';
import { createActivities } from '@loyaltystudio/workflows/system-check/activities';
import { loadWorkflowBundle } from '@loyaltystudio/workflows/workflow-bundle';
import { DefaultLogger, type LogEntry, NativeConnection, Runtime, Worker } from '@temporalio/worker';

/**
 * Tasks of the other workflows on the system queue (an erasure, a report the routes under test started) fail on this
 * worker, which has only the system check: expected, and kept out of the test's output. Everything else is shown.
 */
const NOT_SERVED = /no such function is exported by the workflow bundle|is not registered on this Worker/;
const logger = new DefaultLogger('WARN', (entry: LogEntry) => {
  const causes: string[] = [];
  for (let e = (entry.meta as { error?: unknown } | undefined)?.error; e instanceof Error; e = e.cause) {
    causes.push(e.message);
  }
  if (NOT_SERVED.test(`${entry.message} ${causes.join(' ')}`)) return;
  console.error(`[${entry.level}] ${entry.message}`, entry.meta ?? '');
});

/**
 * A worker of the system task queue in this process, on the Temporal dev server the test started, so the system
 * routes' workflow round trip completes; `stop()` shuts it down and closes its connection. Once per process: the
 * Temporal runtime is installed once.
 */
export async function startSystemWorker(temporal: {
  address: string;
  namespace: string;
}): Promise<{ worker: Worker; stop(): Promise<void> }> {
  // The native side's warnings about the same failed tasks are left out too: only its errors are printed.
  Runtime.install({ logger, telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } } });
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
