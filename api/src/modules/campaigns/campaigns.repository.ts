import { type Campaign as CampaignRow, Prisma } from '@loyaltystudio/prisma';
import type { Tx } from '../../infra/tenant-tx.ts';
import type { CampaignSeat } from '../events/campaign-effects.ts';
import type { CampaignStatus } from './campaigns.schemas.ts';

/** Slices a budget is cut into: more than the api's pool has connections, so concurrent accruals rarely share one. */
export const MAX_BUDGET_SLICES = 64;

/** Points a slice holds at least, so that one slice covers many bonuses before it runs out. */
export const MIN_SLICE_POINTS = 1_000;

/**
 * Slices of a budget: one per 1,000 points, at most MAX_BUDGET_SLICES. A budget under 2,000 points is one slice:
 * small enough to be spent soon, where the queue on one row matters least.
 */
export const sliceCount = (budgetPoints: number) =>
  Math.max(1, Math.min(MAX_BUDGET_SLICES, Math.floor(budgetPoints / MIN_SLICE_POINTS)));

/** The slice a member's bonuses take first: spread by the member id's last 32 bits. */
export const sliceOf = (memberId: string, slices: number) =>
  Number.parseInt(memberId.replaceAll('-', '').slice(-8), 16) % slices;

/** A campaign as the accrual path needs it, with its slices and, for a reward grant, the reward's cost. */
export interface CampaignDefinitionRow {
  id: string;
  name: string;
  type: CampaignRow['type'];
  config: Record<string, unknown>;
  startsAt: Date;
  endsAt: Date;
  timeWindows: unknown;
  variants: unknown;
  holdoutPercent: number;
  budgetPoints: number | null;
  slices: number;
  rewardCostPoints: number | null;
  revision: string;
}

/** The revision of a campaign: its updated_at as JSON writes it, the same text the seats query returns. */
const REVISION = Prisma.sql`to_json(c.updated_at)#>>'{}'`;

