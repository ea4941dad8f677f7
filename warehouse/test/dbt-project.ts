import type { ClickHouseClient } from '@clickhouse/client';
import type { GatewayHandle } from '@loyaltystudio/engines';
import { startTestGateway, tempDir } from '@loyaltystudio/engines/testing';
import { expect } from 'vitest';
import { createClickHouseClient } from '../src/clickhouse/client.ts';
import { migrateClickHouse } from '../src/clickhouse/migrate.ts';
import { runDbt } from '../src/dbt/run-dbt.ts';
import { BUILT_MARTS, loadMartsFixture, readMartsFixture } from './marts-fixture.ts';

export const fixture = readMartsFixture();
/** Events and ledger entries that arrive after the first build, spread over the whole history (late, backdated). */
export const arrivesLate = (table: string, row: Record<string, unknown>) =>
  (table === 'events' || table === 'ledger_entries') && /^[ab]/.test(String(row.id));

/** A dbt build of the fixture takes about 15 s on an idle machine; the shared machines run several at once. */
export const BUILD_TIMEOUT_MS = 300_000;

/**
 * Monet's dbt project on a gateway of its own, holding the marts fixture's rows (all but the late ones, synced long
 * ago so that an incremental run can tell them from the late rows) or none, and what the dbt tests ask of it.
 */
