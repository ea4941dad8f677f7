import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnManaged, waitFor } from '../../cli/src/engines/process.ts';
import type { TemporalHandle } from '../../cli/src/engines/temporal.ts';
import { startTestTemporal } from '../../cli/src/engines/testing.ts';
import { type SystemCheckWorkflow, taskQueues, workflowIds, workflowTypes } from '../src/contracts.ts';

const WORKER_ENTRY = fileURLToPath(new URL('../src/worker.ts', import.meta.url));
const READY_LINE = `worker ready task-queue=${taskQueues.system}`;

function startWorker(env: NodeJS.ProcessEnv) {
  const lines: string[] = [];
  const proc = spawnManaged('worker', process.execPath, ['--import', 'tsx', WORKER_ENTRY], {
    env: { PATH: process.env.PATH, ...env },
    onLine: (line) => lines.push(line),
  });
  return { proc, lines };
}

describe('worker entry', () => {
  let temporal: TemporalHandle;
  beforeAll(async () => {
    temporal = await startTestTemporal();
  });
  afterAll(async () => {
    await temporal?.stop();
  });

  it('announces readiness, serves systemCheck, and exits 0 on SIGTERM', async () => {
    const { proc, lines } = startWorker({ TEMPORAL_ADDRESS: temporal.address, LOG_LEVEL: 'warn' });
    try {
      await waitFor('worker', async () => lines.includes(READY_LINE), { timeoutMs: 30_000, process: proc });

      const connection = await Connection.connect({ address: temporal.address });
      const client = new Client({ connection, namespace: temporal.namespace });
      const requestId = randomUUID();
      const result = await client.workflow.execute<SystemCheckWorkflow>(workflowTypes.systemCheck, {
        taskQueue: taskQueues.system,
        workflowId: workflowIds.systemCheck(requestId),
        args: [{ requestId }],
      });
      await connection.close();
      expect(result.requestId).toBe(requestId);
      expect(result.worker.pid).not.toBe(process.pid);
      expect(result.worker.taskQueue).toBe(taskQueues.system);
      expect(result.worker.version).toMatch(/^\d+\.\d+\.\d+$/);

      proc.child.kill('SIGTERM');
      expect(await proc.exited).toEqual({ code: 0, signal: null });
    } finally {
      await proc.stop();
    }
  });

  it('stops with one line naming a bad variable', async () => {
    const { proc, lines } = startWorker({ TEMPORAL_ADDRESS: 'localhost' });
    expect(await proc.exited).toEqual({ code: 1, signal: null });
    expect(lines).toEqual(['TEMPORAL_ADDRESS="localhost" is invalid: expected host:port']);
  });
});
