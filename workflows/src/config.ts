import { hostPort, readEnv, vars } from '@loyaltystudio/config';

/** The worker's environment. A bad value stops start-up with one line naming the variable. */
export const workerVars = {
  TEMPORAL_ADDRESS: hostPort('Temporal frontend the worker polls', '127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: vars.TEMPORAL_NAMESPACE,
  LOG_LEVEL: vars.LOG_LEVEL,
} as const;

export type WorkerConfig = ReturnType<typeof readWorkerConfig>;

export function readWorkerConfig(env: NodeJS.ProcessEnv = process.env) {
  return readEnv(workerVars, env);
}
