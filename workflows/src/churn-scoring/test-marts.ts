import type { ClickHouseClient } from '@clickhouse/client';

/**
 * The two marts a scoring run reads, made directly with the column types dbt builds them with (so the spec check
 * sees what it sees in production), filled with generated members: tests of the scoring run need no dbt build.
 */
export async function createFeatureMarts(client: ClickHouseClient): Promise<void> {
  await client.command({ query: 'CREATE DATABASE IF NOT EXISTS marts' });
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS marts.member_features (
      tenant_id UUID, member_id UUID, as_of_date Date, tenure_days Int32, recency_days Nullable(Int32),
      frequency_90d UInt32, frequency_365d UInt32, monetary_90d_minor Int64, monetary_365d_minor Int64,
      avg_order_minor Nullable(Int64), spend_trend Nullable(Float64), balance_points Int64, redemptions_365d UInt32,
      days_since_last_redemption Nullable(Int32), tier_rank Int32, campaign_responses_365d UInt32,
      churned Nullable(UInt8)
    ) ENGINE = MergeTree ORDER BY (tenant_id, as_of_date, member_id)`,
  });
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS marts.member_repeat_purchases (
      tenant_id UUID, member_id UUID, as_of_date Date, enrolled_on Date, first_purchase_on Nullable(Date),
      purchase_days UInt32, repeat_purchase_days UInt32, last_purchase_day Int32, observed_days Int32,
      repeat_revenue_minor Int64, mean_repeat_value_minor Nullable(Float64)
    ) ENGINE = MergeTree ORDER BY (tenant_id, member_id)`,
  });
}

/** The id of member `n` of tenant `tenant` (0–9): readable in failures, ordered like n. */
export const memberId = (tenant: number, n: number) =>
  `0000000${tenant}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/**
 * `members` members of a tenant at `asOf` (and the same members a month earlier, which a run must not read). Every
 * `nonFinite`-th member has an infinite spend trend, which the spec refuses; every 5th has never purchased.
 */
export async function insertMembers(
  client: ClickHouseClient,
  opts: { tenantId: string; tenant: number; members: number; asOf: string; nonFinite?: number },
): Promise<void> {
  const id = `toUUID(concat('0000000${opts.tenant}-0000-4000-8000-', leftPad(lower(hex(number)), 12, '0')))`;
  const never = 'number % 5 = 0';
  for (const [asOf, shift] of [
    [opts.asOf, 0],
    [`${opts.asOf}`, 30],
  ] as const) {
    await client.command({
      query: `INSERT INTO marts.member_features SELECT
        toUUID('${opts.tenantId}'), ${id}, toDate('${asOf}') - ${shift}, toInt32(30 + number % 700),
        if(${never}, NULL, toInt32(number % 200)), toUInt32(number % 7), toUInt32(number % 40),
        toInt64((number % 7) * 550), toInt64((number % 40) * 550), if(${never}, NULL, toInt64(550)),
        if(${opts.nonFinite ? `number % ${opts.nonFinite} = 3` : '0'}, inf, if(number % 3 = 0, NULL, (number % 11) / 5)),
        toInt64(number % 900), toUInt32(number % 4), if(number % 2 = 0, NULL, toInt32(number % 100)),
        toInt32(number % 3), toUInt32(number % 2), NULL
      FROM numbers(${opts.members})`,
    });
  }
  await client.command({
    query: `INSERT INTO marts.member_repeat_purchases SELECT
      toUUID('${opts.tenantId}'), ${id}, toDate('${opts.asOf}'), toDate('${opts.asOf}') - (30 + number % 700),
      if(${never}, NULL, toDate('${opts.asOf}') - (30 + number % 700)),
      if(${never}, 0, 1 + number % 40), if(${never}, 0, number % 40),
      if(${never} or number % 40 = 0, 0, toInt32(greatest(0, (30 + number % 700) - number % 200 - 1))),
      toInt32(30 + number % 700), toInt64((number % 40) * 550),
      if(${never} or number % 40 = 0, NULL, 550.0)
    FROM numbers(${opts.members})`,
  });
}
