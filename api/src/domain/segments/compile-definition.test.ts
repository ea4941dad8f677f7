import { describe, expect, it } from 'vitest';
import { compileDefinition, InvalidDefinitionError } from './compile-definition.ts';
import { AT_RISK_HIGH_SPENDERS } from './segment-definition.ts';
import {
  activeMembersQuery,
  membersByIdQuery,
  previewDistributionQuery,
  previewSampleQuery,
  segmentExportCondition,
  segmentMemberIdsQuery,
  segmentMembersQuery,
} from './segment-queries.ts';

const tenantId = '0b4a8a4e-5c43-4a57-9d2c-3f1e9a7c1d20';
const campaignId = '9bbed7f0-a22c-4978-94a8-31dd0ed935c2';

describe('compileDefinition', () => {
  it('compiles the at-risk high spenders: the tenant first, every value bound', () => {
    const compiled = compileDefinition(AT_RISK_HIGH_SPENDERS, tenantId);
    expect(compiled.where).toMatchInlineSnapshot(`
      "tenant_id = {tenant:UUID}
      AND status = 'active'
      AND has([{p0:String}, {p1:String}], rfm_segment)
      AND revenue_minor >= {p2:Int64}
      AND (recency_days IS NOT NULL AND recency_days >= {p3:Int64})
      AND NOT (hasAny(tags, [{p4:String}]))"
    `);
    expect(compiled.params).toEqual({
      tenant: tenantId,
      p0: 'At Risk',
      p1: 'Cannot Lose Them',
      p2: 50_000,
      p3: 60,
      p4: 'staff',
    });
  });

  it('compiles nested any / not, dates, nulls, campaigns and attributes', () => {
    const compiled = compileDefinition(
      {
        any: [
          { all: [{ tierId: { isNull: true } }, { enrolledOn: { gte: '2026-01-01', lt: '2026-04-01' } }] },
          { campaign: { id: campaignId, responded: true, variant: 'treatment', rewarded: false } },
          {
            not: {
              any: [
                { attribute: { key: 'store', in: ['paris-1', true, 34] } },
                { attribute: { key: 'visits', gte: 3 } },
              ],
            },
          },
          { attribute: { key: 'newsletter', exists: false } },
          { lastPurchaseOn: { isNull: false } },
        ],
      },
      tenantId,
    );
    expect(compiled.where).toMatchInlineSnapshot(`
      "tenant_id = {tenant:UUID}
      AND status = 'active'
      AND (
          (
              tier_id IS NULL
              AND (toDate(enrolled_at, 'UTC') >= {p0:Date32} AND toDate(enrolled_at, 'UTC') < {p1:Date32})
          )
          OR member_id IN (
              SELECT member_id
              FROM marts.member_campaigns
              WHERE tenant_id = {tenant:UUID}
                  AND campaign_id = {p2:UUID}
                  AND responded = {p3:UInt8}
                  AND variant = {p4:String}
                  AND bonus_points = 0
          )
          OR NOT (
              (
                  member_id IN (
                      SELECT member_id
                      FROM staging.stg_monet__member_attributes
                      WHERE tenant_id = {tenant:UUID}
                          AND ((mapContains(attributes, {p5:String}) AND has([{p6:String}, {p7:String}], attributes[{p5:String}])) OR has({p8:Array(Float64)}, toFloat64OrNull(attributes[{p5:String}])))
                  )
                  OR member_id IN (
                      SELECT member_id
                      FROM staging.stg_monet__member_attributes
                      WHERE tenant_id = {tenant:UUID}
                          AND toFloat64OrNull(attributes[{p9:String}]) >= {p10:Float64}
                  )
              )
          )
          OR member_id NOT IN (
              SELECT member_id
              FROM staging.stg_monet__member_attributes
              WHERE tenant_id = {tenant:UUID}
                  AND mapContains(attributes, {p11:String})
          )
          OR last_purchase_at IS NOT NULL
      )"
    `);
    expect(compiled.params).toMatchInlineSnapshot(`
      {
        "p0": "2026-01-01",
        "p1": "2026-04-01",
        "p10": 3,
        "p11": "newsletter",
        "p2": "9bbed7f0-a22c-4978-94a8-31dd0ed935c2",
        "p3": 1,
        "p4": "treatment",
        "p5": "store",
        "p6": "paris-1",
        "p7": "true",
        "p8": [
          34,
        ],
        "p9": "visits",
        "tenant": "0b4a8a4e-5c43-4a57-9d2c-3f1e9a7c1d20",
      }
    `);
  });

  it('reads scores from member_predictions, where members not scored hold null', () => {
    const compiled = compileDefinition(
      { any: [{ churnRiskBand: { in: ['high', 'medium'] } }, { predictedClvMinor: { isNull: true } }] },
      tenantId,
    );
    expect(compiled.where).toMatchInlineSnapshot(`
      "tenant_id = {tenant:UUID}
      AND status = 'active'
      AND (
          member_id IN (
              SELECT member_id
              FROM marts.member_predictions
              WHERE tenant_id = {tenant:UUID}
                  AND churn_risk_band IS NOT NULL
                  AND has([{p0:String}, {p1:String}], churn_risk_band)
          )
          OR member_id NOT IN (
              SELECT member_id
              FROM marts.member_predictions
              WHERE tenant_id = {tenant:UUID}
                  AND predicted_clv_minor IS NOT NULL
          )
      )"
    `);
  });

  it("binds a campaign's arm, a variant key or the holdout, as member_campaigns holds it", () => {
    const compiled = compileDefinition(
      {
        any: [
          { campaign: { id: campaignId, variant: 'double-points' } },
          { campaign: { id: campaignId, variant: 'holdout', responded: false } },
        ],
      },
      tenantId,
    );
    expect(compiled.where).toMatchInlineSnapshot(`
      "tenant_id = {tenant:UUID}
      AND status = 'active'
      AND (
          member_id IN (
              SELECT member_id
              FROM marts.member_campaigns
              WHERE tenant_id = {tenant:UUID}
                  AND campaign_id = {p0:UUID}
                  AND variant = {p1:String}
          )
          OR member_id IN (
              SELECT member_id
              FROM marts.member_campaigns
              WHERE tenant_id = {tenant:UUID}
                  AND campaign_id = {p2:UUID}
                  AND responded = {p3:UInt8}
                  AND variant = {p4:String}
          )
      )"
    `);
    expect(compiled.params).toEqual({
      tenant: tenantId,
      p0: campaignId,
      p1: 'double-points',
      p2: campaignId,
      p3: 0,
      p4: 'holdout',
    });
  });

  it('reads every active member of the tenant for an empty all', () => {
    expect(compileDefinition({ all: [] }, tenantId)).toEqual({
      where: "tenant_id = {tenant:UUID}\nAND status = 'active'",
      params: { tenant: tenantId },
    });
  });

  it('refuses to compile what the validator refuses, and a tenant that is not a UUID', () => {
    expect(() => compileDefinition({ email: { eq: 'x' } }, tenantId)).toThrow(InvalidDefinitionError);
    expect(() => compileDefinition({ all: [] }, "x' OR 1=1")).toThrow(InvalidDefinitionError);
  });
});

