import type { PrismaClient } from '@loyaltystudio/prisma';

/** What a seeded tenant must satisfy whichever path wrote it; the tests of both paths check these figures. */
export async function seedFigures(prisma: PrismaClient, tenantId: string) {
  const [row] = await prisma.$queryRaw<Record<string, bigint>[]>`
    SELECT
      (SELECT count(*) FROM members WHERE tenant_id = ${tenantId}::uuid) AS members,
      (SELECT count(*) FROM events WHERE tenant_id = ${tenantId}::uuid) AS events,
      (SELECT count(*) FROM ledger_entries WHERE tenant_id = ${tenantId}::uuid) AS ledger_entries,
      (SELECT coalesce(sum(points), 0) FROM ledger_entries WHERE tenant_id = ${tenantId}::uuid) AS ledger_points,
      (SELECT coalesce(sum(available), 0) FROM balances WHERE tenant_id = ${tenantId}::uuid) AS available,
      (SELECT count(*) FROM redemptions WHERE tenant_id = ${tenantId}::uuid) AS redemptions,
      (SELECT count(*) FROM lot_allocations WHERE tenant_id = ${tenantId}::uuid) AS lot_allocations,
      (SELECT coalesce(sum(remaining), 0) FROM point_lots WHERE tenant_id = ${tenantId}::uuid) AS lots_remaining,
      (SELECT count(*) FROM tier_changes WHERE tenant_id = ${tenantId}::uuid) AS tier_changes,
      -- When entries and tier moves took effect, and were recorded, summed as whole seconds: equal between writers.
      (SELECT coalesce(sum(floor(extract(epoch FROM effective_at))), 0) FROM ledger_entries
        WHERE tenant_id = ${tenantId}::uuid) AS ledger_effective_seconds,
      (SELECT coalesce(sum(floor(extract(epoch FROM created_at))), 0) FROM ledger_entries
        WHERE tenant_id = ${tenantId}::uuid) AS ledger_recorded_seconds,
      (SELECT coalesce(sum(floor(extract(epoch FROM effective_at))), 0) FROM tier_changes
        WHERE tenant_id = ${tenantId}::uuid) AS tier_changes_effective_seconds,
      (SELECT coalesce(sum(lifetime_earned), 0) FROM balances WHERE tenant_id = ${tenantId}::uuid) AS lifetime_earned,
      (SELECT count(*) FROM events WHERE tenant_id = ${tenantId}::uuid AND type = 'refund') AS refunds,
      (SELECT count(*) FROM balances WHERE tenant_id = ${tenantId}::uuid AND tier_id IS NOT NULL) AS tiered,
      (SELECT count(DISTINCT tier_id) FROM balances WHERE tenant_id = ${tenantId}::uuid) AS tiers_held,
      (SELECT count(*) FROM balances b WHERE b.tenant_id = ${tenantId}::uuid AND b.available <> (
        SELECT coalesce(sum(points), 0) FROM ledger_entries l
        WHERE l.member_id = b.member_id AND l.program_id = b.program_id)) AS balances_off_ledger,
      (SELECT count(*) FROM point_lots p WHERE p.tenant_id = ${tenantId}::uuid AND p.remaining < 0) AS negative_lots,
      (SELECT count(*) FROM events e JOIN members m ON m.id = e.member_id
        WHERE e.tenant_id = ${tenantId}::uuid AND e.occurred_at < m.enrolled_at) AS events_before_enrolment,
      (SELECT count(*) FROM guest_purchases WHERE tenant_id = ${tenantId}::uuid) AS guest_purchases,
      (SELECT coalesce(sum(amount_minor), 0) FROM guest_purchases WHERE tenant_id = ${tenantId}::uuid) AS guest_revenue,
      (SELECT count(*) FROM guest_purchases WHERE tenant_id = ${tenantId}::uuid AND customer_ref IS NULL) AS anonymous_orders,
      (SELECT count(*) FROM guest_purchases g JOIN members m
        ON m.tenant_id = g.tenant_id AND m.external_id = g.customer_ref
        WHERE g.tenant_id = ${tenantId}::uuid) AS pre_enrolment_orders,
      (SELECT count(*) FROM guest_purchases g JOIN members m
        ON m.tenant_id = g.tenant_id AND m.external_id = g.customer_ref
        WHERE g.tenant_id = ${tenantId}::uuid AND g.occurred_at >= m.enrolled_at) AS guest_orders_after_enrolment,
      (SELECT count(*) FROM campaigns WHERE tenant_id = ${tenantId}::uuid) AS campaigns,
      (SELECT count(*) FROM campaign_members WHERE tenant_id = ${tenantId}::uuid) AS campaign_members,
      (SELECT count(*) FROM campaign_members WHERE tenant_id = ${tenantId}::uuid AND variant = 'holdout') AS holdout_members,
      (SELECT count(*) FROM ledger_entries WHERE tenant_id = ${tenantId}::uuid AND kind = 'bonus') AS bonus_entries,
      (SELECT coalesce(sum(points), 0) FROM ledger_entries WHERE tenant_id = ${tenantId}::uuid AND kind = 'bonus') AS bonus_points,
      (SELECT count(*) FROM ledger_entries l
        LEFT JOIN campaign_members cm ON cm.campaign_id = l.campaign_id AND cm.member_id = l.member_id
          AND cm.variant = 'treatment'
        LEFT JOIN campaigns c ON c.id = l.campaign_id
        LEFT JOIN events e ON e.id = l.event_id
        WHERE l.tenant_id = ${tenantId}::uuid AND l.kind = 'bonus' AND (cm.member_id IS NULL OR e.type <> 'purchase'
          OR e.occurred_at < c.starts_at OR e.occurred_at >= c.ends_at)) AS bonuses_outside_campaign`;
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
}
