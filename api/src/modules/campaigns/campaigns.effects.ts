import { Prisma } from '@loyaltystudio/prisma';
import {
  type Award,
  type CampaignDefinition,
  type CompiledCampaign,
  compileCampaign,
  evaluateSeat,
  type TimeWindow,
  type Variant,
} from '../../domain/campaigns/index.ts';
import type { Tx } from '../../infra/tenant-tx.ts';
import type {
  BonusLine,
  CampaignContext,
  CampaignEffects,
  CampaignPlan,
  CampaignSeat,
  GroupBonus,
} from '../events/campaign-effects.ts';
import { grantReward } from '../redemptions/redemptions.service.ts';
import { groupBudgetCtes } from './campaigns.group-budget.ts';
import { campaignsRepository as repo, sliceOf } from './campaigns.repository.ts';

/** A campaign compiled for the accrual path, cached by id and revision. */
interface Prepared {
  compiled: CompiledCampaign;
  budgetPoints: number | null;
  slices: number;
  rewardCostPoints: number | null;
  /** Until when (ms) the budget is known to be spent: accruals skip the campaign instead of trying it again. */
  spentUntil: number;
}

export interface CampaignEffectsOptions {
  /**
   * Told (outside the accrual's transaction, without waiting) when a campaign's budget could not cover what it
   * was to give: its workflow checks the budget and stops the campaign when it is spent. At most once per
   * campaign every `notifyEveryMs`.
   */
  onBudgetShort?: (tenantId: string, campaignId: string) => void;
  notifyEveryMs?: number;
  /** Most definitions kept; the oldest go first. */
  capacity?: number;
  /** How long a spent budget is trusted before its slices are read again, in ms. */
  spentForMs?: number;
  now?: () => number;
}

/**
 * The campaigns' side of the accrual seam (`events/campaign-effects.ts`). The member's seats come with the
 * accrual's first statement; definitions are compiled once per revision and kept in the process; bonuses ride in
 * the accrual's write statement, guarded by a check that the seats did not change and a conditional update of the
 * member's budget slice. Anything else (a reward to grant, two budgets to take, a slice running short, a seat
 * changed under the plan) takes the step-by-step path in the same transaction.
 */
