import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ClickHouseClient, ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { MART_NAMES } from '@loyaltystudio/api/core';
import type { GatewayHandle, PostgresHandle } from '@loyaltystudio/engines';
import { startTestGateway, startTestPostgres, tempDir } from '@loyaltystudio/engines/testing';
import { createPrismaClient, migrate, type PrismaClient } from '@loyaltystudio/prisma';
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bcryptHash, serverSql } from './bi-user.ts';
import { biUserCommand } from './commands/bi-user.ts';

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

  it('stores a salted scrypt hash: two users with one password get different stored values, neither its SHA-256', async () => {
    const password = 'one-password-for-two';
    expect(await biUserCommand(['--tenant', tenants.a.slug, '--name', 'twin_1', '--password', password])).toBe(0);
    expect(await biUserCommand(['--tenant', tenants.b.slug, '--name', 'twin_2', '--password', password])).toBe(0);
    const text = readFileSync(usersFile, 'utf8');
    const users = (JSON.parse(text) as { users: { name: string; passwordHash?: string }[] }).users;
    const stored = ['twin_1', 'twin_2'].map((name) => users.find((u) => u.name === name)?.passwordHash);
    for (const s of stored) expect(s).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$/);
    expect(stored[0]).not.toBe(stored[1]);
    expect(text).not.toContain(createHash('sha256').update(password).digest('hex'));
    expect(text).not.toContain(password);
    expect(await count(client('twin_1', password))).toBe(1);
    expect(await count(client('twin_2', password))).toBe(2);
  });

  it('leaves entries of the old format in the file and says how to renew each', async () => {
    const users = JSON.parse(readFileSync(usersFile, 'utf8')) as { users: object[] };
    users.users.push({
      name: 'bi_legacy',
      passwordSha256: createHash('sha256').update('legacy-password').digest('hex'),
      tenantId: tenants.a.id,
      tenant: tenants.a.slug,
    });
    writeFileSync(usersFile, JSON.stringify(users));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(
        await biUserCommand(['--tenant', tenants.a.slug, '--name', 'other_a', '--password', 'other-password']),
      ).toBe(0);
      expect(errors.mock.calls.map((c) => c.join(' '))).toEqual([
        'Warning: bi_legacy has a password in the old unsalted format, which the gateway refuses: run ' +
          `\`monet bi-user --tenant ${tenants.a.slug} --name bi_legacy\` to give it a new one.`,
      ]);
    } finally {
      errors.mockRestore();
    }
    const legacy = await client('bi_legacy', 'legacy-password')
      .query({ query: 'SELECT 1' })
      .catch((e) => e);
    expect(legacy).toMatchObject({ code: '516' });
    expect(
      await biUserCommand(['--tenant', tenants.a.slug, '--name', 'bi_legacy', '--password', 'renewed-password']),
    ).toBe(0);
    expect(await count(client('bi_legacy', 'renewed-password'))).toBe(1);
  });

  it('refuses an unknown tenant and bad flags', async () => {
    expect(await biUserCommand(['--tenant', 'no-such-tenant'])).toBe(1);
    expect(await biUserCommand([])).toBe(2);
    expect(await biUserCommand(['--tenant', tenants.a.slug, '--name', '1x'])).toBe(2);
    expect(await biUserCommand(['--tenant', tenants.a.slug, '--password', 'short'])).toBe(2);
    // bcrypt, for a ClickHouse server, reads 72 bytes at most: a longer password is refused, not cut short.
    expect(await biUserCommand(['--tenant', tenants.a.slug, '--sql', '--password', 'x'.repeat(73)])).toBe(2);
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
    const user = statements.find((s) => s.startsWith('CREATE USER'));
    const hash =
      /^CREATE USER IF NOT EXISTS `bi_demo` IDENTIFIED WITH bcrypt_hash BY '(\$2a\$12\$[./A-Za-z0-9]{53})'/.exec(
        user ?? '',
      )?.[1];
    expect(hash, user).toBeDefined();
    expect(bcrypt.compareSync('plain-text-password', hash as string)).toBe(true);
    expect(sql).not.toContain(createHash('sha256').update('plain-text-password').digest('hex'));
  });

  it('hashes for ClickHouse with bcrypt as crypt_blowfish does, with a new salt each time', () => {
    // Test vectors of Openwall's crypt_blowfish, the bcrypt that ClickHouse servers build in.
    expect(bcrypt.compareSync('U*U', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW')).toBe(true);
    expect(bcrypt.compareSync('U*U*', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK')).toBe(true);
    const [a, b] = [bcryptHash('same password', 4), bcryptHash('same password', 4)];
    expect(a).toMatch(/^\$2a\$04\$/);
    expect(a).not.toBe(b);
    expect([bcrypt.compareSync('same password', a), bcrypt.compareSync('same password', b)]).toEqual([true, true]);
    expect(() => bcryptHash('é'.repeat(37))).toThrow('72 bytes at most');
  });
});
