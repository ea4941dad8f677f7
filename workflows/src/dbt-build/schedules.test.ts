import { randomUUID } from 'node:crypto';
import type { TemporalHandle } from '@loyaltystudio/engines';
import { startTestTemporal } from '@loyaltystudio/engines/testing';
import { Client, Connection, ScheduleOverlapPolicy } from '@temporalio/client';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleIds, taskQueues, workflowIds } from '../contracts.ts';
import { jsonLogger } from '../logger.ts';
import { loadWorkflowBundle } from '../workflow-bundle.ts';
import type { DbtBuildActivities } from './activities.ts';
import { ensureDbtBuildSchedule, triggerDbtBuild } from './schedules.ts';

const COUNTS = { pass: 97, warn: 0, error: 0, skip: 0, noOp: 0, total: 97 };

describe('dbt-build schedule', () => {
  let temporal: TemporalHandle;
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    Runtime.install({ logger: jsonLogger('error') });
    temporal = await startTestTemporal();
    connection = await Connection.connect({ address: temporal.address });
    client = new Client({ connection, namespace: temporal.namespace });
  });
  afterAll(async () => {
    await connection?.close();
    await temporal?.stop();
  });

  const describeSchedule = () => client.schedule.getHandle(scheduleIds.dbtBuild).describe();
  const every = (start: number, end: number, step = 1) => [{ start, end, step }];

  it('is created every 15 minutes, then updated to a changed cron, keeping a pause', async () => {
    expect(await ensureDbtBuildSchedule(client, '*/15 * * * *')).toEqual({ scheduleId: 'dbt-build', created: true });

    const created = await describeSchedule();
    expect(created.spec.calendars).toHaveLength(1);
    expect(created.spec.calendars?.[0]).toMatchObject({ minute: every(0, 59, 15), hour: every(0, 23) });
    expect(created.spec.timezone ?? '').toBe(''); // UTC
    const next = created.info.nextActionTimes.map((t) => t.toISOString().slice(14, 19));
    expect(next.length).toBeGreaterThan(0);
    expect(next.every((t) => /^(00|15|30|45):00$/.test(t))).toBe(true);
    expect(created.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'dbtBuild',
      workflowId: 'dbt-build',
      taskQueue: taskQueues.system,
      args: [],
    });
    expect(created.policies).toMatchObject({ overlap: 'SKIP', catchupWindow: 60_000 });
    expect(created.state.paused).toBe(false);

    await client.schedule.getHandle(scheduleIds.dbtBuild).pause('warehouse maintenance');
    expect(await ensureDbtBuildSchedule(client, '0 * * * *')).toEqual({ scheduleId: 'dbt-build', created: false });
    const updated = await describeSchedule();
    expect(updated.spec.calendars?.[0]).toMatchObject({ minute: every(0, 0), hour: every(0, 23) });
    expect(updated.info.nextActionTimes.every((t) => t.toISOString().slice(14, 19) === '00:00')).toBe(true);
    expect(updated.state).toMatchObject({ paused: true, note: 'warehouse maintenance' });
  });

  it('names the schedule and the cron the server refuses', async () => {
    const failure = await ensureDbtBuildSchedule(client, '0 25 * * *').catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/^schedule dbt-build \(cron "0 25 \* \* \*"\) was refused: /);
  });

  it("builds now through the schedule's own action, after a build still running (stubbed activity)", async () => {
    const taskQueue = `test-${randomUUID()}`;
    await ensureDbtBuildSchedule(client, '0 3 * * *', taskQueue);
    const builds: { started: number; ended: number }[] = [];
    let firstRunning!: () => void;
    const running = new Promise<void>((resolve) => {
      firstRunning = resolve;
    });
    const activities: DbtBuildActivities = {
      async buildMarts() {
        const started = Date.now();
        firstRunning();
        await new Promise((r) => setTimeout(r, 2_500));
        builds.push({ started, ended: Date.now() });
        return { startedAt: new Date(started).toISOString(), seconds: 2.5, counts: COUNTS };
      },
    };
    const workerConnection = await NativeConnection.connect({ address: temporal.address });
    try {
      const worker = await Worker.create({
        connection: workerConnection,
        namespace: temporal.namespace,
        taskQueue,
        workflowBundle: await loadWorkflowBundle(() => {}),
        // A build starts the sends of reports after the marts' rebuild: none here.
        activities: { reportsAfterMarts: async () => [], ...activities },
      });
      const result = await worker.runUntil(async () => {
        // A build already running, started as a tick starts it, then a build asked for now.
        await client.schedule.getHandle(scheduleIds.dbtBuild).trigger(ScheduleOverlapPolicy.SKIP);
        await running;
        return triggerDbtBuild(client, { timeoutMs: 60_000 });
      });

      expect(result).toEqual({
        workflowId: expect.stringMatching(/^dbt-build-\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        startedAt: expect.any(String),
        seconds: 2.5,
        counts: COUNTS,
      });
      const scheduledAt = new Date(result.workflowId.slice('dbt-build-'.length));
      expect(workflowIds.dbtBuild(scheduledAt)).toBe(result.workflowId);
      // The build asked for waited for the running one rather than overlapping it, and its result is its own.
      expect(builds).toHaveLength(2);
      expect(builds[1]!.started).toBeGreaterThanOrEqual(builds[0]!.ended);
      expect(result.startedAt).toBe(new Date(builds[1]!.started).toISOString());
    } finally {
      await workerConnection.close();
    }
    // Two builds of 2.5 s each through the dev server and a worker that loads the workflow bundle: minutes on a busy
    // two-core machine.
  }, 180_000);
});
