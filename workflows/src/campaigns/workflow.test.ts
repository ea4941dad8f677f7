import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { type ApiTest, startApiTest, type TestTenant } from '@loyaltystudio/api/testing';
import {
  campaignBody,
  campaignMembers,
  campaignProgram,
  createCampaign,
  segmentsAudience,
  staticSegmentVersion,
} from '@loyaltystudio/api/testing/campaigns';
import type { TemporalHandle } from '@loyaltystudio/engines';
import { waitFor } from '@loyaltystudio/engines';
import { startTestTemporal } from '@loyaltystudio/engines/testing';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CampaignResult,
  type CampaignState,
  type CampaignWorkflow,
  campaignQueries,
  campaignSignals,
  taskQueues,
  workflowIds,
  workflowTypes,
} from '../contracts.ts';
import { jsonLogger } from '../logger.ts';
import { loadWorkflowBundle } from '../workflow-bundle.ts';
import { type CampaignActivities, createActivities } from './activities.ts';

/** Where the replay test finds the histories these tests record with CAMPAIGN_HISTORIES=record. */
export const HISTORIES_DIR = new URL('./histories/', import.meta.url);
const RECORD = process.env.CAMPAIGN_HISTORIES === 'record';

const SECOND = 1_000;
const HOUR = 3_600_000;