export function dbtProjectOnGateway() {
  let gateway: GatewayHandle | undefined;
  let client: ClickHouseClient | undefined;
  const work = tempDir('dbt');
  const db = (): ClickHouseClient => {
    if (!client) throw new Error('the dbt project has not been started');
    return client;
  };
  const url = () => gateway?.url ?? '';

  const dbtWith = (vars: Record<string, string | number>, ...args: string[]) =>
    runDbt({
      args,
      clickhouseUrl: url(),
      username: 'monet',
      password: 'monet',
      workDir: work.path,
      vars: { as_of_date: fixture.as_of_date, ...vars },
    });
  const dbtAsOf = (asOfDate: string, ...args: string[]) => dbtWith({ as_of_date: asOfDate }, ...args);
  const dbt = (...args: string[]) => dbtWith({}, ...args);

  async function rows<T>(query: string): Promise<T[]> {
    return (await db().query({ query, format: 'JSONEachRow' })).json<T>();
  }

  /**
   * Every mart's rows in a fixed order, as text, and those of the incremental tables below them (the daily facts and
   * the members' gathered days, latest row per member): two builds agree when these are equal.
   */
  async function martContents(): Promise<Record<string, string>> {
    const contents: Record<string, string> = {};
    // built_at records when the run that built a row started, so it is the one column two builds never share.
    const stamped = new Set(
      (
        await rows<{ table: string }>("SELECT table FROM system.columns WHERE database = 'marts' AND name = 'built_at'")
      ).map((r) => r.table),
    );
    const tables = [
      ...[...BUILT_MARTS, 'util_calendar'].map((mart) => ({
        name: `marts.${mart}`,
        columns: stamped.has(mart) ? '* EXCEPT (built_at)' : '*',
      })),
      { name: 'intermediate.int_events_summed_daily', columns: '*' },
      { name: 'intermediate.int_ledger_entries_summed_daily', columns: '*' },
      { name: 'intermediate.int_program_points_summed_daily', columns: '*' },
      // gathered_at records when a member's row was gathered; FINAL keeps each member's latest row.
      { name: 'intermediate.int_member_days_gathered FINAL', columns: '* EXCEPT (gathered_at)' },
      { name: 'intermediate.int_funnel_members_enrolled', columns: '* EXCEPT (built_at)' },
      { name: 'intermediate.int_funnel_members_targeted', columns: '* EXCEPT (built_at)' },
      { name: 'intermediate.int_campaign_members_measured', columns: '* EXCEPT (built_at)' },
    ];
    for (const { name, columns } of tables) {
      const result = await db().query({
        query: `SELECT ${columns} FROM ${name} ORDER BY ALL`,
        format: 'JSONEachRow',
      });
      contents[name] = await result.text();
    }
    return contents;
  }

  /**
   * Members of int_member_days_gathered whose latest row is from the last run (`again`), members with a daily fact
   * synced after the first rows (`late`), and all its members.
   */
  async function gatheredAgain(): Promise<{ again: number; late: number; members: number }> {
    const [counts] = await rows<{ again: number; late: number; members: number }>(
      `SELECT
         (SELECT toUInt32(count()) FROM intermediate.int_member_days_gathered FINAL
          WHERE gathered_at = (SELECT max(gathered_at) FROM intermediate.int_member_days_gathered)) AS again,
         (SELECT toUInt32(count()) FROM (SELECT DISTINCT tenant_id, member_id FROM (
             SELECT tenant_id, member_id, synced_through FROM intermediate.int_events_summed_daily
             UNION ALL
             SELECT tenant_id, member_id, synced_through FROM intermediate.int_ledger_entries_summed_daily)
           WHERE synced_through > '2026-06-30 23:00:00')) AS late,
         (SELECT toUInt32(count()) FROM intermediate.int_member_days_gathered FINAL) AS members`,
    );
    return counts ?? { again: 0, late: 0, members: 0 };
  }

  /**
   * A new purchase of the member of an early purchase of the fixture (of one that `of` accepts, when given), at
   * `occurredAt`, synced `hoursAhead` hours from now (ahead of every run's watermark until then); returns the member.
   */
  async function insertPurchase(
    id: string,
    occurredAt: string,
    hoursAhead: number,
    of: (event: Record<string, unknown>) => boolean = () => true,
  ): Promise<string> {
    const purchase = (fixture.tables.events ?? []).find(
      (e) => e.type === 'purchase' && String(e.occurred_at) < '2026-04-01' && !arrivesLate('events', e) && of(e),
    );
    if (!purchase) throw new Error('the fixture has no early purchase');
    // The source row is picked in a subquery: outside it, REPLACE's `id` would be the new id in the WHERE.
    await db().command({
      query: `INSERT INTO raw.events SELECT * REPLACE (toUUID({id:String}) AS id, {external:String} AS external_id,
                toDateTime64({at:String}, 3, 'UTC') AS occurred_at, toDateTime64({at:String}, 3, 'UTC') AS created_at,
                now64(3) + toIntervalHour({hours:UInt8}) AS _synced_at)
              FROM (SELECT * FROM raw.events WHERE tenant_id = {tenant:UUID} AND id = {source:UUID} LIMIT 1)`,
      query_params: {
        id,
        external: `o-${id.slice(0, 8)}`,
        at: occurredAt,
        hours: hoursAhead,
        tenant: purchase.tenant_id,
        source: purchase.id,
      },
    });
    const [inserted] = await rows<{ n: number }>(
      `SELECT toUInt32(count()) AS n FROM raw.events WHERE id = toUUID('${id}')`,
    );
    expect(inserted?.n).toBe(1);
    return String(purchase.member_id);
  }

  /** The members of `table` whose rows the last run that wrote it built. */
  async function rebuiltMembers(table: string): Promise<string[]> {
    const rebuilt = await rows<{ member_id: string }>(
      `SELECT DISTINCT toString(member_id) AS member_id FROM ${table}
       WHERE built_at = (SELECT max(built_at) FROM ${table}) ORDER BY member_id`,
    );
    return rebuilt.map((r) => r.member_id);
  }

  return {
    work,
    get client() {
      return db();
    },
    /** Starts the gateway with the raw tables, and loads the fixture unless `withFixture` is false. */
    async start({ withFixture = true } = {}): Promise<void> {
      gateway = await startTestGateway();
      client = createClickHouseClient({ url: gateway.url, username: 'monet', password: 'monet' });
      await migrateClickHouse(client);
      if (!withFixture) return;
      await loadMartsFixture(client, fixture, {
        keep: (table, row) => !arrivesLate(table, row),
        extra: { _synced_at: '2026-06-30 23:00:00.000' },
      });
    },
    async stop(): Promise<void> {
      await client?.close();
      await gateway?.stop();
      work.remove();
    },
    dbt,
    dbtWith,
    dbtAsOf,
    rows,
    martContents,
    gatheredAgain,
    insertPurchase,
    rebuiltMembers,
  };
}
