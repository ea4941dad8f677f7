import type { PostgresHandle } from '@loyaltystudio/engines';
import { startTestPostgres } from '@loyaltystudio/engines/testing';
import { createPrismaClient, migrate, type PrismaClient } from '@loyaltystudio/prisma';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedByCopy } from './bulk-writer.ts';
import { campaignsOf, seedGuests, seedMembers } from './generate.ts';
import { seedFigures } from './seed-invariants.ts';
import { seedThroughServices } from './service-writer.ts';
import { clearDemoTenant, TenantExistsError } from './tenant.ts';

const params = { members: 50, months: 6, seed: 7, until: new Date('2026-01-01T00:00:00Z') };

describe('seedThroughServices', () => {
  let pg: PostgresHandle;
  let prisma: PrismaClient;
  let other: PostgresHandle;
  beforeAll(async () => {
    [pg, other] = await Promise.all([startTestPostgres(), startTestPostgres()]);
    await Promise.all([migrate(pg.url), migrate(other.url)]);
    prisma = createPrismaClient(pg.url);
  }, 60_000);
  afterAll(async () => {
    await prisma?.$disconnect();
    await Promise.all([pg?.stop(), other?.stop()]);
  });

  it('writes the model through the services: events stored, balances equal their ledger, tiers assigned', async () => {
    const summary = await seedThroughServices(prisma, params);
    const members = [...seedMembers(params)];
    const model = members.flatMap((m) => m.activities);
    const seats = members.flatMap((m) => m.seats);
    const guests = [...seedGuests(params)].flat();
    const preEnrolment = members.flatMap((m) => m.guestOrders).length;
    const figures = await seedFigures(prisma, summary.tenantId);
    expect(figures).toMatchObject({
      members: 50,
      events: model.filter((a) => a.type !== 'redeem').length,
      refunds: model.filter((a) => a.type === 'refund').length,
      redemptions: summary.redemptions,
      tiered: 50,
      balances_off_ledger: 0,
      negative_lots: 0,
      events_before_enrolment: 0,
      campaigns: campaignsOf(params).length,
      campaign_members: seats.length,
      holdout_members: seats.filter((s) => s.variant === 'holdout').length,
      bonuses_outside_campaign: 0,
      guest_purchases: guests.length + preEnrolment,
      pre_enrolment_orders: preEnrolment,
      guest_orders_after_enrolment: 0,
      anonymous_orders: guests.filter((g) => g.customerRef === null).length,
    });
    expect(summary).toMatchObject({ guestPurchases: figures.guest_purchases, campaigns: figures.campaigns });
    expect(figures.campaigns).toBe(2);
    expect(figures.bonus_entries).toBeGreaterThan(0);
    expect(figures.available).toBe(figures.ledger_points);
    expect(figures.tiers_held).toBeGreaterThanOrEqual(2);
    expect(summary.redemptions).toBeGreaterThan(0);
    expect(summary.redemptions).toBeLessThanOrEqual(model.filter((a) => a.type === 'redeem').length);
    const enrolled = await prisma.member.findFirst({ where: { externalId: 'cust-0000001' } });
    expect(enrolled?.enrolledAt).toEqual([...seedMembers(params)][0]!.enrolledAt);
  }, 60_000);

  it('gives the same figures as the bulk path for the same seed', async () => {
    const viaCopy = createPrismaClient(other.url);
    try {
      const copied = await seedByCopy(viaCopy, other.url, params);
      const tenantId = (await prisma.tenant.findFirstOrThrow()).id;
      expect(await seedFigures(viaCopy, copied.tenantId)).toEqual(await seedFigures(prisma, tenantId));
    } finally {
      await viaCopy.$disconnect();
    }
  }, 30_000);

  it('refuses to seed over the demo tenant, and replaces it when asked', async () => {
    await expect(clearDemoTenant(prisma, false)).rejects.toThrow(TenantExistsError);
    await expect(clearDemoTenant(prisma, false)).rejects.toThrow(/already exists: pass --replace/);
    await clearDemoTenant(prisma, true);
    expect(await prisma.tenant.count()).toBe(0);
    expect(await prisma.ledgerEntry.count()).toBe(0);
  }, 30_000);
});
