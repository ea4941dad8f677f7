// The worker process: `node --import tsx workflows/src/worker.ts`, configured by environment variables only.
// It prints `worker ready task-queue=<queue>` once it polls, and stops gracefully on SIGINT or SIGTERM
// (the SDK's runtime calls worker.shutdown() on those signals, lets running tasks finish, then run() resolves).
import { ConfigError } from '@loyaltystudio/config';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import pkg from '../package.json' with { type: 'json' };
import { readWorkerConfig } from './config.ts';
import { taskQueues } from './contracts.ts';
import { jsonLogger } from './logger.ts';
import { createActivities } from './system-check/activities.ts';
import { loadWorkflowBundle } from './workflow-bundle.ts';

async function main(): Promise<void> {
  const config = readWorkerConfig();
  Runtime.install({ logger: jsonLogger(config.LOG_LEVEL) });
  const taskQueue = taskQueues.system;
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS }).catch((err: unknown) => {
    throw new Error(`cannot reach Temporal at TEMPORAL_ADDRESS=${config.TEMPORAL_ADDRESS}: ${message(err)}`);
  });
  try {
    const workflowBundle = await loadWorkflowBundle((line) => console.log(line));
    const worker = await Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue,
      workflowBundle,
      activities: createActivities({ taskQueue, version: pkg.version }),
    });
    const running = worker.run();
    console.log(`worker ready task-queue=${taskQueue}`);
    await running;
  } finally {
    await connection.close();
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : `worker failed: ${message(err)}`);
    process.exit(1);
  },
);
