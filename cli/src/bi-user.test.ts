import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { type ClickHouseClient, ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { createPrismaClient, migrate, type PrismaClient } from '@loyaltystudio/prisma';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MART_NAMES } from '../../api/src/modules/exports/exports.marts.ts';
import { serverSql } from './bi-user.ts';
import { biUserCommand } from './commands/bi-user.ts';
import type { GatewayHandle } from './engines/gateway.ts';
import type { PostgresHandle } from './engines/postgres.ts';
import { startTestGateway, startTestPostgres, tempDir } from './engines/testing.ts';

/** `monet bi-user` against a real Postgres (the tenant) and a real gateway (the user it writes). */
describe('monet bi-user', () => {
  let pg: PostgresHandle;
  let prisma: PrismaClient;
  let gateway: GatewayHandle;
  const dir = tempDir('bi-user');
  const usersFile = join(dir.path, 'bi-users.json');
  const tenants = {
    a: { id: '', slug: `a-${randomUUID().slice(0, 8)}` },
    b: { id: '', slug: `b-${randomUUID().slice(0, 8)}` },
  };
  const saved = { ...process.env };
  const clients: ClickHouseClient[] = [];
  const client = (username: string, password: string) => {
    const c = createClient({ url: gateway.url, username, password, log: { level: ClickHouseLogLevel.OFF } });
    clients.push(c);
    return c;
  };
  let admin: ClickHouseClient;

  beforeAll(async () => {
    [pg, gateway] = await Promise.all([startTestPostgres(), startTestGateway({ GATEWAY_BI_USERS_FILE: usersFile })]);
    await migrate(pg.url);
    prisma = createPrismaClient(pg.url);
    for (const t of Object.values(tenants)) {
      t.id = (
        await prisma.tenant.create({ data: { slug: t.slug, name: t.slug, timeZone: 'UTC', currency: 'EUR' } })
      ).id;
    }
    process.env.DATABASE_URL = pg.url;
    process.env.GATEWAY_BI_USERS_FILE = usersFile;
    admin = client('monet', 'monet');
    await admin.command({ query: 'CREATE DATABASE marts' });
    await admin.command({
      query: 'CREATE TABLE marts.member_rfm (tenant_id UUID, member_id UUID) ENGINE = MergeTree ORDER BY tenant_id',
    });
    await admin.command({
      query: `INSERT INTO marts.member_rfm VALUES ('${tenants.a.id}', generateUUIDv4()), ('${tenants.b.id}', generateUUIDv4()), ('${tenants.b.id}', generateUUIDv4())`,
    });
  }, 120_000);

  afterAll(async () => {
    process.env = saved;
    await Promise.all(clients.map((c) => c.close()));
    await prisma?.$disconnect();
    await Promise.all([pg?.stop(), gateway?.stop()]);
    dir.remove();
  });

  const count = async (c: ClickHouseClient) =>
    (
      await (
        await c.query({ query: 'SELECT count() AS n FROM marts.member_rfm', format: 'JSONEachRow' })
      ).json<{ n: number }>()
    )[0]?.n;

  it('writes a gateway user that sees its tenant’s rows only, at the running gateway’s next request', async () => {
    expect(await biUserCommand(['--tenant', tenants.b.slug, '--password', 'a-long-bi-password'])).toBe(0);
    expect(await count(client(`bi_${tenants.b.slug.replace(/-/g, '_')}`, 'a-long-bi-password'))).toBe(2);
    expect(
      await biUserCommand(['--tenant', tenants.a.slug, '--name', 'analyst_a', '--password', 'another-password']),
    ).toBe(0);
    expect(await count(client('analyst_a', 'another-password'))).toBe(1);

    expect(await biUserCommand(['--tenant', tenants.a.slug, '--name', 'analyst_a', '--remove'])).toBe(0);
    const removed = await client('analyst_a', 'another-password')
      .query({ query: 'SELECT 1' })
      .catch((e) => e);
    expect(removed).toMatchObject({ code: '516' });
  });

  it('refuses an unknown tenant and bad flags', async () => {
    expect(await biUserCommand(['--tenant', 'no-such-tenant'])).toBe(1);
    expect(await biUserCommand([])).toBe(2);
    expect(await biUserCommand(['--tenant', tenants.a.slug, '--name', '1x'])).toBe(2);
    expect(await biUserCommand(['--tenant', tenants.a.slug, '--password', 'short'])).toBe(2);
  });

  it('writes server SQL that ClickHouse parses: a role, a grant and a row policy on every mart, a hashed password', async () => {
    const sql = serverSql({
      user: { name: 'bi_demo', password: 'plain-text-password', tenantId: tenants.a.id, tenantSlug: 'demo-coffee-co' },
      monetUsers: ['monet', 'monet_reader'],
    });
    expect(sql).not.toContain('plain-text-password');
    const statements = sql
      .split(';\n')
      .map((s) => s.replace(/^--.*\n/gm, '').trim())
      .filter((s) => s !== '');
    for (const statement of statements) {
      const literal = `'${statement.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
      const parsed = await admin.query({ query: `SELECT formatQuery(${literal}) AS formatted`, format: 'JSONEachRow' });
      expect((await parsed.json<{ formatted: string }>())[0]?.formatted).toBeTruthy();
    }
    expect(statements.filter((s) => s.startsWith('GRANT SELECT ON marts.'))).toHaveLength(MART_NAMES.length);
    const policy = statements.find((s) => s.startsWith('CREATE ROW POLICY OR REPLACE `monet_tenant_demo_coffee_co`'));
    for (const mart of MART_NAMES) expect(policy).toContain(`marts.\`${mart}\``);
    expect(policy).toContain(`USING tenant_id = toUUID('${tenants.a.id}') TO \`monet_tenant_demo_coffee_co\``);
    expect(statements).toContainEqual(
      expect.stringMatching(/^CREATE ROW POLICY OR REPLACE `monet_all_rows` .* USING 1 TO `monet`, `monet_reader`$/),
    );
    expect(statements).toContainEqual(
      expect.stringMatching(/^CREATE USER IF NOT EXISTS `bi_demo` IDENTIFIED WITH sha256_hash BY '[0-9a-f]{64}'/),
    );
  });
});
