import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { type ApiTest, startApiTest } from '@loyaltystudio/api/testing';
import type { TemporalHandle } from '@loyaltystudio/engines';
import { spawnManaged, waitFor } from '@loyaltystudio/engines';
import { startTestTemporal } from '@loyaltystudio/engines/testing';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type HousekeepingWorkflow,
  housekeepingJobs,
  type SystemCheckWorkflow,
  scheduleIds,
  taskQueues,
  workflowIds,
  workflowTypes,
} from '../src/contracts.ts';
import { balanceOf, heldRedemption } from './housekeeping-fixtures.ts';

const WORKER_ENTRY = fileURLToPath(new URL('../src/worker.ts', import.meta.url));
const READY_LINE = `worker ready task-queue=${taskQueues.system}`;
// Ticks that never come while the test runs: the test triggers the passes it wants itself.
const QUIET_CRON = '0 0 1 1 *';

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
  let api: ApiTest;
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    [temporal, api] = await Promise.all([startTestTemporal(), startApiTest()]);
    connection = await Connection.connect({ address: temporal.address });
    client = new Client({ connection, namespace: temporal.namespace });
  });
  afterAll(async () => {
    await connection?.close();
    await Promise.all([temporal?.stop(), api?.stop()]);
  });

  const workerEnv = (extra: NodeJS.ProcessEnv = {}) => ({
    TEMPORAL_ADDRESS: temporal.address,
    DATABASE_URL: api.pg.url,
    LOG_LEVEL: 'warn',
    HOUSEKEEPING_REDEMPTION_HOLDS_CRON: QUIET_CRON,
    HOUSEKEEPING_POINTS_EXPIRY_CRON: QUIET_CRON,
    HOUSEKEEPING_TIER_DOWNGRADES_CRON: QUIET_CRON,
    HOUSEKEEPING_SESSIONS_CRON: QUIET_CRON,
    HOUSEKEEPING_IDEMPOTENCY_KEYS_CRON: QUIET_CRON,
    DBT_BUILD_CRON: QUIET_CRON,
    ...extra,
  });
  const schedule = (job: (typeof housekeepingJobs)[number]) => client.schedule.getHandle(scheduleIds.housekeeping(job));

  /** Runs the worker until `use` is done, then stops it with SIGTERM and expects a clean exit. */
  async function withWorker(env: NodeJS.ProcessEnv, use: () => Promise<void>) {
    const { proc, lines } = startWorker(env);
    try {
      await waitFor('worker', async () => lines.includes(READY_LINE), { timeoutMs: 30_000, process: proc });
      await use();
      proc.child.kill('SIGTERM');
      expect(await proc.exited).toEqual({ code: 0, signal: null });
    } finally {
      await proc.stop();
    }
  }

  it('is ready with its schedules in place, serves systemCheck, expires a held redemption, exits 0 on SIGTERM', async () => {
    await withWorker(workerEnv(), async () => {
      // Ready means the schedules exist.
      for (const job of housekeepingJobs) {
        expect((await schedule(job).describe()).action).toMatchObject({ args: [{ job }] });
      }
      const dbtBuild = await client.schedule.getHandle(scheduleIds.dbtBuild).describe();
      expect(dbtBuild.action).toMatchObject({ workflowType: workflowTypes.dbtBuild, taskQueue: taskQueues.system });

      const requestId = randomUUID();
      const check = await client.workflow.execute<SystemCheckWorkflow>(workflowTypes.systemCheck, {
        taskQueue: taskQueues.system,
        workflowId: workflowIds.systemCheck(requestId),
        args: [{ requestId }],
      });
      expect(check.requestId).toBe(requestId);
      expect(check.worker.pid).not.toBe(process.pid);
      expect(check.worker.taskQueue).toBe(taskQueues.system);
      expect(check.worker.version).toMatch(/^\d+\.\d+\.\d+$/);

      // A hold that ran out a minute ago, as a running system would have it.
      const held = await heldRedemption(api, await api.tenant(), { points: 1000, cost: 400 });
      await api.prisma.redemption.update({
        where: { id: held.redemptionId },
        data: { holdExpiresAt: new Date(Date.now() - 60_000) },
      });
      await schedule('redemption-holds').trigger();
      const [action] = await waitFor('scheduled pass', async () => {
        const { info } = await schedule('redemption-holds').describe();
        return info.recentActions.length > 0 && info.recentActions;
      });
      const workflowId = action!.action.workflow.workflowId;
      expect(workflowId).toBe(workflowIds.housekeeping('redemption-holds', action!.scheduledAt));
      const result = await client.workflow.getHandle<HousekeepingWorkflow>(workflowId).result();
      expect(result).toMatchObject({ job: 'redemption-holds', workflowId, counts: { expired: 1 } });

      const redemption = await api.prisma.redemption.findUniqueOrThrow({ where: { id: held.redemptionId } });
      expect(redemption.status).toBe('expired');
      expect(await balanceOf(api, held)).toMatchObject({ available: 1000, pending: 0 });
    });
  });

  it('updates the schedules to changed settings on its next start', async () => {
    await withWorker(workerEnv({ HOUSEKEEPING_POINTS_EXPIRY_CRON: '*/5 * * * *' }), async () => {
      const { spec } = await schedule('points-expiry').describe();
      expect(spec.calendars?.[0]?.minute).toEqual([{ start: 0, end: 59, step: 5 }]);
      // The others keep what the first start gave them.
      expect((await schedule('sessions').describe()).spec.calendars?.[0]?.month).toEqual([
        { start: 'JANUARY', end: 'JANUARY', step: 1 },
      ]);
    });
  });

  it('is never ready with a schedule Temporal would refuse, and names its variable', async () => {
    // Crons are parsed (croner) before anything starts, so an hour of 25 never reaches Temporal.
    const { proc, lines } = startWorker(workerEnv({ HOUSEKEEPING_TIER_DOWNGRADES_CRON: '0 25 * * *' }));
    expect(await proc.exited).toEqual({ code: 1, signal: null });
    expect(lines).not.toContain(READY_LINE);
    expect(lines.at(-1)).toMatch(/^HOUSEKEEPING_TIER_DOWNGRADES_CRON="0 25 \* \* \*" is invalid: /);
  });

  it('stops with one line naming a bad variable', async () => {
    const { proc, lines } = startWorker({ TEMPORAL_ADDRESS: 'localhost' });
    expect(await proc.exited).toEqual({ code: 1, signal: null });
    expect(lines).toEqual(['TEMPORAL_ADDRESS="localhost" is invalid: expected host:port']);
  });
});
