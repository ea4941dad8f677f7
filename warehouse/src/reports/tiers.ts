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

const params = (p: TiersParams) => ({ tenant: p.tenantId, program: p.programId, from: p.from, to: p.to });

/** `tier_distribution`: members per tier at each month's end, lowest tier first. */
export function tierDistributionQuery(p: TiersParams): SqlQuery {
  return {
    sql: sql`
      SELECT
          month,
          tier_id AS tierId,
          tier_name AS tierName,
          tier_rank AS tierRank,
          members,
          share
      FROM marts.tier_distribution
      WHERE tenant_id = {tenant:UUID}
        AND program_id = {program:UUID}
        AND month BETWEEN toStartOfMonth({from:Date}) AND {to:Date}
      ORDER BY month, tier_rank`,
    params: params(p),
  };
}

/** `tier_movements`: tier changes per month, from tier and to tier. */
export function tierMovementsQuery(p: TiersParams): SqlQuery {
  return {
    sql: sql`
      SELECT
          month,
          from_tier_id AS fromTierId,
          from_tier_name AS fromTierName,
          from_tier_rank AS fromTierRank,
          to_tier_id AS toTierId,
          to_tier_name AS toTierName,
          to_tier_rank AS toTierRank,
          direction,
          changes
      FROM marts.tier_movements
      WHERE tenant_id = {tenant:UUID}
        AND program_id = {program:UUID}
        AND month BETWEEN toStartOfMonth({from:Date}) AND {to:Date}
      ORDER BY month, from_tier_rank, to_tier_rank`,
    params: params(p),
  };
}

interface DistributionRow extends TierShare {
  month: string;
}

interface MovementRow {
  month: string;
  fromTierId: string | null;
  fromTierName: string;
  fromTierRank: number;
  toTierId: string | null;
  toTierName: string;
  toTierRank: number;
  direction: 'upgrade' | 'downgrade';
  changes: number;
}

export async function readTiers(reader: MartReader, p: TiersParams): Promise<TiersResult> {
  const [distributionRows, movementRows] = await Promise.all([
    reader.rows<DistributionRow>(tierDistributionQuery(p)),
    reader.rows<MovementRow>(tierMovementsQuery(p)),
  ]);
  const distribution: TierMonth[] = [];
  for (const { month, ...tier } of distributionRows) {
    let last = distribution.at(-1);
    if (last?.month !== month) {
      last = { month, tiers: [] };
      distribution.push(last);
    }
    last.tiers.push(tier);
  }
  const movements = movementRows.map((r) => ({
    month: r.month,
    from: { tierId: r.fromTierId, tierName: r.fromTierName, tierRank: r.fromTierRank },
    to: { tierId: r.toTierId, tierName: r.toTierName, tierRank: r.toTierRank },
    direction: r.direction,
    changes: r.changes,
  }));
  return { distribution, movements };
}
