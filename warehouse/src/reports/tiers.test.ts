import { describe, expect, it } from 'vitest';
import { tierDistributionQuery, tierMovementsQuery } from './tiers.ts';

const params = {
  tenantId: '0b4a8a4e-5c43-4a57-9d2c-3f1e9a7c1d20',
  programId: '5d1c6a57-2b9e-4f0b-8a43-6c0e2b7d9f11',
  from: '2026-01-15',
  to: '2026-06-30',
};

describe('tier queries', () => {
  it('read the distribution of the months in the range', () => {
    expect(tierDistributionQuery(params).sql).toMatchInlineSnapshot(`
      "SELECT
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
      ORDER BY month, tier_rank"
    `);
  });

  it('read the movements of the months in the range', () => {
    const query = tierMovementsQuery(params);
    expect(query.sql).toMatchInlineSnapshot(`
      "SELECT
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
      ORDER BY month, from_tier_rank, to_tier_rank"
    `);
    expect(query.params).toEqual({
      tenant: params.tenantId,
      program: params.programId,
      from: params.from,
      to: params.to,
    });
  });
});
