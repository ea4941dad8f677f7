// Test support for imports: a program with rules, tiers and expiry, orders as CSV, and a member's ledger as
// comparable rows (no ids, which differ between two writes of the same history).
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@loyaltystudio/prisma';
import type { ApiTest, TestTenant } from '../../../test/support.ts';

/** The shape of a program imports earn in: its name, its points' expiry, and its lifetime-points tiers. */
export interface ImportProgramShape {
  name: string;
  expiryDays: number;
  /** [rank, name, lifetime points threshold, earn multiplier in percent] */
  tiers: ReadonlyArray<readonly [number, string, number, number]>;
}

/** 1 point per 1.00 EUR on purchases, in a program of the given shape; its id. */
export async function createImportProgram(
  prisma: PrismaClient,
  tenantId: string,
  shape: ImportProgramShape,
): Promise<string> {
  const program = await prisma.program.create({
    data: {
      tenantId,
      name: shape.name,
      pointsName: 'Points',
      earningCurrency: 'EUR',
      expiryPolicy: 'days_after_earning',
      expiryValue: shape.expiryDays,
      moneyValuePer1000Points: 1_000,
    },
  });
  const rule = await prisma.rule.create({ data: { tenantId, programId: program.id, currentVersion: 1 } });
  await prisma.ruleVersion.create({
    data: {
      tenantId,
      ruleId: rule.id,
      version: 1,
      name: 'per euro',
      conditions: { eventType: { in: ['purchase'] } },
      effects: [{ pointsPerUnit: { points: 1, unitMinor: 100 } }],
    },
  });
  for (const [rank, name, threshold, pct] of shape.tiers) {
    await prisma.tier.create({
      data: {
        tenantId,
        programId: program.id,
        name,
        rank,
        qualification: 'lifetime_points',
        threshold,
        earnMultiplierPct: pct,
      },
    });
  }
  return program.id;
}

/** 1 point per 1.00 EUR on purchases; Silver (×1.5) at 200 lifetime points, Gold (×2) at 600; 60-day expiry. */
export function importProgram(t: ApiTest, tenant: TestTenant): Promise<string> {
  return createImportProgram(t.prisma, tenant.id, {
    name: 'P',
    expiryDays: 60,
    tiers: [
      [1, 'Silver', 200, 150],
      [2, 'Gold', 600, 200],
    ],
  });
}

export interface OrderLine {
  externalId: string;
  member: string;
  type: 'purchase' | 'refund';
  at: Date;
  amountMinor: number;
  refundOf?: string;
}

/** Orders as a merchant's CSV export would hold them, under the merchant's own column names. */
export function ordersCsv(orders: OrderLine[]): string {
  const rows = orders.map(
    (o) => `${o.externalId},${o.member},${o.type},${o.at.toISOString()},${o.amountMinor},EUR,${o.refundOf ?? ''}`,
  );
  return ['order_id,customer_id,kind,created,total_cents,currency,refund_of', ...rows].join('\n');
}

export const ORDERS_MAPPING = {
  orders: {
    externalId: 'order_id',
    memberExternalId: 'customer_id',
    type: 'kind',
    occurredAt: 'created',
    amountMinor: 'total_cents',
    refundOf: 'refund_of',
  },
};

export function postImport(t: ApiTest, tenant: TestTenant, payload: Record<string, unknown>, key = randomUUID()) {
  return t.app.inject({
    method: 'POST',
    url: '/v1/imports',
    headers: { ...tenant.as('owner'), 'idempotency-key': key },
    payload,
  });
}

/** Waits until the import has finished (succeeded or failed). */
export async function settled(t: ApiTest, tenant: TestTenant, id: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 600; i++) {
    const res = await t.app.inject({ method: 'GET', url: `/v1/imports/${id}`, headers: tenant.as('owner') });
    const body = res.json();
    if (body.status !== 'running') return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import ${id} did not finish`);
}

/** Each member's ledger, lots, tier changes and balance, by external id, without row ids. */
export async function ledgerOf(prisma: PrismaClient, tenantId: string) {
  const members = await prisma.member.findMany({ where: { tenantId }, orderBy: { externalId: 'asc' } });
  const tiers = new Map((await prisma.tier.findMany({ where: { tenantId } })).map((t) => [t.id, t.name]));
  const name = (id: string | null) => (id === null ? null : tiers.get(id));
  const out: Record<string, unknown> = {};
  for (const m of members) {
    const where = { tenantId, memberId: m.id };
    const [entries, lots, changes, balance] = await Promise.all([
      prisma.ledgerEntry.findMany({ where, orderBy: { seq: 'asc' } }),
      prisma.pointLot.findMany({ where, orderBy: [{ earnedAt: 'asc' }, { points: 'asc' }] }),
      prisma.tierChange.findMany({ where, orderBy: { effectiveAt: 'asc' } }),
      prisma.balance.findFirst({ where }),
    ]);
    out[m.externalId] = {
      enrolledAt: m.enrolledAt.toISOString(),
      entries: entries.map((e) => [e.seq, e.kind, e.points, e.shortfallPoints, e.effectiveAt.toISOString()]),
      lots: lots.map((l) => [l.earnedAt.toISOString(), l.expiresAt?.toISOString() ?? null, l.points, l.remaining]),
      tierChanges: changes.map((c) => [name(c.fromTierId), name(c.toTierId), c.reason, c.effectiveAt.toISOString()]),
      balance: balance && {
        available: balance.available,
        lifetimeEarned: balance.lifetimeEarned,
        redeemed: balance.redeemed,
        expired: balance.expired,
        tier: name(balance.tierId),
        seq: balance.seq,
      },
    };
  }
  return out;
}
