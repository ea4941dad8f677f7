import { randomUUID } from 'node:crypto';
import { type ApiTest, startApiTest } from '@loyaltystudio/api/testing';
import type { TemporalHandle } from '@loyaltystudio/engines';
import { startTestTemporal } from '@loyaltystudio/engines/testing';
import { ApplicationFailure, Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceOf, heldRedemption } from '../../test/housekeeping-fixtures.ts';
import { type HousekeepingInput, type HousekeepingWorkflow, housekeepingJobs, workflowTypes } from '../contracts.ts';
import { jsonLogger } from '../logger.ts';
import { loadWorkflowBundle } from '../workflow-bundle.ts';
import { createActivities, type HousekeepingActivities } from './activities.ts';

describe('housekeeping workflow', () => {
  let temporal: TemporalHandle;
  let api: ApiTest;
  let workerConnection: NativeConnection;
  let clientConnection: Connection;
  let client: Client;
  let workflowBundle: Awaited<ReturnType<typeof loadWorkflowBundle>>;

  beforeAll(async () => {
    Runtime.install({ logger: jsonLogger('error') }); // the unknown-job test fails a workflow on purpose
    [temporal, api] = await Promise.all([startTestTemporal(), startApiTest()]);
    workerConnection = await NativeConnection.connect({ address: temporal.address });
    clientConnection = await Connection.connect({ address: temporal.address });
    client = new Client({ connection: clientConnection, namespace: temporal.namespace });
    workflowBundle = await loadWorkflowBundle(() => {});
  });
  afterAll(async () => {
    await clientConnection?.close();
    await workerConnection?.close();
    await Promise.all([temporal?.stop(), api?.stop()]);
  });

  /** Runs passes on a task queue of their own, served by one worker with the given activities. */
  async function runPasses(activities: HousekeepingActivities, inputs: HousekeepingInput[]) {
    const taskQueue = `test-${randomUUID()}`;
    const worker = await Worker.create({
      connection: workerConnection,
      namespace: temporal.namespace,
      taskQueue,
      workflowBundle,
      activities,
    });
    return worker.runUntil(
      Promise.all(
        inputs.map((input) =>
          client.workflow.execute<HousekeepingWorkflow>(workflowTypes.housekeeping, {
            taskQueue,
            workflowId: `housekeeping:${input.job}:${randomUUID()}`,
            args: [input],
          }),
        ),
      ),
    );
  }
  const runPass = async (activities: HousekeepingActivities, input: HousekeepingInput) =>
    (await runPasses(activities, [input]))[0];

  it('expires a redemption hold that ran out and returns the counts (real activities)', async () => {
    const tenant = await api.tenant();
    const held = await heldRedemption(api, tenant, { points: 1000, cost: 400, holdMinutes: 1 });
    const now = new Date(held.holdExpiresAt.getTime() + 1);

    const result = await runPass(createActivities({ prisma: api.prisma, now: () => now }), {
      job: 'redemption-holds',
    });

    expect(result).toEqual({
      job: 'redemption-holds',
      workflowId: expect.stringMatching(/^housekeeping:redemption-holds:/),
      ranAt: now.toISOString(),
      counts: { expired: 1 },
    });
    const redemption = await api.prisma.redemption.findUniqueOrThrow({ where: { id: held.redemptionId } });
    expect(redemption.status).toBe('expired');
    expect(await balanceOf(api, held)).toMatchObject({ available: 1000, pending: 0 });
  });

  it('runs the activity of each job and nothing else (stubbed activities)', async () => {
    const calls: string[] = [];
    const ranAt = '2026-03-01T03:00:00.000Z';
    const stub =
      <C>(name: string, counts: C) =>
      async () => {
        calls.push(name);
        return { ranAt, counts };
      };
    const stubs: HousekeepingActivities = {
      expireRedemptionHolds: stub('expireRedemptionHolds', { expired: 1 }),
      expirePoints: stub('expirePoints', { members: 2, points: 30 }),
      applyTierDowngrades: stub('applyTierDowngrades', { examined: 4, upgraded: 0, renewed: 1, downgraded: 3 }),
      deleteEndedSessions: stub('deleteEndedSessions', { sessions: 5, refreshTokens: 6 }),
      deleteExpiredIdempotencyKeys: stub('deleteExpiredIdempotencyKeys', { deleted: 7 }),
      pruneWarehouseHistory: stub('pruneWarehouseHistory', { tenants: 8, versions: 9 }),
      resumeMemberErasures: stub('resumeMemberErasures', { pending: 10, started: 11 }),
    };

    const results = await runPasses(
      stubs,
      housekeepingJobs.map((job) => ({ job })),
    );

    expect(calls.sort()).toEqual(Object.keys(stubs).sort());
    expect(results.map((r) => r.job)).toEqual([...housekeepingJobs]);
    expect(results.map((r) => r.counts)).toEqual([
      { expired: 1 },
      { members: 2, points: 30 },
      { examined: 4, upgraded: 0, renewed: 1, downgraded: 3 },
      { sessions: 5, refreshTokens: 6 },
      { deleted: 7 },
      { tenants: 8, versions: 9 },
      { pending: 10, started: 11 },
    ]);
  });

  it('fails at once on an unknown job', async () => {
    const failure = await runPass(createActivities({ prisma: api.prisma }), {
      job: 'vacuum' as HousekeepingInput['job'],
    }).catch((err: unknown) => err);

    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const cause = (failure as WorkflowFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).nonRetryable).toBe(true);
    expect(cause?.message).toBe(
      'unknown housekeeping job "vacuum": expected one of redemption-holds,points-expiry,tier-downgrades,sessions,idempotency-keys,warehouse-history,member-erasures',
    );
  });
});
