import type { ClickHouseClient } from '@clickhouse/client';

/**
 * A merchant at scale written straight into raw.* with ClickHouse's own generators, for benchmarks of the marts and
 * the analytics reads (the change stream has its own benchmark). Deterministic: every value derives from row numbers
 * through cityHash64. Member m of tenant t gets 10 events over its life from enrolment to the end of the span, and
 * each event two ledger entries (an accrual or reversal, then a bonus, redemption, expiry or adjustment), so N
 * members make 10·N events and 20·N ledger entries.
 */
export interface SyntheticTenant {
  index: number;
  tenantId: string;
  programId: string;
  members: number;
}

export const SPAN = { start: '2024-12-01', end: '2026-11-30' } as const;
const EVENTS_PER_MEMBER = 10;
/**
 * Rows of `numbers()` one statement generates at most. A statement over a whole merchant grows with its size and, at
 * 3,000,000 members, outlived the client's request timeout; chunks keep each statement's time the same at any size
 * (the rows are the same: each chunk is a range of the same row numbers).
 */
export const CHUNK_ROWS = Number(process.env.BENCH_CHUNK_ROWS ?? 2_000_000);

/** `numbers(first, count)` cut into ranges of at most CHUNK_ROWS. */
export function numberRanges(first: number, count: number, size = CHUNK_ROWS): string[] {
  const ranges: string[] = [];
  for (let at = first; at < first + count; at += size) {
    ranges.push(`numbers(${at}, ${Math.min(size, first + count - at)})`);
  }
  return ranges;
}

const uuid = (tenant: number, kind: number, n: string) =>
  `toUUID(concat(leftPad(toString(${tenant}), 8, '0'), '-${String(kind).padStart(4, '0')}-4000-8000-', leftPad(lower(hex(toUInt64(${n}))), 12, '0')))`;

export function syntheticTenant(index: number, members: number): SyntheticTenant {
  const id = (kind: number, n: number) =>
    `${String(index).padStart(8, '0')}-${String(kind).padStart(4, '0')}-4000-8000-${n.toString(16).padStart(12, '0')}`;
  return { index, tenantId: id(0, 0), programId: id(1, 0), members };
}

/**
 * Inserts the tenant's rows into raw.*; `synced` sets `_synced_at` (the incremental models' watermark). With
 * `eventOffset`, only `events` more events (and their ledger entries and redemptions) are written: new rows, on the
 * span's last day, as new orders arrive.
 */