export function createCampaignEffects(options: CampaignEffectsOptions = {}): CampaignEffects {
  const capacity = options.capacity ?? 1_000;
  const notifyEveryMs = options.notifyEveryMs ?? 10_000;
  const spentForMs = options.spentForMs ?? 5_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, Prepared>();
  const notified = new Map<string, number>();
  /** Until when (ms) a group could not take a campaign's bonuses from its budget: its accruals then run alone. */
  const groupShort = new Map<string, number>();

  async function prepare(tx: Tx, tenantId: string, seat: CampaignSeat): Promise<Prepared | null> {
    const key = `${seat.campaignId}@${seat.revision}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const row = await repo.definition(tx, tenantId, seat.campaignId);
    if (!row) return null;
    const definition: CampaignDefinition = {
      id: row.id,
      type: row.type,
      config: row.config,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      windows: row.timeWindows as TimeWindow[],
      variants: row.variants as Variant[],
      holdoutPercent: row.holdoutPercent,
    };
    const prepared: Prepared = {
      compiled: compileCampaign(definition),
      budgetPoints: row.budgetPoints,
      slices: row.slices,
      rewardCostPoints: row.rewardCostPoints,
      spentUntil: 0,
    };
    // Keyed by the revision read now: a campaign changed since the seats were read gets a new entry next time.
    cache.set(`${row.id}@${row.revision}`, prepared);
    if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
    return prepared;
  }

  function short(tenantId: string, campaignId: string, prepared: Prepared) {
    prepared.spentUntil = now() + spentForMs;
    if (!options.onBudgetShort) return;
    const last = notified.get(campaignId) ?? 0;
    if (now() - last < notifyEveryMs) return;
    notified.set(campaignId, now());
    if (notified.size > capacity) notified.delete(notified.keys().next().value as string);
    options.onBudgetShort(tenantId, campaignId);
  }

  /** Each seat's award, in campaign id order (the seats come sorted). */
  async function awards(
    tx: Tx,
    ctx: CampaignContext,
    seats: CampaignSeat[],
  ): Promise<{ seat: CampaignSeat; prepared: Prepared; award: Award }[]> {
    const found: { seat: CampaignSeat; prepared: Prepared; award: Award }[] = [];
    for (const seat of seats) {
      const prepared = await prepare(tx, ctx.tenantId, seat);
      if (!prepared) continue;
      if (prepared.budgetPoints !== null && prepared.spentUntil > now()) continue;
      const award = evaluateSeat(
        prepared.compiled,
        seat.variant,
        {
          event: ctx.event,
          member: {
            ...ctx.member,
            priorPurchaseCount: prepared.compiled.needsPurchaseCount ? await ctx.priorPurchaseCount() : 0,
            earnedThisPeriodByRule: {},
          },
          timeZone: ctx.program.timeZone,
          rulePoints: ctx.rulePoints,
          program: ctx.program,
        },
        seat,
      );
      if (award) found.push({ seat, prepared, award });
    }
    return found;
  }

  const seatChanged = (seat: CampaignSeat, award: Award) =>
    award.seat.awards !== seat.awards || award.seat.progressMinor !== seat.progressMinor;

  return {
    seatsQuery: repo.seatsQuery,

    async plan(tx, ctx, seats): Promise<CampaignPlan | null> {
      const found = await awards(tx, ctx, seats);
      const bonuses: BonusLine[] = [];
      const changed: { seat: CampaignSeat; award: Award }[] = [];
      let budget: { campaignId: string; slice: number; points: number } | null = null;
      for (const { seat, prepared, award } of found) {
        if (award.rewardId !== undefined) return null;
        if (seatChanged(seat, award)) changed.push({ seat, award });
        if (award.points <= 0) continue;
        if (prepared.budgetPoints !== null) {
          if (budget || prepared.slices === 0) return null;
          budget = {
            campaignId: seat.campaignId,
            slice: sliceOf(ctx.memberId, prepared.slices),
            points: award.points,
          };
        }
        bonuses.push({ campaignId: seat.campaignId, points: award.points, reason: award.reason });
      }
      const { tenantId, memberId } = ctx;
      // The seats as read, unchanged when the statement runs: it starts after the balance lock was taken, so it
      // sees every earlier accrual of the member.
      const unchanged = changed.length
        ? Prisma.sql`(SELECT count(*) = ${changed.length}::int FROM campaign_members
            WHERE tenant_id = ${tenantId}::uuid AND member_id = ${memberId}::uuid
              AND (campaign_id, awards, progress_minor) IN (${Prisma.join(
                changed.map(
                  ({ seat }) => Prisma.sql`(${seat.campaignId}::uuid, ${seat.awards}::int, ${seat.progressMinor}::int)`,
                ),
              )}))`
        : Prisma.sql`true`;
      const guard = budget
        ? Prisma.sql`
          bud AS (
            UPDATE campaign_budget_slices SET spent_points = spent_points + ${budget.points}::int
            WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${budget.campaignId}::uuid
              AND slice = ${budget.slice}::int AND spent_points + ${budget.points}::int <= budget_points
              AND ${unchanged}
            RETURNING 1
          ),
          go AS (SELECT EXISTS (SELECT 1 FROM bud) AS go)`
        : Prisma.sql`go AS (SELECT ${unchanged} AS go)`;
      const writes = changed.length
        ? (onlyIf: Prisma.Sql) => Prisma.sql`
          seats_w AS (
            UPDATE campaign_members cm SET awards = v.awards, progress_minor = v.progress
            FROM (VALUES ${Prisma.join(
              changed.map(
                ({ seat, award }) =>
                  Prisma.sql`(${seat.campaignId}::uuid, ${award.seat.awards}::int, ${award.seat.progressMinor}::int)`,
              ),
            )}) AS v(campaign_id, awards, progress)
            WHERE cm.campaign_id = v.campaign_id AND cm.member_id = ${memberId}::uuid
              AND cm.tenant_id = ${tenantId}::uuid AND ${onlyIf}
          )`
        : null;
      return { bonuses, guard, writes };
    },

    async groupBonuses(tx, ctx, seats): Promise<GroupBonus[] | null> {
      const bonuses: GroupBonus[] = [];
      for (const { seat, prepared, award } of await awards(tx, ctx, seats)) {
        // A seat to write (a limit, a spend) or a reward to grant: the accrual runs alone.
        if (award.rewardId !== undefined || seatChanged(seat, award)) return null;
        if (award.points <= 0) continue;
        const budgeted = prepared.budgetPoints !== null;
        if (budgeted && (prepared.slices === 0 || (groupShort.get(seat.campaignId) ?? 0) > now())) return null;
        bonuses.push({ campaignId: seat.campaignId, points: award.points, reason: award.reason, budgeted });
      }
      return bonuses;
    },

    groupBudget: {
      ctes: groupBudgetCtes,
      short(_tenantId, campaignIds) {
        // Until then, these campaigns' accruals take the exact path, one at a time, which spends what is left.
        for (const id of campaignIds) groupShort.set(id, now() + spentForMs);
        if (groupShort.size > capacity) groupShort.delete(groupShort.keys().next().value as string);
      },
    },

    async campaignEffects(tx, ctx): Promise<BonusLine[]> {
      const { tenantId, memberId, programId } = ctx;
      // A member the first statement found in no running campaign (or a member enrolled by this event): nothing.
      if (ctx.knownSeats?.length === 0) return [];
      // Read again: this path runs under the member's balance lock, so the seats are the latest.
      const seats = await repo.seats(tx, tenantId, memberId, programId);
      const found = await awards(tx, ctx, seats);
      const bonuses: BonusLine[] = [];
      for (const { seat, prepared, award } of found) {
        let seatAfter = award.seat;
        if (award.rewardId !== undefined) {
          const cost = prepared.rewardCostPoints ?? 0;
          const budgeted = prepared.budgetPoints !== null && cost > 0;
          if (budgeted && (await repo.takeBudget(tx, tenantId, seat.campaignId, cost, true)) < cost) {
            short(tenantId, seat.campaignId, prepared);
            continue;
          }
          const granted = await grantReward(tx, {
            tenantId,
            memberId,
            programId,
            rewardId: award.rewardId,
            campaignId: seat.campaignId,
            now: new Date(),
          });
          if (!granted) {
            // Out of stock or withdrawn: the budget taken for it goes back, and the member may get it later.
            if (budgeted) await repo.returnBudget(tx, tenantId, seat.campaignId, cost);
            continue;
          }
        } else if (award.points > 0) {
          let points = award.points;
          if (prepared.budgetPoints !== null) {
            points = await repo.takeBudget(tx, tenantId, seat.campaignId, award.points);
            if (points < award.points) short(tenantId, seat.campaignId, prepared);
            // Nothing given: the award does not count against the member's limit; spend still counts.
            if (points === 0) seatAfter = { awards: seat.awards, progressMinor: award.seat.progressMinor };
          }
          if (points > 0) bonuses.push({ campaignId: seat.campaignId, points, reason: award.reason });
        }
        if (seatAfter.awards !== seat.awards || seatAfter.progressMinor !== seat.progressMinor) {
          await repo.writeSeat(tx, tenantId, seat.campaignId, memberId, seatAfter);
        }
      }
      return bonuses;
    },
  };
}
