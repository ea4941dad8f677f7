import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest, type TestTenant } from '../../../test/support.ts';
import { expirePoints } from '../ledger/expire-points.ts';
import {
  importProgram,
  ledgerOf,
  ORDERS_MAPPING,
  type OrderLine,
  ordersCsv,
  postImport,
  settled,
} from './imports.fixtures.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;
const start = Date.UTC(2025, 0, 1);

/** A member's purchases (amount, minutes after the previous one) and, for some, refunds (a share, days later). */
const memberHistory = fc.array(
  fc.record({
    amountMinor: fc.integer({ min: 100, max: 60_000 }),
    gapMinutes: fc.integer({ min: 1, max: 30 * 24 * 60 }),
    refunds: fc.array(fc.record({ share: fc.integer({ min: 1, max: 100 }), days: fc.integer({ min: 0, max: 20 }) }), {
      maxLength: 2,
    }),
  }),
  { minLength: 1, maxLength: 7 },
);

/** The generated histories as orders in time order; every instant is distinct, so both paths see one order. */
function ordersOf(prefix: string, members: Array<typeof memberHistory extends fc.Arbitrary<infer T> ? T : never>) {
  const orders: OrderLine[] = [];
  members.forEach((purchases, m) => {
    let at = start + m * 7 * MINUTE;
    purchases.forEach((p, k) => {
      at += p.gapMinutes * MINUTE;
      const id = `${prefix}-${m}-${k}`;
      orders.push({
        externalId: id,
        member: `${prefix}-m${m}`,
        type: 'purchase',
        at: new Date(at),
        amountMinor: p.amountMinor,
      });
      let left = p.amountMinor;
      p.refunds.forEach((r, j) => {
        const amount = Math.min(left, Math.max(1, Math.floor((p.amountMinor * r.share) / 100)));
        if (amount === 0) return;
        left -= amount;
        const refundAt = at + r.days * DAY + (j + 1) * 3 * MINUTE + 1_000 * (m + 1);
        orders.push({
          externalId: `${id}-r${j}`,
          member: `${prefix}-m${m}`,
          type: 'refund',
          at: new Date(refundAt),
          amountMinor: amount,
          refundOf: id,
        });
      });
    });
  });
  return orders.sort((x, y) => x.at.getTime() - y.at.getTime());
}

describe('an import and the live api give the same ledger for the same events', () => {
  let t: ApiTest;
  let live: TestTenant;
  let imported: TestTenant;

  beforeAll(async () => {
    t = await startApiTest();
    [live, imported] = await Promise.all([t.tenant(), t.tenant()]);
    await Promise.all([importProgram(t, live), importProgram(t, imported)]);
  }, 60_000);
  afterAll(() => t?.stop());

  /** The live way: each event through POST /v1/events in time order, the expiry run as of each event's time. */
  async function sendLive(orders: OrderLine[]) {
    for (const o of orders) {
      await expirePoints(t.prisma, { now: o.at, tenantId: live.id });
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: { ...live.as('owner'), 'idempotency-key': randomUUID() },
        payload: {
          externalId: o.externalId,
          type: o.type,
          occurredAt: o.at.toISOString(),
          amountMinor: o.amountMinor,
          currency: 'EUR',
          ...(o.type === 'purchase' ? { memberExternalId: o.member } : { refundOfExternalId: o.refundOf }),
        },
      });
      if (res.statusCode !== 201) throw new Error(`event ${o.externalId} answered ${res.statusCode}: ${res.body}`);
    }
    await expirePoints(t.prisma, { now: new Date(), tenantId: live.id });
  }

  it('entries (kind, points, effective time), lots, tier moves and balances, member by member', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(memberHistory, { minLength: 1, maxLength: 3 }), async (members) => {
        const prefix = `p${randomUUID().slice(0, 8)}`;
        const orders = ordersOf(prefix, members);
        await sendLive(orders);
        const res = await postImport(t, imported, {
          orders: { format: 'csv', content: ordersCsv(orders) },
          mapping: ORDERS_MAPPING,
        });
        expect(res.statusCode).toBe(202);
        expect((await settled(t, imported, res.json().id)).status).toBe('succeeded');
        const mine = async (tenant: TestTenant) =>
          Object.fromEntries(
            Object.entries(await ledgerOf(t.prisma, tenant.id)).filter(([id]) => id.startsWith(prefix)),
          );
        const expected = await mine(live);
        expect(Object.keys(expected)).toHaveLength(members.length);
        expect(await mine(imported)).toEqual(expected);
      }),
      { numRuns: 6 },
    );
  }, 300_000);
});