export async function writeSyntheticTenant(
  client: ClickHouseClient,
  t: SyntheticTenant,
  options: { synced?: string; eventOffset?: number; events?: number } = { synced: '2026-11-30 00:00:00' },
): Promise<void> {
  const n = t.members;
  const tenant = `toUUID('${t.tenantId}')`;
  const program = `toUUID('${t.programId}')`;
  const member = (m: string) => uuid(t.index, 2, m);
  const enrolled = (m: string) =>
    `toDateTime64('${SPAN.start} 00:00:00', 3, 'UTC') + toIntervalSecond(intDiv(toUInt64(${m}) * ${730 * 86_400}, ${n}))`;
  const end = `toDateTime64('${SPAN.end} 23:59:59', 3, 'UTC')`;
  // Rows of a later batch are synced now; the first batch gets an earlier time, as if streamed long ago.
  const synced = options.synced ? `toDateTime64('${options.synced}', 3, 'UTC')` : 'now64(3)';
  const run = (query: string) =>
    client.command({ query, clickhouse_settings: { max_insert_threads: '2', max_threads: 2 } });
  /** One statement per range of row numbers: `statement` receives the range's `numbers(…)`. */
  const chunked = async (first: number, count: number, statement: (range: string) => string) => {
    for (const range of numberRanges(first, count)) await run(statement(range));
  };

  if (options.eventOffset === undefined) {
    await run(`INSERT INTO raw.tenants (id, slug, name, time_zone, currency, created_at, updated_at, _version, _synced_at)
      SELECT ${tenant}, 'bench-${t.index}', 'Bench ${t.index}', 'UTC', 'EUR', now64(6), now64(6), 1, ${synced}`);
    await run(`INSERT INTO raw.programs (tenant_id, id, name, points_name, earning_currency, rounding, expiry_policy,
        min_redemption, money_value_per_1000_points, status, created_at, updated_at, _version, _synced_at)
      SELECT ${tenant}, ${program}, 'Rewards', 'Points', 'EUR', 'floor', 'never', 0, 10, 'active', now64(3), now64(3), 1,
        ${synced}`);
    await run(`INSERT INTO raw.tiers (tenant_id, id, program_id, name, rank, qualification, threshold,
        earn_multiplier_pct, grace_days, benefits, created_at, updated_at, _version, _synced_at)
      SELECT ${tenant}, ${uuid(t.index, 3, 'number')}, ${program}, ['Silver', 'Gold', 'Platinum'][number + 1],
        toInt32(number + 1), 'lifetime_points', toInt32(500 * (number + 1)), 100, 0, '[]', now64(3), now64(3), 1,
        ${synced}
      FROM numbers(3)`);
    await run(`INSERT INTO raw.rewards (tenant_id, id, program_id, name, kind, cost_points, tier_ids, cost_minor, status,
        created_at, updated_at, _version, _synced_at)
      SELECT ${tenant}, ${uuid(t.index, 4, 'number')}, ${program}, concat('Reward ', toString(number)), 'custom',
        toInt32(200 * (number + 1)), [], toInt32(150 * (number + 1)), 'active', now64(3), now64(3), 1,
        ${synced}
      FROM numbers(3)`);
    await chunked(
      0,
      n,
      (range) => `INSERT INTO raw.members (tenant_id, id, external_id, attributes, tags, consents, status, enrolled_at,
        created_at, updated_at, _version, _synced_at)
      SELECT ${tenant}, ${member('number')}, concat('m-', toString(number)), '{}',
        if(number % 10 = 0, ['vip'], []), '{}', 'active', ${enrolled('number')}, ${enrolled('number')},
        ${enrolled('number')}, 1, ${synced}
      FROM ${range}`,
    );
    await chunked(
      0,
      n,
      (
        range,
      ) => `INSERT INTO raw.balances (tenant_id, member_id, program_id, available, pending, lifetime_earned, redeemed,
        expired, tier_id, seq, updated_at, _version, _synced_at)
      SELECT ${tenant}, ${member('number')}, ${program}, toInt32(cityHash64(number, 7) % 2000), 0,
        toInt32(cityHash64(number, 8) % 5000), toInt32(cityHash64(number, 9) % 1000), 0,
        if(number % 5 = 0, ${uuid(t.index, 3, 'number % 3')}, NULL), 1, now64(3), 1, ${synced}
      FROM ${range}`,
    );
    await chunked(
      0,
      Math.floor(n / 5),
      (range) => `INSERT INTO raw.tier_changes (tenant_id, id, member_id, program_id, from_tier_id, to_tier_id, reason,
        created_at, _version, _synced_at)
      SELECT ${tenant}, ${uuid(t.index, 5, 'number')}, ${member('number * 5')}, ${program}, NULL,
        ${uuid(t.index, 3, '(number * 5) % 3')}, 'qualification', ${enrolled('number * 5')} + toIntervalDay(30), 1,
        ${synced}
      FROM ${range}`,
    );
    await run(`INSERT INTO raw.campaigns (tenant_id, id, program_id, name, status, starts_at, ends_at, created_at,
        updated_at, _version, _synced_at)
      SELECT ${tenant}, ${uuid(t.index, 6, 'number')}, ${program}, concat('Campaign ', toString(number)), 'ended',
        toDateTime64('2025-01-06 00:00:00', 3, 'UTC') + toIntervalDay(number * 80),
        toDateTime64('2025-01-06 00:00:00', 3, 'UTC') + toIntervalDay(number * 80 + 21), now64(3), now64(3), 1,
        ${synced}
      FROM numbers(8)`);
    await chunked(
      0,
      Math.floor(n / 2),
      (
        range,
      ) => `INSERT INTO raw.campaign_members (tenant_id, campaign_id, member_id, variant, added_at, _version, _synced_at)
      SELECT ${tenant}, ${uuid(t.index, 6, 'number % 8')}, ${member('number * 2')},
        if(number % 10 = 0, 'control', 'treatment'), toDateTime64('2025-01-06 00:00:00', 3, 'UTC') + toIntervalDay((number % 8) * 80),
        1, ${synced}
      FROM ${range}`,
    );
    await chunked(
      0,
      n,
      (range) => `INSERT INTO raw.guest_purchases (tenant_id, id, program_id, external_id, customer_ref, occurred_at,
        amount_minor, currency, created_at, _version, _synced_at)
      SELECT ${tenant}, ${uuid(t.index, 7, 'number')}, ${program}, concat('g-', toString(number)),
        multiIf(number % 2 = 0, concat('m-', toString(number % ${n})), number % 3 = 0, NULL,
          concat('guest-', toString(number % 50000))),
        if(number % 2 = 0, ${enrolled(`number % ${n}`)} - toIntervalSecond(1 + cityHash64(number, 11) % 31536000),
          toDateTime64('${SPAN.start} 00:00:00', 3, 'UTC') + toIntervalSecond(cityHash64(number, 12) % 63072000)) AS at,
        toInt32(500 + cityHash64(number, 13) % 15000), 'EUR', at, 1, ${synced}
      FROM ${range}`,
    );
  }

  // Events, then their ledger entries and redemptions, computed from the same event numbers.
  const first = options.eventOffset ?? 0;
  const events = options.events ?? n * EVENTS_PER_MEMBER;
  // History spreads each member's events over their life; new events (`eventOffset`) happen in the span's last day.
  const eventAt = (e: string) =>
    options.eventOffset === undefined
      ? `(${enrolled(`${e} % ${n}`)} + toIntervalSecond(cityHash64(${e}, 1) % greatest(1, dateDiff('second', ${enrolled(`${e} % ${n}`)}, ${end}))))`
      : `(${end} - toIntervalSecond(cityHash64(${e}, 1) % 86400))`;
  // The history's events and ledger entries were streamed as they happened (at the batch's time at the latest), as
  // the change stream does: were they all synced at one instant, every incremental run would take the whole history
  // as synced within its ten-minute margin for inserts in flight. New rows are synced now.
  const syncedAt = (at: string) => (options.eventOffset === undefined ? `least(${at}, ${synced})` : synced);
  const isRefund = (e: string) => `cityHash64(${e}, 2) % 10 = 0`;
  const amount = (e: string) => `toInt32(500 + cityHash64(${e}, 3) % 20000)`;
  await chunked(
    first,
    events,
    (
      range,
    ) => `INSERT INTO raw.events (tenant_id, id, program_id, member_id, external_id, type, occurred_at, amount_minor,
      currency, line_items, attributes, points_by_rule, created_at, _version, _synced_at)
    SELECT ${tenant}, ${uuid(t.index, 8, 'number')}, ${program}, ${member(`number % ${n}`)},
      concat('o-', toString(number)), if(${isRefund('number')}, 'refund', 'purchase'), ${eventAt('number')} AS at,
      ${amount('number')}, 'EUR', '[]', '{}', '{}', at, 1, ${syncedAt('at')}
    FROM ${range}`,
  );
  const second = `cityHash64(number, 4) % 10`;
  await chunked(
    first,
    events,
    (range) => `INSERT INTO raw.ledger_entries (tenant_id, id, member_id, program_id, seq, kind, points, event_id,
      redemption_id, rule_version_ids, campaign_id, shortfall_points, created_at, _version, _synced_at)
    SELECT ${tenant}, ${uuid(t.index, 9, 'number * 2 + entry')}, ${member(`number % ${n}`)}, ${program},
      toInt32(number * 2 + entry),
      if(entry = 0, if(${isRefund('number')}, 'reversal', 'accrual'),
        multiIf(${second} < 4, 'bonus', ${second} < 7, 'redemption', ${second} < 9, 'expiry', 'adjustment')) AS kind,
      toInt32(multiIf(kind = 'accrual', intDiv(${amount('number')}, 100), kind = 'reversal', -intDiv(${amount('number')}, 100),
        kind = 'bonus', intDiv(${amount('number')}, 200), kind = 'redemption', -200, kind = 'expiry', -50, 25)),
      if(entry = 0 OR kind = 'bonus', ${uuid(t.index, 8, 'number')}, NULL),
      if(kind = 'redemption', ${uuid(t.index, 10, 'number')}, NULL), [], NULL, 0,
      ${eventAt('number')} + toIntervalMinute(entry), 1, ${syncedAt(`${eventAt('number')} + toIntervalMinute(entry)`)}
    FROM ${range}
    ARRAY JOIN [0, 1] AS entry`,
  );
  await chunked(
    first,
    events,
    (range) => `INSERT INTO raw.redemptions (tenant_id, id, member_id, program_id, reward_id, points, status,
      hold_expires_at, created_at, fulfilled_at, _version, _synced_at)
    SELECT ${tenant}, ${uuid(t.index, 10, 'number')}, ${member(`number % ${n}`)}, ${program},
      ${uuid(t.index, 4, 'number % 3')}, 200, 'fulfilled', ${eventAt('number')} + toIntervalDay(1),
      ${eventAt('number')} + toIntervalMinute(1), ${eventAt('number')} + toIntervalMinute(1), 1, ${synced}
    FROM ${range}
    WHERE cityHash64(number, 4) % 10 BETWEEN 4 AND 6`,
  );
}

export const EVENTS_PER_SYNTHETIC_MEMBER = EVENTS_PER_MEMBER;
