import type { TemporalHandle } from '@loyaltystudio/engines';
import { startTestTemporal } from '@loyaltystudio/engines/testing';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { housekeepingJobs, scheduleIds, taskQueues } from '../contracts.ts';
import { ensureHousekeepingSchedules, type HousekeepingCrons } from './schedules.ts';

const DEFAULTS: HousekeepingCrons = {
  'redemption-holds': '* * * * *',
  'points-expiry': '*/15 * * * *',
  'tier-downgrades': '0 3 * * *',
  sessions: '0 * * * *',
  'idempotency-keys': '0 * * * *',
  'warehouse-history': '30 3 * * *',
  'member-erasures': '*/10 * * * *',
};

describe('housekeeping schedules', () => {
  let temporal: TemporalHandle;
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    temporal = await startTestTemporal();
    connection = await Connection.connect({ address: temporal.address });
    client = new Client({ connection, namespace: temporal.namespace });
  });
  afterAll(async () => {
    await connection?.close();
    await temporal?.stop();
  });

  const describeSchedule = (job: (typeof housekeepingJobs)[number]) =>
    client.schedule.getHandle(scheduleIds.housekeeping(job)).describe();

  /** The minute and hour ranges the server keeps for a job's cron, and the minutes and hours it will next run at. */
  async function timing(job: (typeof housekeepingJobs)[number]) {
    const { spec, info } = await describeSchedule(job);
    expect(spec.calendars).toHaveLength(1);
    expect(spec.timezone ?? '').toBe(''); // UTC
    const next = info.nextActionTimes.map((t) => t.toISOString().slice(11, 19));
    return { minute: spec.calendars?.[0]?.minute, hour: spec.calendars?.[0]?.hour, next: new Set(next) };
  }
  const every = (start: number, end: number, step = 1) => [{ start, end, step }];

  it('creates one schedule per job, then updates them to a changed cron and keeps a pause', async () => {
    expect(await ensureHousekeepingSchedules(client, DEFAULTS)).toEqual(
      housekeepingJobs.map((job) => ({ scheduleId: `housekeeping:${job}`, created: true })),
    );

    expect(await timing('redemption-holds')).toMatchObject({ minute: every(0, 59), hour: every(0, 23) });
    expect(await timing('points-expiry')).toMatchObject({ minute: every(0, 59, 15), hour: every(0, 23) });
    expect(await timing('tier-downgrades')).toEqual({
      minute: every(0, 0),
      hour: every(3, 3),
      next: new Set(['03:00:00']),
    });
    for (const job of ['sessions', 'idempotency-keys'] as const) {
      expect(await timing(job)).toMatchObject({ minute: every(0, 0), hour: every(0, 23) });
    }
    const pointsNext = [...(await timing('points-expiry')).next];
    expect(pointsNext.every((t) => /^\d\d:(00|15|30|45):00$/.test(t))).toBe(true);

    const holds = await describeSchedule('redemption-holds');
    expect(holds.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'housekeeping',
      workflowId: 'housekeeping:redemption-holds',
      taskQueue: taskQueues.system,
      args: [{ job: 'redemption-holds' }],
    });
    expect(holds.policies).toMatchObject({ overlap: 'SKIP', catchupWindow: 60_000 });
    expect(holds.state.paused).toBe(false);

    await client.schedule.getHandle(scheduleIds.housekeeping('sessions')).pause('maintenance');
    expect(await ensureHousekeepingSchedules(client, { ...DEFAULTS, 'points-expiry': '*/5 * * * *' })).toEqual(
      housekeepingJobs.map((job) => ({ scheduleId: `housekeeping:${job}`, created: false })),
    );
    const points = await timing('points-expiry');
    expect(points.minute).toEqual(every(0, 59, 5));
    expect([...points.next].some((t) => /^\d\d:(05|10|20|25|35|40|50|55):00$/.test(t))).toBe(true);
    expect(await timing('tier-downgrades')).toMatchObject({ minute: every(0, 0), hour: every(3, 3) });
    expect((await describeSchedule('sessions')).state).toMatchObject({ paused: true, note: 'maintenance' });
  });

  it('names the schedule and the cron the server refuses', async () => {
    const failure = await ensureHousekeepingSchedules(
      client,
      { ...DEFAULTS, 'redemption-holds': '99 * * * *' },
      `test-${Date.now()}`,
    ).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(
      /^schedule housekeeping:redemption-holds \(cron "99 \* \* \* \*"\) was refused: /,
    );
  });
});
