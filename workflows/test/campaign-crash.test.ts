import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { assignArm } from '@loyaltystudio/api/core';
import { type ApiTest, startApiTest, type TestTenant } from '@loyaltystudio/api/testing';
import {
  campaignBody,
  campaignMembers,
  campaignProgram,
  createCampaign,
  staticSegmentVersion,
} from '@loyaltystudio/api/testing/campaigns';
import type { TemporalHandle } from '@loyaltystudio/engines';
import { type ManagedProcess, spawnManaged, waitFor } from '@loyaltystudio/engines';
import { startTestTemporal } from '@loyaltystudio/engines/testing';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CampaignResult,
  type CampaignWorkflow,
  housekeepingJobs,
  taskQueues,
  workflowIds,
} from '../src/contracts.ts';

const WORKER_ENTRY = fileURLToPath(new URL('../src/worker.ts', import.meta.url));
const READY_LINE = `worker ready task-queue=${taskQueues.system}`;
const QUIET_CRON = '0 0 1 1 *';
/** Large enough to take several batches (10,000 members each) to seat. */
const AUDIENCE = 100_000;
/** One budget slice: spent by a few dozen purchases once the campaign runs, which then completes it. */
const BUDGET = 1_000;
/** Waits sized for a loaded two-core machine: a worker may spend minutes bundling its workflows. */
const WORKER_READY_MS = 180_000;
const DAY = 86_400_000;

/**
 * The worker is killed (SIGKILL, no goodbye) while it seats a large campaign's audience, then a new worker starts:
 * the seating activity's next attempt carries on, the campaign runs and completes, every member is seated exactly
 * once in the arm the assignment hash gives, and accruals made all along were credited at most once each. The
 * campaign ends when purchases have spent its budget, not at a time: however long a loaded machine takes to seat the
 * audience, it runs, and every step waits on what it needs.
 */
