import type { Activation, AudienceSource } from '@loyaltystudio/api/campaigns';
import { type ApiTest, startApiTest, type TestTenant } from '@loyaltystudio/api/testing';
import {
  campaignBody,
  campaignMembers,
  campaignProgram,
  createCampaign,
  staticSegmentVersion,
} from '@loyaltystudio/api/testing/campaigns';
import { ApplicationFailure } from '@temporalio/activity';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAMPAIGN_NOT_FOUND, CAMPAIGN_NOT_LAUNCHED, createActivities, LAUNCH_ATTEMPTS } from './activities.ts';

describe('campaign activities', () => {
  let t: ApiTest;
  let tenant: TestTenant;
  let programId: string;
  const now = new Date();

  beforeAll(async () => {
    t = await startApiTest();
    tenant = await t.tenant();
    programId = await campaignProgram(t, tenant);
  });
  afterAll(() => t?.stop());

  /** An audience served in batches of `size` from the given members, counting the batches read. */
  function batched(members: string[], size: number) {
    const source = {
      reads: 0,
      async *membersOfVersion() {
        for (let i = 0; i < members.length; i += size) {
          source.reads += 1;
          yield members.slice(i, i + size);
        }
      },
    } satisfies AudienceSource & { reads: number };
    return source;
  }

  async function scheduled(members: string[], over: Record<string, unknown> = {}) {
    const version = await staticSegmentVersion(t, tenant, members);
    const { id } = await createCampaign(t, tenant, campaignBody(programId, version, over));
    await t.prisma.campaign.update({ where: { id }, data: { status: 'scheduled' } });
    return { tenantId: tenant.id, campaignId: id };
  }

  it('reads the schedule, and tells a draft (a launch not committed yet) from a campaign that does not exist', async () => {
    const activities = createActivities({ prisma: t.prisma, audience: batched([], 1), now: () => now });
    const env = new MockActivityEnvironment();
    const key = await scheduled(await campaignMembers(t, tenant, 1), { budgetPoints: 500 });
    expect(await env.run(activities.campaignSchedule, key)).toMatchObject({ status: 'scheduled', budgetPoints: 500 });

    await t.prisma.campaign.update({ where: { id: key.campaignId }, data: { status: 'draft' } });
    const draft = await env.run(activities.campaignSchedule, key).catch((err: unknown) => err);
    expect(draft).toBeInstanceOf(ApplicationFailure);
    expect(draft).toMatchObject({ type: CAMPAIGN_NOT_LAUNCHED, nonRetryable: false });

    // The start of a draft is tried again, then given up for good (a launch that never committed).
    const early = await env.run(activities.activateCampaign, key).catch((err: unknown) => err);
    expect(early).toMatchObject({ type: CAMPAIGN_NOT_LAUNCHED, nonRetryable: false });
    const last = new MockActivityEnvironment({ attempt: LAUNCH_ATTEMPTS });
    const final = await last.run(activities.activateCampaign, key).catch((err: unknown) => err);
    expect(final).toMatchObject({ type: CAMPAIGN_NOT_LAUNCHED, nonRetryable: true });

    const missing = await env
      .run(activities.campaignSchedule, { ...key, campaignId: '00000000-0000-4000-8000-000000000000' })
      .catch((err: unknown) => err);
    expect(missing).toMatchObject({ type: CAMPAIGN_NOT_FOUND, nonRetryable: true });
  });

  it('starts a campaign whose launch has not committed yet as soon as it commits, without a failed attempt', async () => {
    const members = await campaignMembers(t, tenant, 5);
    const version = await staticSegmentVersion(t, tenant, members);
    const { id } = await createCampaign(t, tenant, campaignBody(programId, version));
    const key = { tenantId: tenant.id, campaignId: id };
    const activities = createActivities({ prisma: t.prisma, audience: batched(members, 10), now: () => now });
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => {
      commit = resolve;
    });
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => {
      locked = resolve;
    });
    // The launch as the api makes it: the row locked and marked scheduled, then (the workflow started) a commit.
    const launch = t.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT id FROM campaigns WHERE id = ${id}::uuid FOR UPDATE`;
      await tx.campaign.update({ where: { id }, data: { status: 'scheduled' } });
      locked();
      await committed;
    });
    await holding;
    const activation = new MockActivityEnvironment().run(activities.activateCampaign, key);
    const waited = await Promise.race([activation.then(() => false), new Promise((r) => setTimeout(r, 300, true))]);
    expect(waited).toBe(true);
    commit();
    await launch;
    expect(await activation).toMatchObject({ status: 'running', audience: 5, added: 5 });
  });

  it('starts the campaign: seats the audience batch by batch, heartbeating; a retry skips what its heartbeat reported', async () => {
    const members = await campaignMembers(t, tenant, 25);
    const key = await scheduled(members, { holdoutPercent: 20 });
    const audience = batched(members, 10);
    const activities = createActivities({ prisma: t.prisma, audience, now: () => now });
    const first = new MockActivityEnvironment();
    const beats: unknown[] = [];
    first.on('heartbeat', (d: unknown) => beats.push(d));
    const result = (await first.run(activities.activateCampaign, key)) as Activation;
    expect(beats).toEqual([{ batches: 1 }, { batches: 2 }, { batches: 3 }]);
    expect(result).toMatchObject({ status: 'running', audience: 25, added: 25 });
    expect((result.byVariant.holdout ?? 0) + (result.byVariant.treatment ?? 0)).toBe(25);
    // A start that already happened (an attempt that finished unrecorded) is answered as it is.
    expect(await first.run(activities.activateCampaign, key)).toMatchObject({ status: 'running', audience: 0 });
    // One whose start Postgres holds later (a change of schedule the workflow missed) is not started yet.
    const later = await scheduled(await campaignMembers(t, tenant, 3), {
      schedule: {
        startsAt: new Date(now.getTime() + 3_600_000).toISOString(),
        endsAt: new Date(now.getTime() + 7_200_000).toISOString(),
      },
    });
    expect(await first.run(activities.activateCampaign, later)).toMatchObject({
      status: 'scheduled',
      schedule: { startsAt: new Date(now.getTime() + 3_600_000).toISOString() },
      audience: 0,
    });
    expect(await t.prisma.campaignMember.count({ where: { campaignId: later.campaignId } })).toBe(0);

    // As if the worker died after two of three batches: their rows gone, the campaign still scheduled. A retry that
    // reported two batches done does not write them again; without heartbeat details, everything is, once.
    await t.prisma.campaign.update({ where: { id: key.campaignId }, data: { status: 'scheduled' } });
    await t.prisma.campaignMember.deleteMany({
      where: { campaignId: key.campaignId, memberId: { in: members.slice(0, 20) } },
    });
    const retry = new MockActivityEnvironment({ heartbeatDetails: { batches: 2 } });
    expect(await retry.run(activities.activateCampaign, key)).toMatchObject({ audience: 25, added: 0 });
    expect(await t.prisma.campaignMember.count({ where: { campaignId: key.campaignId } })).toBe(5);
    await t.prisma.campaign.update({ where: { id: key.campaignId }, data: { status: 'scheduled' } });
    expect(await first.run(activities.activateCampaign, key)).toMatchObject({ audience: 25, added: 20 });
    expect(await t.prisma.campaignMember.count({ where: { campaignId: key.campaignId } })).toBe(25);
  });

  it('starts the campaign with its budget in slices, checks the budget, and finishes it, each safely twice', async () => {
    const key = await scheduled(await campaignMembers(t, tenant, 2), { budgetPoints: 5_500 });
    const activities = createActivities({ prisma: t.prisma, audience: batched([], 1), now: () => now });
    const env = new MockActivityEnvironment();
    expect(await env.run(activities.activateCampaign, key)).toMatchObject({ status: 'running' });
    expect(await env.run(activities.activateCampaign, key)).toMatchObject({ status: 'running' });
    const slices = await t.prisma.campaignBudgetSlice.findMany({ where: { campaignId: key.campaignId } });
    expect(slices.map((s) => s.budgetPoints)).toEqual([1_100, 1_100, 1_100, 1_100, 1_100]);
    expect(await t.prisma.campaign.findUniqueOrThrow({ where: { id: key.campaignId } })).toMatchObject({
      status: 'running',
      startedAt: now,
    });

    await t.prisma.campaignBudgetSlice.updateMany({
      where: { campaignId: key.campaignId },
      data: { spentPoints: 1_100 },
    });
    expect(await env.run(activities.checkBudget, key)).toEqual({
      budgetPoints: 5_500,
      spentPoints: 5_500,
      exhausted: true,
    });

    const done = { status: 'completed', stopReason: 'budget_exhausted', pointsSpent: 5_500 };
    expect(await env.run(activities.finishCampaign, { ...key, reason: 'budget_exhausted' as const })).toEqual(done);
    expect(await env.run(activities.finishCampaign, { ...key, reason: 'ended' as const })).toEqual(done);
    expect(await t.prisma.campaign.findUniqueOrThrow({ where: { id: key.campaignId } })).toMatchObject({
      status: 'completed',
      stopReason: 'budget_exhausted',
      completedAt: now,
      pointsSpent: 5_500,
    });
  });
});