export const campaignsRepository = {
  findProgram: (tx: Tx, tenantId: string, programId: string) =>
    tx.program.findFirst({ where: { tenantId, id: programId }, select: { id: true, status: true } }),

  /**
   * What a launch checks besides the campaign, in one round trip: its program's status, and its audience's size when
   * the segment version is a static snapshot (null for a dynamic one).
   */
  launchFacts: async (tx: Tx, tenantId: string, programId: string, segmentVersionId: string) => {
    const [row] = await tx.$queryRaw<{ programStatus: string | null; audienceMembers: number | null }[]>`
      SELECT (SELECT status::text FROM programs WHERE id = ${programId}::uuid AND tenant_id = ${tenantId}::uuid)
               AS "programStatus",
             (SELECT member_count FROM segment_versions WHERE id = ${segmentVersionId}::uuid
                AND tenant_id = ${tenantId}::uuid) AS "audienceMembers"`;
    return { programStatus: row?.programStatus ?? null, audienceMembers: row?.audienceMembers ?? null };
  },

  /** The tenant's segment version; another tenant's is invisible (row-level security and the filter). */
  findSegmentVersion: (tx: Tx, tenantId: string, id: string) =>
    tx.segmentVersion.findFirst({ where: { tenantId, id }, select: { id: true } }),

  findReward: (tx: Tx, tenantId: string, programId: string, id: string) =>
    tx.reward.findFirst({ where: { tenantId, programId, id }, select: { id: true, costPoints: true, status: true } }),

  create: (tx: Tx, data: Prisma.CampaignUncheckedCreateInput) => tx.campaign.create({ data }),

  find: (tx: Tx, tenantId: string, id: string) => tx.campaign.findFirst({ where: { tenantId, id } }),

  /** The campaign, locked until the transaction ends: lifecycle changes of one campaign serialise here. */
  lock: async (tx: Tx, tenantId: string, id: string) => {
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM campaigns WHERE id = ${id}::uuid AND tenant_id = ${tenantId}::uuid FOR UPDATE`;
    return row ? tx.campaign.findFirstOrThrow({ where: { tenantId, id } }) : null;
  },

  /** A page in creation order (newest first), optionally of one status. */
  list: (
    tx: Tx,
    tenantId: string,
    status: CampaignStatus | undefined,
    take: number,
    before?: { createdAt: string; id: string },
  ) =>
    tx.campaign.findMany({
      where: {
        tenantId,
        status,
        ...(before && {
          OR: [
            { createdAt: { lt: new Date(before.createdAt) } },
            { createdAt: new Date(before.createdAt), id: { lt: before.id } },
          ],
        }),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
    }),

  update: (tx: Tx, tenantId: string, id: string, data: Prisma.CampaignUncheckedUpdateManyInput) =>
    tx.campaign.update({ where: { id, tenantId }, data }),

  /**
   * Moves the campaign from one of `from` to `to`, with the other fields given; null when it was in none of them
   * (another change came first).
   */
  transition: async (
    tx: Tx,
    tenantId: string,
    id: string,
    from: CampaignStatus[],
    data: Prisma.CampaignUncheckedUpdateManyInput & { status: CampaignStatus },
  ) => {
    const { count } = await tx.campaign.updateMany({ where: { tenantId, id, status: { in: from } }, data });
    return count === 1 ? tx.campaign.findFirstOrThrow({ where: { tenantId, id } }) : null;
  },

  /** Points spent by campaign, from their budget slices; campaigns without slices are absent. */
  spentByCampaign: async (tx: Tx, tenantId: string, ids: string[]) => {
    if (ids.length === 0) return new Map<string, number>();
    const rows = await tx.$queryRaw<{ campaignId: string; spent: number }[]>`
      SELECT campaign_id AS "campaignId", sum(spent_points)::int AS spent FROM campaign_budget_slices
      WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ANY(${ids}::uuid[])
      GROUP BY campaign_id`;
    return new Map(rows.map((r) => [r.campaignId, r.spent]));
  },

  /** Cuts the budget into its slices, once: a second call (a retried start) changes nothing. */
  createSlices: async (tx: Tx, tenantId: string, campaignId: string, budgetPoints: number) => {
    const n = sliceCount(budgetPoints);
    const base = Math.floor(budgetPoints / n);
    const extra = budgetPoints - base * n;
    await tx.$executeRaw`
      INSERT INTO campaign_budget_slices (tenant_id, campaign_id, slice, budget_points)
      SELECT ${tenantId}::uuid, ${campaignId}::uuid, s, ${base}::int + CASE WHEN s < ${extra}::int THEN 1 ELSE 0 END
      FROM generate_series(0, ${n - 1}::int) AS s
      ON CONFLICT (campaign_id, slice) DO NOTHING`;
  },

  /**
   * Scheduled → running in one statement: the status and start time, and the budget cut into its slices (in SQL,
   * as `createSlices` cuts it) from the budget the row holds when the update takes its lock, so a change of the
   * budget committed just before is the one cut. Null when the campaign was not scheduled (cancelled meanwhile, or
   * already running: its slices exist then).
   */
  startRunning: async (db: Tx, tenantId: string, campaignId: string, now: Date) => {
    const [row] = await db.$queryRaw<{ status: string }[]>`
      WITH c AS (
        UPDATE campaigns SET status = 'running', started_at = ${now}::timestamptz, updated_at = now()
        WHERE id = ${campaignId}::uuid AND tenant_id = ${tenantId}::uuid AND status = 'scheduled'
        RETURNING id, tenant_id, budget_points,
          GREATEST(1, LEAST(${MAX_BUDGET_SLICES}::int, budget_points / ${MIN_SLICE_POINTS}::int)) AS n
      ), slices AS (
        INSERT INTO campaign_budget_slices (tenant_id, campaign_id, slice, budget_points)
        SELECT c.tenant_id, c.id, s, c.budget_points / c.n + CASE WHEN s < c.budget_points % c.n THEN 1 ELSE 0 END
        FROM c, generate_series(0, c.n - 1) AS s
        WHERE c.budget_points IS NOT NULL
        ON CONFLICT (campaign_id, slice) DO NOTHING
      )
      SELECT 'running' AS status FROM c`;
    return row ? { status: 'running' as const } : null;
  },

  /** Spreads a budget increase over the existing slices. */
  growSlices: async (tx: Tx, tenantId: string, campaignId: string, increase: number) => {
    const [row] = await tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM campaign_budget_slices
      WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid`;
    const n = row?.n ?? 0;
    if (n === 0) return;
    const base = Math.floor(increase / n);
    const extra = increase - base * n;
    await tx.$executeRaw`
      UPDATE campaign_budget_slices
      SET budget_points = budget_points + ${base}::int + CASE WHEN slice < ${extra}::int THEN 1 ELSE 0 END
      WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid`;
  },

  /** The budget as its slices hold it now. */
  budgetState: async (tx: Tx, tenantId: string, campaignId: string) => {
    const [row] = await tx.$queryRaw<{ budget: number | null; spent: number | null; slices: number }[]>`
      SELECT sum(budget_points)::int AS budget, sum(spent_points)::int AS spent, count(*)::int AS slices
      FROM campaign_budget_slices WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid`;
    return { budget: row?.budget ?? null, spent: row?.spent ?? 0, slices: row?.slices ?? 0 };
  },

  /**
   * Takes up to `points` from the budget's slices, lowest first (the same order everywhere, so takers never
   * deadlock), each by a conditional update under its row lock; returns what it took. With `allOrNothing`, gives
   * back a partial take and returns 0.
   */
  takeBudget: async (
    tx: Tx,
    tenantId: string,
    campaignId: string,
    points: number,
    allOrNothing = false,
  ): Promise<number> => {
    const open = await tx.$queryRaw<{ slice: number }[]>`
      SELECT slice FROM campaign_budget_slices
      WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid AND spent_points < budget_points
      ORDER BY slice`;
    let taken = 0;
    const parts: { slice: number; points: number }[] = [];
    for (const { slice } of open) {
      if (taken === points) break;
      const [row] = await tx.$queryRaw<{ took: number }[]>`
        WITH s AS (
          SELECT slice, spent_points AS before FROM campaign_budget_slices
          WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid AND slice = ${slice}::int
          FOR UPDATE
        )
        UPDATE campaign_budget_slices x
        SET spent_points = LEAST(x.budget_points, x.spent_points + ${points - taken}::int)
        FROM s WHERE x.campaign_id = ${campaignId}::uuid AND x.slice = s.slice
        RETURNING x.spent_points - s.before AS took`;
      const took = row?.took ?? 0;
      if (took > 0) parts.push({ slice, points: took });
      taken += took;
    }
    if (allOrNothing && taken < points) {
      for (const part of parts) {
        await tx.$executeRaw`
          UPDATE campaign_budget_slices SET spent_points = spent_points - ${part.points}::int
          WHERE campaign_id = ${campaignId}::uuid AND slice = ${part.slice}::int AND tenant_id = ${tenantId}::uuid`;
      }
      return 0;
    }
    return taken;
  },

  /** Gives back points taken from the budget (a grant that could not be made), to the lowest slices first. */
  returnBudget: async (tx: Tx, tenantId: string, campaignId: string, points: number) => {
    let left = points;
    const used = await tx.$queryRaw<{ slice: number; spent: number }[]>`
      SELECT slice, spent_points AS spent FROM campaign_budget_slices
      WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid AND spent_points > 0
      ORDER BY slice`;
    for (const { slice, spent } of used) {
      if (left === 0) break;
      const back = Math.min(left, spent);
      await tx.$executeRaw`
        UPDATE campaign_budget_slices SET spent_points = spent_points - ${back}::int
        WHERE campaign_id = ${campaignId}::uuid AND slice = ${slice}::int AND tenant_id = ${tenantId}::uuid`;
      left -= back;
    }
  },

  /** A campaign as the accrual path caches it. */
  definition: async (tx: Tx, tenantId: string, id: string): Promise<CampaignDefinitionRow | undefined> =>
    (
      await tx.$queryRaw<CampaignDefinitionRow[]>`
        SELECT c.id, c.name, c.type::text AS type, c.config, c.starts_at AS "startsAt", c.ends_at AS "endsAt",
          c.time_windows AS "timeWindows", c.variants, c.holdout_percent AS "holdoutPercent",
          c.budget_points AS "budgetPoints",
          (SELECT count(*)::int FROM campaign_budget_slices s WHERE s.campaign_id = c.id) AS slices,
          (SELECT r.cost_points FROM rewards r WHERE r.tenant_id = c.tenant_id AND c.type = 'reward_grant'
            AND r.id::text = c.config->>'rewardId') AS "rewardCostPoints",
          ${REVISION} AS revision
        FROM campaigns c WHERE c.tenant_id = ${tenantId}::uuid AND c.id = ${id}::uuid`
    )[0],

  /**
   * The member's seats in the program's running campaigns (holdout left out), as the accrual's first statement
   * reads them: a CTE body over that statement's `m` (member) and `chosen` (program). Every table is filtered by
   * tenant: that statement runs before row-level security applies.
   */
  seatsQuery: (tenantId: string) => Prisma.sql`
    SELECT cm.campaign_id AS "campaignId", cm.variant, cm.awards, cm.progress_minor AS "progressMinor",
      ${REVISION} AS revision
    FROM campaign_members cm
    JOIN campaigns c ON c.id = cm.campaign_id AND c.tenant_id = ${tenantId}::uuid
    WHERE cm.tenant_id = ${tenantId}::uuid AND cm.member_id = (SELECT id FROM m) AND cm.variant <> 'holdout'
      AND c.status = 'running' AND c.program_id = (SELECT id FROM chosen)
    ORDER BY cm.campaign_id`,

  /** The same seats, read on their own (the step-by-step path, under the member's balance lock). */
  seats: (tx: Tx, tenantId: string, memberId: string, programId: string) =>
    tx.$queryRaw<CampaignSeat[]>`
      SELECT cm.campaign_id AS "campaignId", cm.variant, cm.awards, cm.progress_minor AS "progressMinor",
        ${REVISION} AS revision
      FROM campaign_members cm
      JOIN campaigns c ON c.id = cm.campaign_id AND c.tenant_id = ${tenantId}::uuid
      WHERE cm.tenant_id = ${tenantId}::uuid AND cm.member_id = ${memberId}::uuid AND cm.variant <> 'holdout'
        AND c.status = 'running' AND c.program_id = ${programId}::uuid
      ORDER BY cm.campaign_id`,

  writeSeat: (tx: Tx, tenantId: string, campaignId: string, memberId: string, seat: CampaignSeatState) =>
    tx.$executeRaw`
      UPDATE campaign_members SET awards = ${seat.awards}::int, progress_minor = ${seat.progressMinor}::int
      WHERE campaign_id = ${campaignId}::uuid AND member_id = ${memberId}::uuid AND tenant_id = ${tenantId}::uuid`,

  /**
   * Seats of one batch of the audience, each with its arm; a member already seated keeps their row (the
   * primary key is the campaign and the member), so a batch written twice seats nobody twice. Returns the rows
   * this call added.
   */
  insertSeats: async (
    tx: Tx,
    tenantId: string,
    campaignId: string,
    memberIds: string[],
    variants: string[],
    addedAt: Date,
  ) =>
    tx.$executeRaw`
      INSERT INTO campaign_members (tenant_id, campaign_id, member_id, variant, added_at)
      SELECT ${tenantId}::uuid, ${campaignId}::uuid, m, v, ${addedAt}::timestamptz
      FROM unnest(${memberIds}::uuid[], ${variants}::text[]) AS a(m, v)
      ON CONFLICT (campaign_id, member_id) DO NOTHING`,

  /** Seats by arm. */
  seatCounts: async (tx: Tx, tenantId: string, campaignId: string) =>
    (
      await tx.$queryRaw<{ variant: string; n: number }[]>`
        SELECT variant, count(*)::int AS n FROM campaign_members
        WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid GROUP BY variant ORDER BY variant`
    ).reduce<Record<string, number>>((all, r) => {
      all[r.variant] = r.n;
      return all;
    }, {}),
};

export interface CampaignSeatState {
  awards: number;
  progressMinor: number;
}
