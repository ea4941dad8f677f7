import { type ApiTest, startApiTest, type TestTenant } from '@loyaltystudio/api/testing';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceOf, heldRedemption, memberWithLot } from '../../test/housekeeping-fixtures.ts';
import { createActivities, type HousekeepingActivities } from './activities.ts';

const MINUTE = 60_000;

describe('housekeeping activities', () => {
  let t: ApiTest;
  let tenant: TestTenant;
  let activities: HousekeepingActivities;
  let now: Date;

  beforeAll(async () => {
    t = await startApiTest();
    tenant = await t.tenant();
    // Every pass runs "later": after the one-minute holds and the lots' expiry made below.
    now = new Date(Date.now() + 5 * MINUTE);
    activities = createActivities({ prisma: t.prisma, now: () => now });
  });
  afterAll(() => t?.stop());

  const run = <R>(activity: () => Promise<R>) => new MockActivityEnvironment().run(activity);

  it('expireRedemptionHolds releases a hold that ran out, once', async () => {
    const held = await heldRedemption(t, tenant, { points: 1000, cost: 400, holdMinutes: 1 });
    expect(await balanceOf(t, held)).toMatchObject({ available: 600, pending: 400 });

    expect(await run(activities.expireRedemptionHolds)).toEqual({
      ranAt: now.toISOString(),
      counts: { expired: 1 },
    });
    const redemption = await t.prisma.redemption.findUniqueOrThrow({ where: { id: held.redemptionId } });
    expect(redemption.status).toBe('expired');
    expect(await balanceOf(t, held)).toMatchObject({ available: 1000, pending: 0 });
    expect(await run(activities.expireRedemptionHolds)).toMatchObject({ counts: { expired: 0 } });
  });

  it('expirePoints expires the lots past their expiry', async () => {
    const { programId } = await heldRedemption(t, tenant, { points: 500, cost: 100, holdMinutes: 60 });
    const memberId = await memberWithLot(t, tenant, programId, 250, new Date(Date.now() + MINUTE));

    expect(await run(activities.expirePoints)).toEqual({
      ranAt: now.toISOString(),
      counts: { members: 1, points: 250 },
    });
    expect(await balanceOf(t, { memberId, programId })).toMatchObject({ available: 0, expired: 250 });
    expect(await run(activities.expirePoints)).toMatchObject({ counts: { members: 0, points: 0 } });
  });

  it('applyTierDowngrades reports the members it examined', async () => {
    // No member here holds a tier whose qualification period ended; the api's tier tests cover the decisions.
    expect(await run(activities.applyTierDowngrades)).toEqual({
      ranAt: now.toISOString(),
      counts: { examined: 0, upgraded: 0, renewed: 0, downgraded: 0 },
    });
  });

  it('deleteEndedSessions deletes expired sessions and keeps live ones', async () => {
    const userId = tenant.users.viewer.id;
    const expired = await t.prisma.session.create({
      data: { tenantId: tenant.id, userId, expiresAt: new Date(now.getTime() - 1) },
    });
    const live = await t.prisma.session.create({
      data: { tenantId: tenant.id, userId, expiresAt: new Date(now.getTime() + MINUTE) },
    });

    // The test tenant's own sessions expire within the hour, so they are still live at `now`.
    expect(await run(activities.deleteEndedSessions)).toEqual({
      ranAt: now.toISOString(),
      counts: { sessions: 1, refreshTokens: 0 },
    });
    const left = await t.prisma.session.findMany({
      where: { id: { in: [expired.id, live.id] } },
      select: { id: true },
    });
    expect(left).toEqual([{ id: live.id }]);
  });

  it('deleteExpiredIdempotencyKeys deletes the keys past their retention', async () => {
    // The redemptions above stored their keys for 24 hours; these two are past it at `now`.
    for (const key of ['old-1', 'old-2']) {
      await t.prisma.idempotencyKey.create({
        data: {
          tenantId: tenant.id,
          key,
          operation: 'POST /v1/redemptions',
          requestHash: 'h',
          responseStatus: 201,
          responseBody: {},
          expiresAt: new Date(now.getTime() - MINUTE),
        },
      });
    }

    expect(await run(activities.deleteExpiredIdempotencyKeys)).toEqual({
      ranAt: now.toISOString(),
      counts: { deleted: 2 },
    });
    expect(await t.prisma.idempotencyKey.count({ where: { tenantId: tenant.id } })).toBe(2);
  });
});
