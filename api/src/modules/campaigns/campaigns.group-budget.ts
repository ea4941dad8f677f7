import { Prisma } from '@loyaltystudio/prisma';
import { MAX_BUDGET_SLICES } from './campaigns.repository.ts';

/**
 * A group of accruals takes its bonuses from a campaign's budget once (`events/events.group.ts`): the whole share
 * from one slice that can cover it, by one conditional update, in the group's write statement, its last before
 * COMMIT, so the slice's row lock is held for the shortest time and costs no round trip of its own. The slice is the
 * first, from a random one on, that covers the share and that no other transaction holds (`SKIP LOCKED`): two
 * groups in flight take from two slices and never wait for each other, and a group never waits for a slice, so it
 * is in no deadlock with the accruals that take a budget's last points slice by slice.
 *
 * CTEs over `need` (`cid` uuid, `pts` int: each campaign's share): `pick`, the slice each share is taken from (locked),
 * `bud`, the takes, and `bud_short`, the campaigns whose share no free slice could cover (nothing was taken from
 * those).
 */
export function groupBudgetCtes(tenantId: string, need: Prisma.Sql): Prisma.Sql {
  const t = Prisma.sql`${tenantId}::uuid`;
  const n = Prisma.sql`${MAX_BUDGET_SLICES}::int`;
  const start = Math.floor(Math.random() * MAX_BUDGET_SLICES);
  // The picks are materialised, so each is made once: a lateral rescanned by the update's join could pick another
  // free slice each time.
  return Prisma.sql`pick AS MATERIALIZED (
      SELECT need.cid, need.pts, p.slice FROM ${need} need
      CROSS JOIN LATERAL (
        SELECT x.slice FROM campaign_budget_slices x
        WHERE x.tenant_id = ${t} AND x.campaign_id = need.cid AND x.spent_points + need.pts <= x.budget_points
        ORDER BY (x.slice + ${n} - ${start}::int) % ${n}
        LIMIT 1
        FOR UPDATE SKIP LOCKED
      ) p
    ), bud AS (
      UPDATE campaign_budget_slices s SET spent_points = s.spent_points + pick.pts
      FROM pick
      WHERE s.tenant_id = ${t} AND s.campaign_id = pick.cid AND s.slice = pick.slice
        AND s.spent_points + pick.pts <= s.budget_points
      RETURNING s.campaign_id
    ), bud_short AS (
      SELECT need.cid FROM ${need} need WHERE need.cid NOT IN (SELECT campaign_id FROM bud)
    )`;
}
