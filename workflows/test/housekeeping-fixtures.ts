// Loyalty data for the housekeeping tests, made through the api's routes and ledger core on a test api.
import { randomUUID } from 'node:crypto';
import { credit, lockBalance, withTenant } from '@loyaltystudio/api/core';
import type { ApiTest, TestTenant } from '@loyaltystudio/api/testing';

export interface HeldRedemption {
  redemptionId: string;
  memberId: string;
  programId: string;
  holdExpiresAt: Date;
}

/** A program, a member holding `points` that never expire, and a reserved redemption of `cost` of them. */
export async function heldRedemption(
  t: ApiTest,
  tenant: TestTenant,
  { points = 1000, cost = 400, holdMinutes = 1 } = {},
): Promise<HeldRedemption> {
  const program = await t.app.inject({
    method: 'POST',
    url: '/v1/programs',
    headers: tenant.as('owner'),
    payload: { name: 'Café', pointsName: 'Beans', earningCurrency: 'EUR' },
  });
  const programId = ok(program, 201).id;
  const memberId = await memberWithLot(t, tenant, programId, points);
  const reward = await t.app.inject({
    method: 'POST',
    url: `/v1/programs/${programId}/rewards`,
    headers: tenant.as('marketer'),
    payload: { name: 'Croissant', kind: 'custom', costPoints: cost },
  });
  const redemption = await t.app.inject({
    method: 'POST',
    url: '/v1/redemptions',
    headers: { ...tenant.as('marketer'), 'idempotency-key': randomUUID() },
    payload: { memberId, rewardId: ok(reward, 201).id, holdMinutes },
  });
  const body = ok<{ id: string; holdExpiresAt: string }>(redemption, 201);
  return { redemptionId: body.id, memberId, programId, holdExpiresAt: new Date(body.holdExpiresAt) };
}

/** A member of the program with one lot of `points`, earned now and expiring at `expiresAt` (never if unset). */
export async function memberWithLot(
  t: ApiTest,
  tenant: TestTenant,
  programId: string,
  points: number,
  expiresAt?: Date,
): Promise<string> {
  const member = await t.prisma.member.create({ data: { tenantId: tenant.id, externalId: randomUUID() } });
  const key = { tenantId: tenant.id, memberId: member.id, programId };
  await withTenant(t.prisma, tenant.id, async (tx) => {
    await lockBalance(tx, key);
    await credit(tx, { ...key, kind: 'accrual', points, earnedAt: new Date(), expiresAt });
  });
  return member.id;
}

export const balanceOf = (t: ApiTest, { memberId, programId }: { memberId: string; programId: string }) =>
  t.prisma.balance.findUniqueOrThrow({
    where: { memberId_programId: { memberId, programId } },
    select: { available: true, pending: true, expired: true },
  });

/** The body of a response with the expected status; anything else fails the fixture with the answer. */
function ok<B = { id: string }>(res: { statusCode: number; body: string; json(): unknown }, status: number): B {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as B;
}
