import { PREPARED, Prisma } from '@loyaltystudio/prisma';
import type { Tx } from '../../infra/tenant-tx.ts';
import type { GroupBudgetTake } from '../events/campaign-effects.ts';
import { MAX_BUDGET_SLICES } from './campaigns.repository.ts';

/**
 * A group of accruals takes its bonuses from a campaign's budget once (`events/events.group.ts`): the whole sum from
 * one slice that can cover it, by one conditional update, the group's last statement before its COMMIT, so the
 * slice's row lock is held for the shortest time. The slice is the first, from a random one on, that covers the sum
 * and that no other transaction holds (`SKIP LOCKED`): two groups in flight take from two slices, and a group never
 * waits for a slice, so it is in no deadlock with the accruals that take a budget's last points slice by slice.
 * The campaigns (in campaign order) whose take no free slice could cover: nothing was taken from them.
 */
export async function takeGroupBudget(tx: Tx, tenantId: string, takes: GroupBudgetTake[]): Promise<string[]> {
  const short: string[] = [];
  const t = Prisma.sql`${tenantId}::uuid`;
  const start = Math.floor(Math.random() * MAX_BUDGET_SLICES);
  for (const take of [...takes].sort((x, y) => (x.campaignId < y.campaignId ? -1 : 1))) {
    if (take.points <= 0) continue;
    const c = Prisma.sql`${take.campaignId}::uuid`;
    const points = Prisma.sql`${take.points}::int`;
    const rows = await tx.$queryRaw<{ slice: number }[]>`${Prisma.raw(PREPARED)}
      WITH pick AS (
        SELECT slice FROM campaign_budget_slices
        WHERE tenant_id = ${t} AND campaign_id = ${c} AND spent_points + ${points} <= budget_points
        ORDER BY (slice + ${MAX_BUDGET_SLICES}::int - ${start}::int) % ${MAX_BUDGET_SLICES}::int
        LIMIT 1
        FOR UPDATE SKIP LOCKED
      )
      UPDATE campaign_budget_slices s SET spent_points = s.spent_points + ${points}
      FROM pick
      WHERE s.tenant_id = ${t} AND s.campaign_id = ${c} AND s.slice = pick.slice
        AND s.spent_points + ${points} <= s.budget_points
      RETURNING s.slice`;
    if (rows.length !== 1) short.push(take.campaignId);
  }
  return short;
}
