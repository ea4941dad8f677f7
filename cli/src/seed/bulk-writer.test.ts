import type { PostgresHandle } from '@loyaltystudio/engines';
import { startTestPostgres } from '@loyaltystudio/engines/testing';
import { createPrismaClient, migrate, type PrismaClient } from '@loyaltystudio/prisma';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedByCopy } from './bulk-writer.ts';
import { seedGuests, seedMembers } from './generate.ts';
import { seedFigures } from './seed-invariants.ts';

const params = { members: 2_000, months: 12, seed: 11, until: new Date('2026-01-01T00:00:00Z') };

describe('seedByCopy', () => {
  const databases: { pg: PostgresHandle; prisma: PrismaClient }[] = [];
  beforeAll(async () => {
    for (const _ of [1, 2]) {
      const pg = await startTestPostgres();
      await migrate(pg.url);
      databases.push({ pg, prisma: createPrismaClient(pg.url) });
    }
  }, 60_000);
  afterAll(async () => {
    for (const { pg, prisma } of databases) {
      await prisma.$disconnect();
      await pg.stop();
    }
  });

  it('writes 2,000 members fast, with balances equal to their ledger, tiers and lots, and the same figures twice', async () => {
    const members = [...seedMembers(params)];
    const model = members.flatMap((m) => m.activities);
    const guestOrders = [...seedGuests(params)].flat().length + members.flatMap((m) => m.guestOrders).length;
    const figures = [];
    for (const { pg, prisma } of databases) {
      const t0 = performance.now();
      const summary = await seedByCopy(prisma, pg.url, params);
      const seconds = (performance.now() - t0) / 1000;
      expect(seconds).toBeLessThan(20);
      figures.push(await seedFigures(prisma, summary.tenantId));
    }
    const [first, second] = figures;
    expect(first).toMatchObject({
      members: 2_000,
      events: model.filter((a) => a.type !== 'redeem').length,
      refunds: model.filter((a) => a.type === 'refund').length,
      tiered: 2_000,
      tiers_held: 3,
      balances_off_ledger: 0,
      negative_lots: 0,
      events_before_enrolment: 0,
      campaigns: 4,
      campaign_members: members.flatMap((m) => m.seats).length,
      bonuses_outside_campaign: 0,
      guest_purchases: guestOrders,
      guest_orders_after_enrolment: 0,
    });
    expect(first!.bonus_entries).toBeGreaterThan(100);
    expect(first!.available).toBe(first!.ledger_points);
    expect(first!.redemptions).toBeGreaterThan(0);
    expect(second).toEqual(first);
  }, 60_000);
});
