import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { cdcVars, readEnv } from '@loyaltystudio/config';
import type { GatewayHandle, PostgresHandle } from '@loyaltystudio/engines';
import { startTestGateway, startTestPostgres } from '@loyaltystudio/engines/testing';
import { migrate } from '@loyaltystudio/prisma';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickHouseClient } from '../../src/clickhouse/client.ts';
import { migrateClickHouse } from '../../src/clickhouse/migrate.ts';
import { CdcConsumer } from '../src/consumer.ts';
import { textClient } from '../src/source.ts';
import {
  baseType,
  COMPATIBLE,
  clickhouseRows,
  NOT_IN_WAREHOUSE,
  postgresRows,
  type TableShape,
  tableShape,
} from './compare.ts';

// Every table the change stream captures by default, each compared column by column with its raw table: a DDL file
// whose column is missing, misnamed or of the wrong type shows up here, on the snapshot path and on the stream path.
const TABLES = readEnv(cdcVars, {}).CDC_TABLES;

describe('every captured table lands in its raw table with the types of its Postgres columns', () => {
  let postgres: PostgresHandle;
  let gateway: GatewayHandle;
  let db: pg.Client;
  let clickhouse: ClickHouseClient;
  let consumer: CdcConsumer | undefined;
  const shapes = new Map<string, TableShape>();

  beforeAll(async () => {
    [postgres, gateway] = await Promise.all([startTestPostgres(), startTestGateway()]);
    await migrate(postgres.url);
    clickhouse = createClickHouseClient({ url: gateway.url, username: 'monet', password: 'monet' });
    await migrateClickHouse(clickhouse);
    db = textClient(postgres.url);
    await db.connect();

    for (const table of TABLES) shapes.set(table, await tableShape(db, clickhouse, table));
  });

  afterAll(async () => {
    await consumer?.abort();
    await db?.end();
    await clickhouse?.close();
    await gateway?.stop();
    await postgres?.stop();
  });

  /**
   * One row in every captured table, linked as the application links them, with every nullable column filled so
   * each column's type is exercised; `n` tells the rows of one call from another's.
   */
  async function insertOneOfEach(n: number): Promise<void> {
    const id = () => randomUUID();
    const [tenant, program, rule, ruleVersion, member, event, entry, lot, allocation, reward, redemption, tier] = [
      id(),
      id(),
      id(),
      id(),
      id(),
      id(),
      id(),
      id(),
      id(),
      id(),
      id(),
      id(),
    ];
    const [higherTier, tierChange, guestPurchase, campaign] = [id(), id(), id(), id()];
    const statements: [string, unknown[]][] = [
      [
        `INSERT INTO tenants (id, slug, name, time_zone, currency, created_at, updated_at)
         VALUES ($1, $2, 'Café Ünïcode ☕ "quoted"', 'Europe/Paris', 'EUR', '2026-01-02 03:04:05.6Z', now())`,
        [tenant, `cafe-${n}`],
      ],
      [
        `INSERT INTO programs (id, tenant_id, name, points_name, earning_currency, rounding, expiry_policy, expiry_value,
           min_redemption, max_points_per_event, money_value_per_1000_points, status, updated_at)
         VALUES ($1, $2, 'Stars', 'stars', 'EUR', 'ceil', 'days_after_earning', 365, 100, 5000, 750, 'active', now())`,
        [program, tenant],
      ],
      [
        `INSERT INTO rules (id, tenant_id, program_id, current_version, archived_at)
         VALUES ($1, $2, $3, 1, '2026-06-30 23:59:59.999Z')`,
        [rule, tenant, program],
      ],
      [
        `INSERT INTO rule_versions (id, tenant_id, rule_id, version, name, priority, stacking, conditions, effects,
           active_from, active_to, created_by)
         VALUES ($1, $2, $3, 1, 'Double points; tea', -3, 'exclusive',
                 '{"all": [{"field": "event.type", "op": "eq", "value": "purchase"}]}',
                 '[{"kind": "points_per_unit", "points": 2}]', '2026-01-01 00:00:00Z', '2026-12-31 23:59:59.999Z',
                 'user:owner')`,
        [ruleVersion, tenant, rule],
      ],
      [
        `INSERT INTO members (id, tenant_id, external_id, email, first_name, last_name, phone, birth_date, attributes,
           tags, consents, status, enrolled_at, erased_at, updated_at)
         VALUES ($1, $2, 'cust-1', 'ada@example.com', E'Ada\\tof\\nLovelace \\\\ ''the countess''\\r', 'Lovelace',
                 '+33 1 23 45 67 89', '1990-02-28', '{"city": "Lyon", "note": "a;b\\t\\"q\\" \\\\"}',
                 ARRAY['vip', 'big spender', 'a,b', E'it''s \\\\ a\\ttab', '{"x"}'], '{"email": true}', 'erased',
                 '2025-12-31 23:00:00.001Z', '2026-02-01 10:00:00Z', now())`,
        [member, tenant],
      ],
      [
        `INSERT INTO events (id, tenant_id, program_id, member_id, external_id, type, custom_type, occurred_at,
           amount_minor, currency, channel, line_items, attributes, refund_of_event_id, points_by_rule)
         VALUES ($1, $2, $3, $4, 'order-1', 'custom', 'review.posted', '2026-03-04 05:06:07.089Z', -4599, 'EUR', 'pos',
                 '[{"sku": "tea", "qty": 2}]', '{"store": "lyon-1"}', $5, $6)`,
        [event, tenant, program, member, id(), JSON.stringify({ [rule]: 120 })],
      ],
      [
        `INSERT INTO ledger_entries (id, tenant_id, member_id, program_id, seq, kind, points, event_id, redemption_id,
           rule_version_ids, campaign_id, reason, actor_id, shortfall_points, effective_at)
         VALUES ($1, $2, $3, $4, 1, 'bonus', -2147483648, $5, $6, ARRAY[$7, $8]::uuid[], $9, 'goodwill', 'user:1', 12,
                 '2023-03-04 05:06:07.089Z')`,
        [entry, tenant, member, program, event, redemption, ruleVersion, id(), campaign],
      ],
      [
        `INSERT INTO balances (tenant_id, member_id, program_id, available, pending, lifetime_earned, redeemed, expired,
           tier_id, tier_since, seq, updated_at)
         VALUES ($1, $2, $3, 2147483647, 50, 900, 300, 25, $4, '2026-04-01 12:00:00.5Z', 1, now())`,
        [tenant, member, program, tier],
      ],
      [
        `INSERT INTO point_lots (id, tenant_id, member_id, program_id, ledger_entry_id, earned_at, expires_at, points,
           remaining)
         VALUES ($1, $2, $3, $4, $5, '2026-03-04 05:06:07.089Z', '2027-03-04 05:06:07.089Z', 120, 80)`,
        [lot, tenant, member, program, entry],
      ],
      [
        `INSERT INTO lot_allocations (id, tenant_id, lot_id, ledger_entry_id, points) VALUES ($1, $2, $3, $4, 40)`,
        [allocation, tenant, lot, entry],
      ],
      [
        `INSERT INTO tiers (id, tenant_id, program_id, name, rank, qualification, threshold, earn_multiplier_pct,
           grace_days, benefits, updated_at)
         VALUES ($1, $2, $3, 'Silver', 1, 'points_rolling_12_months', 0, 100, 0, '[]', now()),
                ($4, $2, $3, 'Gold', 2, 'spend_rolling_12_months', 50000, 150, 30, '["free coffee"]', now())`,
        [tier, tenant, program, higherTier],
      ],
      [
        `INSERT INTO rewards (id, tenant_id, program_id, name, description, kind, cost_points, discount_amount_minor,
           discount_percent, sku, inventory, per_member_limit, tier_ids, available_from, available_to, cost_minor,
           status, updated_at)
         VALUES ($1, $2, $3, 'Free tea', 'Any size', 'discount_percent', 500, 300, 15, 'TEA-L', 99, 2,
                 ARRAY[$4, $5]::uuid[], '2026-01-01 00:00:00Z', '2026-12-31 00:00:00Z', 120, 'archived', now())`,
        [reward, tenant, program, tier, higherTier],
      ],
      [
        `INSERT INTO redemptions (id, tenant_id, member_id, program_id, reward_id, points, status, hold_expires_at, code,
           fulfilled_at, cancelled_at)
         VALUES ($1, $2, $3, $4, $5, 500, 'cancelled', '2026-05-01 00:15:00Z', 'SECRET-CODE',
                 '2026-05-01 00:01:00.25Z', '2026-05-01 00:02:00Z')`,
        [redemption, tenant, member, program, reward],
      ],
      [
        `INSERT INTO tier_changes (id, tenant_id, member_id, program_id, from_tier_id, to_tier_id, reason, effective_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'upgrade', '2023-03-04 05:06:07.089Z')`,
        [tierChange, tenant, member, program, tier, higherTier],
      ],
      [
        `INSERT INTO guest_purchases (id, tenant_id, program_id, external_id, customer_ref, occurred_at, amount_minor,
           currency, channel)
         VALUES ($1, $2, $3, 'guest-order-1', 'cust-9', '2026-03-05 10:00:00Z', 1299, 'EUR', 'web')`,
        [guestPurchase, tenant, program],
      ],
      [
        `INSERT INTO campaigns (id, tenant_id, program_id, name, description, type, config, status, starts_at, ends_at,
           time_windows, budget_points, points_spent, variants, holdout_percent, started_at, updated_at)
         VALUES ($1, $2, $3, 'Spring double points', 'Weekends only', 'multiplier', '{"percent": 200}', 'running',
           '2026-03-01 00:00:00Z', '2026-04-01 00:00:00Z', '[{"days": ["sat", "sun"], "from": "08:00", "to": "20:00"}]',
           50000, 120, '[{"key": "treatment", "percent": 100}]', 10, '2026-03-01 00:00:00Z', now())`,
        [campaign, tenant, program],
      ],
      [
        `INSERT INTO campaign_members (tenant_id, campaign_id, member_id, variant, awards, progress_minor)
         VALUES ($1, $2, $3, 'holdout', 0, 0)`,
        [tenant, campaign, member],
      ],
    ];
    for (const [sql, params] of statements) await db.query(sql, params);
  }

  async function expectEveryTableInSync(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const table of TABLES) {
      for (;;) {
        const shape = shapes.get(table)!;
        const [expected, actual] = [await postgresRows(db, shape), await clickhouseRows(clickhouse, shape)];
        if (JSON.stringify(expected) === JSON.stringify(actual)) break;
        if (Date.now() > deadline) expect({ table, rows: actual }).toEqual({ table, rows: expected });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  it('captures the 17 operational tables, and voucher codes by design not', () => {
    expect(TABLES).toHaveLength(17);
    expect(TABLES).not.toContain('voucher_codes');
  });

  it('has a raw table with every Postgres column under its name, in a type that holds it', () => {
    for (const table of TABLES) {
      const { pg: pgColumns, ch } = shapes.get(table)!;
      expect(ch.size, `raw.${table} exists`).toBeGreaterThan(0);
      const excluded = NOT_IN_WAREHOUSE[table] ?? [];
      const expected = pgColumns.filter((c) => !excluded.includes(c.name)).map((c) => c.name);
      const own = [...ch.keys()].filter((name) => !name.startsWith('_'));
      expect(own.sort(), `columns of raw.${table}`).toEqual([...expected].sort());
      expect([...ch.keys()].filter((name) => name.startsWith('_')).sort()).toEqual([
        '_deleted',
        '_synced_at',
        '_version',
      ]);
      for (const column of pgColumns.filter((c) => ch.has(c.name))) {
        const chType = ch.get(column.name)!;
        const { base, nullable } = baseType(chType);
        const where = `raw.${table}.${column.name}: ${chType} for Postgres ${column.udt}`;
        expect(base, where).toMatch(column.isEnum ? /^String$/ : (COMPATIBLE[column.udt] ?? /^unmapped$/));
        // Arrays cannot be Nullable in ClickHouse: a null array arrives empty.
        if (!base.startsWith('Array(')) expect(nullable, where).toBe(column.nullable);
      }
    }
  });

  it('copies existing rows of every table with the first snapshot, and streams new ones, value for value', async () => {
    await insertOneOfEach(1);
    consumer = new CdcConsumer({
      databaseUrl: postgres.url,
      clickhouse,
      tables: TABLES,
      publication: 'monet_cdc',
      slot: 'monet_cdc',
      batchRows: 1_000,
      maxBatchDelayMs: 50,
    });
    await consumer.start();
    await expectEveryTableInSync();

    await insertOneOfEach(2);
    await expectEveryTableInSync();
    for (const table of TABLES) {
      const result = await clickhouse.query({
        query: `SELECT countIf(_version = 0) AS copied, countIf(_version > 0) AS streamed FROM raw.${table} FINAL`,
        format: 'JSONEachRow',
      });
      // tiers get two rows per call; every other table one.
      const each = table === 'tiers' ? 2 : 1;
      expect(await result.json(), table).toEqual([{ copied: each, streamed: each }]);
    }
    // The voucher code stays in Postgres.
    const codes = await db.query('SELECT count(*)::int AS n FROM redemptions WHERE code IS NOT NULL');
    expect(codes.rows).toEqual([{ n: '2' }]);
  });
});
