import type { MartReader, SqlQuery } from './mart-reader.ts';
import { sql } from './sql.ts';

export interface TiersParams {
  tenantId: string;
  programId: string;
  /** Months holding a day from `from` to `to` (ISO dates, both included). */
  from: string;
  to: string;
}

export interface TierRef {
  /** Null for "no tier". */
  tierId: string | null;
  tierName: string;
  /** 0 for "no tier". */
  tierRank: number;
}

export interface TierShare extends TierRef {
  members: number;
  share: number | null;
}

export interface TierMonth {
  month: string;
  tiers: TierShare[];
}

export interface TierMovement {
  month: string;
  from: TierRef;
  to: TierRef;
  direction: 'upgrade' | 'downgrade';
  changes: number;
}

export interface TiersResult {
  distribution: TierMonth[];
  movements: TierMovement[];
}

/**
 * `tier_distribution` (members per tier at each month's end) and `tier_movements` (tier changes per month, from tier
 * and to tier) in one query, so the page costs one round trip: the two marts' rows share one set of columns, told
 * apart by `part`, distribution first, each in month and rank order.
 */
export function tiersQuery(p: TiersParams): SqlQuery {
  return {
    sql: sql`
      SELECT *
      FROM (
          SELECT
              'distribution' AS part,
              month,
              tier_id AS tierId,
              tier_name AS tierName,
              tier_rank AS tierRank,
              members,
              share,
              CAST(NULL, 'Nullable(UUID)') AS toTierId,
              '' AS toTierName,
              0 AS toTierRank,
              '' AS direction,
              0 AS changes
          FROM marts.tier_distribution
          WHERE tenant_id = {tenant:UUID}
            AND program_id = {program:UUID}
            AND month BETWEEN toStartOfMonth({from:Date}) AND {to:Date}
          UNION ALL
          SELECT
              'movement' AS part,
              month,
              from_tier_id AS tierId,
              from_tier_name AS tierName,
              from_tier_rank AS tierRank,
              0 AS members,
              NULL AS share,
              to_tier_id AS toTierId,
              to_tier_name AS toTierName,
              to_tier_rank AS toTierRank,
              toString(direction) AS direction,
              changes
          FROM marts.tier_movements
          WHERE tenant_id = {tenant:UUID}
            AND program_id = {program:UUID}
            AND month BETWEEN toStartOfMonth({from:Date}) AND {to:Date}
      )
      ORDER BY part, month, tierRank, toTierRank`,
    params: { tenant: p.tenantId, program: p.programId, from: p.from, to: p.to },
  };
}

interface TiersRow extends TierShare {
  part: 'distribution' | 'movement';
  month: string;
  toTierId: string | null;
  toTierName: string;
  toTierRank: number;
  direction: 'upgrade' | 'downgrade';
  changes: number;
}

export async function readTiers(reader: MartReader, p: TiersParams): Promise<TiersResult> {
  const distribution: TierMonth[] = [];
  const movements: TierMovement[] = [];
  for (const r of await reader.rows<TiersRow>(tiersQuery(p))) {
    if (r.part === 'movement') {
      movements.push({
        month: r.month,
        from: { tierId: r.tierId, tierName: r.tierName, tierRank: r.tierRank },
        to: { tierId: r.toTierId, tierName: r.toTierName, tierRank: r.toTierRank },
        direction: r.direction,
        changes: r.changes,
      });
      continue;
    }
    let last = distribution.at(-1);
    if (last?.month !== r.month) {
      last = { month: r.month, tiers: [] };
      distribution.push(last);
    }
    last.tiers.push({
      tierId: r.tierId,
      tierName: r.tierName,
      tierRank: r.tierRank,
      members: r.members,
      share: r.share,
    });
  }
  return { distribution, movements };
}