describe('the segment queries', () => {
  const compiled = compileDefinition({ rfmSegment: { eq: 'Champions' } }, tenantId);

  it('previews in one grouped pass, a sample in id order and the tenant’s size', () => {
    expect(previewDistributionQuery(compiled).sql).toMatchInlineSnapshot(`
      "SELECT
          rfm_segment AS rfmSegment,
          tier_id AS tierId,
          tier_name AS tierName,
          count() AS members
      FROM marts.member_360
      WHERE tenant_id = {tenant:UUID}
        AND status = 'active'
        AND rfm_segment = {p0:String}
      GROUP BY rfm_segment, tier_id, tier_name"
    `);
    expect(previewSampleQuery(compiled, 10)).toMatchInlineSnapshot(`
      {
        "params": {
          "p0": "Champions",
          "take": 10,
          "tenant": "0b4a8a4e-5c43-4a57-9d2c-3f1e9a7c1d20",
        },
        "sql": "SELECT
          member_id AS memberId,
          external_id AS externalId,
          enrolled_at AS enrolledAt,
          tags,
          rfm_segment AS rfmSegment,
          tier_id AS tierId,
          tier_name AS tierName,
          points_available AS pointsBalance,
          revenue_minor AS lifetimeRevenueMinor,
          purchases,
          last_purchase_at AS lastPurchaseAt,
          recency_days AS recencyDays,
          frequency,
          monetary_minor AS monetaryMinor
      FROM marts.member_360
      WHERE tenant_id = {tenant:UUID}
        AND status = 'active'
        AND rfm_segment = {p0:String}
      ORDER BY member_id
      LIMIT {take:UInt32}",
      }
    `);
    expect(activeMembersQuery(tenantId)).toMatchInlineSnapshot(`
      {
        "params": {
          "tenant": "0b4a8a4e-5c43-4a57-9d2c-3f1e9a7c1d20",
        },
        "sql": "SELECT count() AS members
      FROM marts.member_360
      WHERE tenant_id = {tenant:UUID}
        AND status = 'active'",
      }
    `);
  });

  it('pages members after a cursor, streams ids and reads a snapshot page by id', () => {
    const page = segmentMembersQuery(compiled, { after: 'c7300e13-4fef-4d64-a063-07feeb477024', take: 51 });
    expect(page.sql).toMatchInlineSnapshot(`
      "SELECT
          member_id AS memberId,
          external_id AS externalId,
          enrolled_at AS enrolledAt,
          tags,
          rfm_segment AS rfmSegment,
          tier_id AS tierId,
          tier_name AS tierName,
          points_available AS pointsBalance,
          revenue_minor AS lifetimeRevenueMinor,
          purchases,
          last_purchase_at AS lastPurchaseAt,
          recency_days AS recencyDays,
          frequency,
          monetary_minor AS monetaryMinor
      FROM marts.member_360
      WHERE tenant_id = {tenant:UUID}
        AND status = 'active'
        AND rfm_segment = {p0:String}
        AND member_id > {after:UUID}
      ORDER BY member_id
      LIMIT {take:UInt32}"
    `);
    expect(page.params).toEqual({
      tenant: tenantId,
      p0: 'Champions',
      after: 'c7300e13-4fef-4d64-a063-07feeb477024',
      take: 51,
    });
    const ids = segmentMemberIdsQuery(compiled, { after: 'c7300e13-4fef-4d64-a063-07feeb477024', take: 10_000 });
    expect(ids.sql).toMatchInlineSnapshot(`
      "SELECT member_id AS memberId
      FROM marts.member_360
      WHERE tenant_id = {tenant:UUID}
        AND status = 'active'
        AND rfm_segment = {p0:String}
        AND member_id > {after:UUID}
      ORDER BY member_id
      LIMIT {take:UInt32}"
    `);
    expect(membersByIdQuery(tenantId, ['c7300e13-4fef-4d64-a063-07feeb477024']).sql).toMatchInlineSnapshot(`
      "SELECT
          member_id AS memberId,
          external_id AS externalId,
          enrolled_at AS enrolledAt,
          tags,
          rfm_segment AS rfmSegment,
          tier_id AS tierId,
          tier_name AS tierName,
          points_available AS pointsBalance,
          revenue_minor AS lifetimeRevenueMinor,
          purchases,
          last_purchase_at AS lastPurchaseAt,
          recency_days AS recencyDays,
          frequency,
          monetary_minor AS monetaryMinor
      FROM marts.member_360
      WHERE tenant_id = {tenant:UUID}
        AND member_id IN {ids:Array(UUID)}
      ORDER BY member_id"
    `);
  });

  it('gives exports a condition whose parameters do not repeat the tenant', () => {
    const { condition, params } = segmentExportCondition(compiled);
    expect(condition).toMatchInlineSnapshot(`
      "member_id IN (
          SELECT member_id
          FROM marts.member_360
          WHERE tenant_id = {tenant:UUID}
              AND status = 'active'
              AND rfm_segment = {p0:String}
      )"
    `);
    expect(params).toEqual({ p0: 'Champions' });
  });
});