describe('a worker killed while it activates a campaign', () => {
  let temporal: TemporalHandle;
  let api: ApiTest;
  let tenant: TestTenant;
  let connection: Connection;
  let client: Client;
  const workers: ManagedProcess[] = [];

  beforeAll(async () => {
    temporal = await startTestTemporal();
    api = await startApiTest({ temporal: { address: temporal.address, namespace: temporal.namespace } });
    tenant = await api.tenant();
    connection = await Connection.connect({ address: temporal.address });
    client = new Client({ connection, namespace: temporal.namespace });
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await connection?.close();
    await api?.stop();
    await temporal?.stop();
  });

  async function startWorker(): Promise<ManagedProcess> {
    const lines: string[] = [];
    const crons = Object.fromEntries(
      housekeepingJobs.map((job) => [`HOUSEKEEPING_${job.toUpperCase().replaceAll('-', '_')}_CRON`, QUIET_CRON]),
    );
    const proc = spawnManaged('worker', process.execPath, ['--import', 'tsx', WORKER_ENTRY], {
      env: {
        PATH: process.env.PATH,
        TEMPORAL_ADDRESS: temporal.address,
        DATABASE_URL: api.pg.url,
        LOG_LEVEL: 'warn',
        DBT_BUILD_CRON: QUIET_CRON,
        ...crons,
      },
      onLine: (line) => lines.push(line),
    });
    workers.push(proc);
    await waitFor('worker', async () => lines.includes(READY_LINE), { timeoutMs: WORKER_READY_MS, process: proc });
    return proc;
  }

  it('seats every member exactly once, credits no one twice, and completes the campaign', async () => {
    const programId = await campaignProgram(api, tenant);
    const members = await campaignMembers(api, tenant, AUDIENCE);
    const version = await staticSegmentVersion(api, tenant, members);
    const split = {
      holdoutPercent: 10,
      variants: [
        { key: 'a', percent: 50 },
        { key: 'b', percent: 50, config: { percent: 300 } },
      ],
    };
    const { id } = await createCampaign(
      api,
      tenant,
      campaignBody(programId, version, {
        ...split,
        budgetPoints: BUDGET,
        schedule: { startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + DAY).toISOString() },
      }),
    );
    const seats = () => api.prisma.campaignMember.count({ where: { campaignId: id } });

    // Purchases of members picked at random, one after another, from before the launch to after the end.
    const sample = Array.from({ length: 400 }, (_, i) => members[(i * 7919) % AUDIENCE]!);
    let buying = true;
    const purchases: { memberId: string; eventId: string; before: string; after: string; at: number }[] = [];
    const status = async () =>
      (await api.prisma.campaign.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
    const shopping = (async () => {
      for (let i = 0; buying; i++) {
        const memberId = sample[i % sample.length]!;
        const before = await status();
        const at = Date.now();
        const res = await api.app.inject({
          method: 'POST',
          url: '/v1/events',
          headers: { ...tenant.as('owner'), 'idempotency-key': randomUUID() },
          payload: {
            externalId: randomUUID(),
            type: 'purchase',
            programId,
            memberId,
            occurredAt: new Date(at).toISOString(),
            amountMinor: 1_000,
            currency: 'EUR',
          },
        });
        expect(res.statusCode, res.body).toBe(201);
        purchases.push({ memberId, eventId: res.json().eventId, before, after: await status(), at });
      }
    })();

    const first = await startWorker();
    const launch = await api.app.inject({
      method: 'POST',
      url: `/v1/campaigns/${id}/launch`,
      headers: tenant.as('marketer'),
    });
    expect(launch.statusCode, launch.body).toBe(200);
    const seatedBeforeKill = await waitFor(
      'the first batches seated',
      async () => {
        const n = await seats();
        return n > 0 && n;
      },
      { timeoutMs: WORKER_READY_MS },
    );
    first.child.kill('SIGKILL');
    await first.exited;
    const partial = await seats();
    expect(seatedBeforeKill).toBeLessThan(AUDIENCE);
    expect(partial).toBeLessThan(AUDIENCE);

    // A new worker: the seating activity times out on its heartbeat, and its next attempt carries on.
    await startWorker();
    const handle = client.workflow.getHandle<CampaignWorkflow>(workflowIds.campaign(tenant.id, id));
    const result: CampaignResult = await handle.result();
    buying = false;
    await shopping;
    expect(result).toMatchObject({ status: 'completed', stopReason: 'budget_exhausted', assigned: AUDIENCE });

    // Every member exactly once, in the arm the hash gives.
    const rows = await api.prisma.$queryRaw<{ memberId: string; variant: string }[]>`
      SELECT member_id AS "memberId", variant FROM campaign_members WHERE campaign_id = ${id}::uuid`;
    expect(rows).toHaveLength(AUDIENCE);
    expect(new Set(rows.map((r) => r.memberId)).size).toBe(AUDIENCE);
    const arms = new Map(rows.map((r) => [r.memberId, r.variant]));
    for (const m of members) expect(arms.get(m)).toBe(assignArm(id, m, split));

    // The ledger: one bonus at most per event, the budget spent to the point; purchases of members in an arm made
    // while the campaign was running (before and after it) got the arm's rate, one after another, until the budget
    // ran out (the last one what was left), then nothing; the holdout, and purchases made before it ran, nothing. A
    // purchase made as the status changed may go either way.
    const bonuses = await api.prisma.ledgerEntry.findMany({
      where: { campaignId: id, kind: 'bonus' },
      select: { eventId: true, memberId: true, points: true },
    });
    const byEvent = new Map<string, number>();
    for (const b of bonuses) byEvent.set(b.eventId!, (byEvent.get(b.eventId!) ?? 0) + 1);
    expect([...byEvent.values()].every((n) => n === 1)).toBe(true);
    const pointsByEvent = new Map(bonuses.map((b) => [b.eventId!, b.points]));
    const running = purchases.filter((p) => p.before === 'running' && p.after === 'running');
    const waiting = purchases.filter((p) => p.before === 'scheduled' && p.after === 'scheduled');
    expect(running.length).toBeGreaterThan(0);
    expect(waiting.length).toBeGreaterThan(0);
    for (const p of waiting) expect(pointsByEvent.get(p.eventId)).toBeUndefined();
    expect(bonuses.reduce((sum, b) => sum + b.points, 0)).toBe(BUDGET);
    let left = BUDGET;
    for (const p of purchases) {
      const given = pointsByEvent.get(p.eventId) ?? 0;
      if (running.includes(p)) {
        const arm = arms.get(p.memberId);
        expect(given).toBe(Math.min(arm === 'holdout' ? 0 : arm === 'b' ? 20 : 10, left));
      }
      left -= given;
    }
    expect(bonuses.every((b) => arms.get(b.memberId) !== 'holdout')).toBe(true);
  }, 900_000);
});