describe('campaign workflow', () => {
  let temporal: TemporalHandle;
  let api: ApiTest;
  let tenant: TestTenant;
  let programId: string;
  let workerConnection: NativeConnection;
  let connection: Connection;
  let client: Client;
  let worker: Worker;
  let running: Promise<void>;
  let workflowBundle: Awaited<ReturnType<typeof loadWorkflowBundle>>;

  beforeAll(async () => {
    Runtime.install({ logger: jsonLogger('error') });
    temporal = await startTestTemporal();
    api = await startApiTest({ temporal: { address: temporal.address, namespace: temporal.namespace } });
    tenant = await api.tenant();
    programId = await campaignProgram(api, tenant);
    workerConnection = await NativeConnection.connect({ address: temporal.address });
    connection = await Connection.connect({ address: temporal.address });
    client = new Client({ connection, namespace: temporal.namespace });
    workflowBundle = await loadWorkflowBundle(() => {});
    // The api starts campaigns on the system queue of this test's own server: this worker serves it.
    worker = await Worker.create({
      connection: workerConnection,
      namespace: temporal.namespace,
      taskQueue: taskQueues.system,
      workflowBundle,
      activities: createActivities({ prisma: api.prisma, audience: segmentsAudience(api) }),
    });
    running = worker.run();
  });
  afterAll(async () => {
    if (worker) {
      worker.shutdown();
      await running;
    }
    await connection?.close();
    await workerConnection?.close();
    await api?.stop();
    await temporal?.stop();
  });

  const call = (method: 'POST' | 'PATCH', url: string, payload?: object) =>
    api.app.inject({ method, url, headers: tenant.as('marketer'), ...(payload && { payload }) });

  /**
   * A campaign over `n` new members, created and launched through the api; its workflow's handle. `endsIn` (ms)
   * sets a window from an hour ago to that long after the campaign is created.
   */
  async function launched(n: number, over: Record<string, unknown> = {}, endsIn?: number) {
    const members = await campaignMembers(api, tenant, n);
    const version = await staticSegmentVersion(api, tenant, members);
    const window =
      endsIn === undefined
        ? {}
        : {
            schedule: {
              startsAt: new Date(Date.now() - HOUR).toISOString(),
              endsAt: new Date(Date.now() + endsIn).toISOString(),
            },
          };
    const { id } = await createCampaign(api, tenant, campaignBody(programId, version, { ...over, ...window }));
    const res = await call('POST', `/v1/campaigns/${id}/launch`);
    expect(res.statusCode, res.body).toBe(200);
    const handle = client.workflow.getHandle<CampaignWorkflow>(workflowIds.campaign(tenant.id, id));
    return { id, members, handle };
  }

  const state = (handle: WorkflowHandle) => handle.query<CampaignState>(campaignQueries.state);
  const until = (handle: WorkflowHandle, phase: CampaignState['phase']) =>
    waitFor(`campaign ${phase}`, async () => (await state(handle)).phase === phase, { timeoutMs: 60_000 });
  const row = (id: string) => api.prisma.campaign.findUniqueOrThrow({ where: { id } });

  /**
   * Writes the history when none of that name is recorded yet. A recorded history stands for runs of the code that
   * recorded it, which may still be in flight: it is kept, and a new path of the workflow gets a history of its own.
   */
  async function record(name: string, handle: WorkflowHandle) {
    if (!RECORD || existsSync(new URL(`${name}.json`, HISTORIES_DIR))) return;
    mkdirSync(HISTORIES_DIR, { recursive: true });
    const history = await handle.fetchHistory();
    writeFileSync(new URL(`${name}.json`, HISTORIES_DIR), `${JSON.stringify(history, null, 2)}\n`);
  }

  const purchase = (memberId: string) =>
    api.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { ...tenant.as('owner'), 'idempotency-key': randomUUID() },
      payload: {
        externalId: randomUUID(),
        type: 'purchase',
        programId,
        memberId,
        occurredAt: new Date().toISOString(),
        amountMinor: 1_000,
        currency: 'EUR',
      },
    });

  it('runs a campaign from its launch to the end of its window: seats its audience once, credits, completes', async () => {
    const { id, members, handle } = await launched(50, { holdoutPercent: 20 }, 15 * SECOND);
    await until(handle, 'running');
    expect(await row(id)).toMatchObject({ status: 'running', startedAt: expect.any(Date) });
    const seats = await api.prisma.campaignMember.findMany({ where: { campaignId: id } });
    expect(seats.map((s) => s.memberId).sort()).toEqual([...members].sort());
    const treated = seats.find((s) => s.variant === 'treatment')!.memberId;
    expect((await purchase(treated)).json().bonuses).toEqual([{ campaignId: id, points: 10 }]);

    const result: CampaignResult = await handle.result();
    expect(result).toEqual({
      workflowId: `campaign:${tenant.id}:${id}`,
      status: 'completed',
      stopReason: 'ended',
      assigned: 50,
      pointsSpent: 0,
    });
    expect(await row(id)).toMatchObject({ status: 'completed', stopReason: 'ended', completedAt: expect.any(Date) });
    expect(await state(handle)).toEqual({ phase: 'completed', assigned: 50, stopReason: 'ended' });
    await record('ended', handle);
  }, 120_000);

  it('seats a small audience in its first workflow task (a local activity), without an activity of the server', async () => {
    const { id, handle } = await launched(20, {}, 6 * SECOND);
    expect(await handle.result()).toMatchObject({ status: 'completed', stopReason: 'ended', assigned: 20 });
    expect(await api.prisma.campaignMember.count({ where: { campaignId: id } })).toBe(20);
    const { events } = await handle.fetchHistory();
    expect(events?.filter((e) => e.activityTaskScheduledEventAttributes)).toEqual([]);
    const markers = events?.flatMap((e) => (e.markerRecordedEventAttributes ? [e.markerRecordedEventAttributes] : []));
    expect(markers?.map((m) => m.markerName)).toEqual(['core_patch', 'core_local_activity', 'core_local_activity']);
    // The start is one workflow task: the patch, the seating and the timer of the campaign's window come back together.
    const tasks = events?.filter((e) => e.workflowTaskCompletedEventAttributes) ?? [];
    expect(tasks.length).toBeLessThanOrEqual(3);
    await record('ended-local-activation', handle);
  }, 120_000);

  it('waits for its start, and starts when its schedule is moved earlier', async () => {
    const { id, handle } = await launched(5, {
      schedule: {
        startsAt: new Date(Date.now() + 24 * HOUR).toISOString(),
        endsAt: new Date(Date.now() + 48 * HOUR).toISOString(),
      },
    });
    await waitFor('the workflow waits', async () => (await state(handle)).phase === 'scheduled');
    expect(await row(id)).toMatchObject({ status: 'scheduled' });
    const moved = await call('PATCH', `/v1/campaigns/${id}`, {
      schedule: {
        startsAt: new Date(Date.now() - HOUR).toISOString(),
        endsAt: new Date(Date.now() + 6 * SECOND).toISOString(),
      },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await handle.result()).toMatchObject({ status: 'completed', stopReason: 'ended', assigned: 5 });
    await record('rescheduled', handle);
  });

  it('is paused, resumed and cancelled by signals, with Postgres changed first', async () => {
    const { id, handle } = await launched(10);
    await until(handle, 'running');
    const treated = (await api.prisma.campaignMember.findFirstOrThrow({ where: { campaignId: id } })).memberId;

    expect((await call('POST', `/v1/campaigns/${id}/pause`)).json().status).toBe('paused');
    await until(handle, 'paused');
    expect((await purchase(treated)).json().bonuses).toEqual([]);
    expect((await call('POST', `/v1/campaigns/${id}/resume`)).json().status).toBe('running');
    await until(handle, 'running');
    expect((await purchase(treated)).json().bonuses).toHaveLength(1);

    expect((await call('POST', `/v1/campaigns/${id}/cancel`)).json().status).toBe('cancelled');
    expect(await handle.result()).toMatchObject({ status: 'cancelled', stopReason: 'cancelled', assigned: 10 });
    expect(await row(id)).toMatchObject({ status: 'cancelled', stopReason: 'cancelled' });
    await record('paused-resumed-cancelled', handle);
  });

  it('cancels a scheduled campaign before it seats anyone', async () => {
    const { id, handle } = await launched(5, {
      schedule: {
        startsAt: new Date(Date.now() + HOUR).toISOString(),
        endsAt: new Date(Date.now() + 2 * HOUR).toISOString(),
      },
    });
    await waitFor('the workflow waits', async () => (await state(handle)).phase === 'scheduled');
    expect((await call('POST', `/v1/campaigns/${id}/cancel`)).json().status).toBe('cancelled');
    expect(await handle.result()).toMatchObject({ status: 'cancelled', assigned: 0 });
    expect(await api.prisma.campaignMember.count({ where: { campaignId: id } })).toBe(0);
    await record('cancelled-before-start', handle);
  });

  it('completes as soon as accruals spend its budget', async () => {
    const { id, handle } = await launched(10, { budgetPoints: 25 });
    await until(handle, 'running');
    const treated = (await api.prisma.campaignMember.findMany({ where: { campaignId: id } })).map((s) => s.memberId);
    // Three purchases of 10 points ask for 30 bonus points: the third gets the last 5, and tells the workflow.
    const bonuses = [];
    for (const m of treated.slice(0, 3)) bonuses.push(...(await purchase(m)).json().bonuses);
    expect(bonuses.map((b: { points: number }) => b.points)).toEqual([10, 10, 5]);
    expect(await handle.result()).toMatchObject({
      status: 'completed',
      stopReason: 'budget_exhausted',
      pointsSpent: 25,
    });
    expect(await row(id)).toMatchObject({ status: 'completed', stopReason: 'budget_exhausted', pointsSpent: 25 });
    await record('budget-exhausted', handle);
  });

  it('stops without starting when cancelled while its audience is seated (stubbed activities)', async () => {
    const taskQueue = `test-${randomUUID()}`;
    const calls: string[] = [];
    let releaseSeating: () => void = () => {};
    const seated = new Promise<void>((resolve) => {
      releaseSeating = resolve;
    });
    let seatingStarted: () => void = () => {};
    const seatingBegun = new Promise<void>((resolve) => {
      seatingStarted = resolve;
    });
    const stubs: CampaignActivities = {
      campaignSchedule: async () => {
        calls.push('campaignSchedule');
        return {
          status: 'scheduled',
          startsAt: new Date(Date.now() - HOUR).toISOString(),
          endsAt: new Date(Date.now() + HOUR).toISOString(),
          budgetPoints: null,
        };
      },
      activateCampaign: async () => {
        calls.push('activateCampaign');
        seatingStarted();
        await seated;
        const schedule = {
          startsAt: new Date(Date.now() - HOUR).toISOString(),
          endsAt: new Date(Date.now() + HOUR).toISOString(),
          budgetPoints: null,
        };
        return { status: 'running', schedule, audience: 3, added: 3, byVariant: { treatment: 3 } };
      },
      checkBudget: async () => ({ budgetPoints: null, spentPoints: 0, exhausted: false }),
      finishCampaign: async ({ reason }) => {
        calls.push(`finishCampaign:${reason}`);
        return { status: 'cancelled', stopReason: reason, pointsSpent: 0 };
      },
    };
    const stubWorker = await Worker.create({
      connection: workerConnection,
      namespace: temporal.namespace,
      taskQueue,
      workflowBundle,
      activities: stubs,
    });
    const result = await stubWorker.runUntil(async () => {
      const handle = await client.workflow.start<CampaignWorkflow>(workflowTypes.campaign, {
        taskQueue,
        workflowId: `campaign:stub:${randomUUID()}`,
        args: [{ tenantId: 'stub', campaignId: randomUUID() }],
      });
      await seatingBegun;
      await handle.signal(campaignSignals.cancel);
      await waitFor('the cancel is recorded', async () =>
        ((await handle.fetchHistory()).events ?? []).some((e) => e.workflowExecutionSignaledEventAttributes),
      );
      releaseSeating();
      return handle.result();
    });
    expect(result).toMatchObject({ status: 'cancelled', stopReason: 'cancelled', assigned: 3 });
    expect(calls).toEqual(['campaignSchedule', 'activateCampaign', 'finishCampaign:cancelled']);
  });
});
