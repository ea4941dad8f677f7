import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ClickHouseClient, ClickHouseError, ClickHouseLogLevel, createClient } from '@clickhouse/client';
import type { GatewayHandle } from '@loyaltystudio/engines';
import { startTestGateway, tempDir } from '@loyaltystudio/engines/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashBiPassword } from '../src/bi-passwords.ts';

const A = '0b4a8a4e-5c43-4a57-9d2c-3f1e9a7c1d20';
const B = '5e1f0c2a-1b9e-4c57-8d0a-0f7a2c9b4e11';

/**
 * BI users bound to one tenant, on the real gateway: every table reads as the tenant's rows or as nothing, and what
 * could reach past the table filters (table functions, local files, several statements, settings) is refused.
 */
describe('gateway users bound to a tenant', () => {
  let gateway: GatewayHandle;
  const dir = tempDir('bi-users');
  const usersFile = join(dir.path, 'bi-users.json');
  const outfile = join(dir.path, 'leak.tsv');
  const clients: ClickHouseClient[] = [];

  const writeUsers = async (users: { name: string; password: string; tenantId: string }[]) =>
    writeFileSync(
      usersFile,
      JSON.stringify({
        users: await Promise.all(
          users.map(async (u) => ({
            name: u.name,
            passwordHash: await hashBiPassword(u.password),
            tenantId: u.tenantId,
          })),
        ),
      }),
    );

  function client(username: string, password: string, extra: { database?: string; session_id?: string } = {}) {
    const c = createClient({ url: gateway.url, username, password, log: { level: ClickHouseLogLevel.OFF }, ...extra });
    clients.push(c);
    return c;
  }
  let admin: ClickHouseClient;
  let biA: ClickHouseClient;

  const rows = async <T>(c: ClickHouseClient, query: string, query_params?: Record<string, unknown>) =>
    (await c.query({ query, format: 'JSONEachRow', query_params })).json<T>();

  async function failure(run: Promise<unknown>): Promise<ClickHouseError> {
    const err = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ClickHouseError);
    return err as ClickHouseError;
  }

  beforeAll(async () => {
    await writeUsers([
      { name: 'bi_a', password: 'secret-a', tenantId: A },
      { name: 'bi_b', password: 'secret-b', tenantId: B },
    ]);
    gateway = await startTestGateway({ GATEWAY_BI_USERS_FILE: usersFile });
    admin = client('monet', 'monet');
    for (const query of [
      'CREATE DATABASE marts',
      'CREATE DATABASE raw',
      'CREATE TABLE marts.sales (tenant_id UUID, member String, amount Int64) ENGINE = MergeTree ORDER BY tenant_id',
      'CREATE TABLE marts.notes (id UInt8, body String) ENGINE = MergeTree ORDER BY id',
      'CREATE TABLE raw.members (tenant_id UUID, email String) ENGINE = MergeTree ORDER BY tenant_id',
      'CREATE VIEW marts.sales_view AS SELECT * FROM marts.sales',
      `INSERT INTO marts.sales VALUES ('${A}', 'a1', 10), ('${A}', 'a2', 20), ('${B}', 'b1', 1000)`,
      "INSERT INTO marts.notes VALUES (1, 'not tenanted')",
      `INSERT INTO raw.members VALUES ('${A}', 'a@example.com'), ('${B}', 'b@example.com')`,
    ]) {
      await admin.command({ query });
    }
    biA = client('bi_a', 'secret-a');
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await gateway?.stop();
    dir.remove();
  });

  it("reads the tenant's rows of a mart only, however the query names or combines it", async () => {
    expect(await rows(biA, 'SELECT member, amount FROM marts.sales ORDER BY member')).toEqual([
      { member: 'a1', amount: 10 },
      { member: 'a2', amount: 20 },
    ]);
    const inMarts = client('bi_a', 'secret-a', { database: 'marts' });
    for (const query of [
      'SELECT sum(amount) AS total FROM sales',
      'SELECT sum(amount) AS total FROM marts.sales AS s WHERE 1 OR 1',
      'SELECT sum(amount) AS total FROM (SELECT * FROM marts.sales)',
      'WITH t AS (SELECT amount FROM marts.sales) SELECT sum(amount) AS total FROM t',
      'SELECT sum(x) AS total FROM (SELECT amount AS x FROM marts.sales UNION ALL SELECT 0)',
      'SELECT sum(amount) AS total FROM marts.sales_view',
      'SELECT sum(amount) AS total FROM view(SELECT * FROM marts.sales)',
      'SELECT sum(s.amount) AS total FROM marts.sales AS s JOIN (SELECT DISTINCT tenant_id FROM marts.sales) AS t USING tenant_id',
    ]) {
      expect([query, await rows(inMarts, query)]).toEqual([query, [{ total: 30 }]]);
    }
    expect(await rows(biA, 'SELECT DISTINCT tenant_id FROM marts.sales')).toEqual([{ tenant_id: A }]);
    expect(await rows(biA, 'SELECT count() AS n FROM marts.sales WHERE amount >= {min:Int64}', { min: 20 })).toEqual([
      { n: 1 },
    ]);
    const biB = client('bi_b', 'secret-b');
    expect(await rows(biB, 'SELECT sum(amount) AS total FROM marts.sales')).toEqual([{ total: 1000 }]);
  });

  it('reads every other table as empty, and sees the marts only in the schema tables', async () => {
    for (const query of [
      'SELECT * FROM raw.members',
      'SELECT * FROM marts.notes',
      'SELECT * FROM system.parts',
      'SELECT * FROM system.processes',
      'SELECT * FROM system.query_cache',
    ]) {
      expect([query, await rows(biA, query)]).toEqual([query, []]);
    }
    expect(await rows(biA, 'SELECT name FROM system.databases')).toEqual([{ name: 'marts' }]);
    expect(await rows(biA, 'SELECT name FROM system.tables ORDER BY name')).toEqual([
      { name: 'notes' },
      { name: 'sales' },
      { name: 'sales_view' },
    ]);
    expect(await rows(biA, "SELECT count() AS n FROM system.columns WHERE database = 'raw'")).toEqual([{ n: 0 }]);
    expect(await rows(biA, 'SELECT DISTINCT table_schema FROM information_schema.tables')).toEqual([
      { table_schema: 'marts' },
    ]);
    // A table created after the user's last request is covered from the next one.
    await admin.command({ query: `CREATE TABLE raw.late (tenant_id UUID) ENGINE = Memory` });
    await admin.command({ query: `INSERT INTO raw.late VALUES ('${A}')` });
    expect(await rows(biA, 'SELECT * FROM raw.late')).toEqual([]);
  });

  it('refuses what could read past the filters or outside the tables', async () => {
    const refused: [string, number][] = [
      ["SELECT * FROM merge('raw', '.*')", 497],
      ["SELECT * FROM merge('marts', 'sales')", 497],
      ["SELECT * FROM mergeTreeIndex('marts', 'sales')", 497],
      ["SELECT file('/etc/hostname')", 497],
      ["SELECT * FROM file('/etc/hostname', 'LineAsString')", 497],
      ["SELECT * FROM url('http://127.0.0.1:9/', 'LineAsString')", 497],
      ["SELECT dictGet('d', 'x', 1)", 497],
      ['SELECT 1; SELECT * FROM raw.members', 62],
      [`SELECT * FROM marts.sales INTO OUTFILE '${outfile}'`, 497],
      ["SELECT * FROM marts.sales SETTINGS additional_table_filters = {'marts.sales': '1'}", 164],
      ["INSERT INTO marts.sales VALUES ('00000000-0000-0000-0000-000000000000', 'x', 1)", 164],
      ['CREATE TABLE marts.mine (a UInt8) ENGINE = Memory', 164],
      ['SET max_threads = 1', 164],
      ['KILL QUERY WHERE 1', 164],
    ];
    for (const [query, code] of refused) {
      const err = await failure(biA.query({ query, format: 'JSONEachRow' }));
      expect([query, err.code]).toEqual([query, String(code)]);
    }
    expect(existsSync(outfile)).toBe(false);
    const bySetting = await failure(
      biA.query({
        query: 'SELECT count() FROM marts.sales',
        clickhouse_settings: { additional_table_filters: "{'marts.sales': '1'}" } as never,
      }),
    );
    expect(bySetting.code).toBe('164');
  });

  it('keeps a FORMAT clause, URL settings and a session_id working as BI tools send them', async () => {
    const { stream } = await biA.exec({ query: 'SELECT member FROM marts.sales ORDER BY member FORMAT CSVWithNames' });
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('"member"\n"a1"\n"a2"\n');
    const limited = await biA.query({
      query: 'SELECT member FROM marts.sales',
      format: 'JSONEachRow',
      clickhouse_settings: { max_result_rows: '1', result_overflow_mode: 'break' },
    });
    expect((await limited.json()).length).toBeGreaterThan(0);
    const inSession = client('bi_a', 'secret-a', { session_id: 'metabase-1' });
    expect(await rows(inSession, 'SELECT sum(amount) AS total FROM marts.sales')).toEqual([{ total: 30 }]);
  });

  it('takes users added to the file without a restart, and refuses a wrong password', async () => {
    expect((await failure(client('bi_c', 'secret-c').query({ query: 'SELECT 1' }))).code).toBe('516');
    await writeUsers([
      { name: 'bi_a', password: 'secret-a', tenantId: A },
      { name: 'bi_c', password: 'secret-c', tenantId: B },
    ]);
    expect(await rows(client('bi_c', 'secret-c'), 'SELECT sum(amount) AS total FROM marts.sales')).toEqual([
      { total: 1000 },
    ]);
    expect((await failure(client('bi_b', 'secret-b').query({ query: 'SELECT 1' }))).code).toBe('516');
    expect((await failure(client('bi_a', 'wrong').query({ query: 'SELECT 1' }))).code).toBe('516');
  });

  it('holds the all-tenant read-only user to the same statement checks', async () => {
    const reader = client('monet_reader', 'monet_reader');
    expect(await rows(reader, 'SELECT sum(amount) AS total FROM marts.sales')).toEqual([{ total: 1030 }]);
    expect((await failure(reader.query({ query: "SELECT file('/etc/hostname')" }))).code).toBe('497');
    const written = await failure(reader.query({ query: `SELECT 1 INTO OUTFILE '${outfile}'` }));
    expect(written.code).toBe('497');
    expect(existsSync(outfile)).toBe(false);
  });
});
