import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import type { PostgresHandle } from '@loyaltystudio/engines';
import { startTestPostgres } from '@loyaltystudio/engines/testing';
import { createPrismaClient, migrate, type PrismaClient } from '@loyaltystudio/prisma';
import { createClickHouseClient, migrateClickHouse, runDbt } from '@loyaltystudio/warehouse';
import { fixtureIds, loadMartsFixture, readMartsFixture } from '@loyaltystudio/warehouse/testing';
import { expect } from 'vitest';
import { type App, type AppOptions, buildApp } from '../src/app.ts';
import { createAccessTokens } from '../src/auth/access-token.ts';
import type { AuthContext } from '../src/auth/context.ts';
import { ROLES, type Role } from '../src/auth/permissions.ts';
import { createTemporalProvider } from '../src/infra/temporal.ts';
import { createSystemService } from '../src/modules/system/system.service.ts';
import { createWebhookDispatcher } from '../src/modules/webhooks/dispatcher.ts';
import type { Resolver } from '../src/modules/webhooks/webhooks.destination.ts';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from '../src/modules/webhooks/webhooks.settings.ts';

export const TEST_SECRET = 'test-secret-for-access-tokens-0123456789';

/**
 * Test apps resolve no host name, so registering a webhook endpoint sends no DNS query off the machine: the name is
 * taken as not resolving yet. A test that needs names passes its own `webhooks.resolve`.
 */
const resolveNoName: Resolver = async (host) => {
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
};

export interface TestTenant {
  id: string;
  slug: string;
  users: Record<Role, { id: string; email: string; sessionId: string }>;
  /** Authorization headers of a user with that role. */
  as(role: Role): { authorization: string };
  /** The service-level context of a user with that role. */
  auth(role: Role): AuthContext;
}

export interface ApiTest {
  app: App;
  prisma: PrismaClient;
  pg: PostgresHandle;
  clickhouse: ClickHouseClient;
  tenant(overrides?: { timeZone?: string; currency?: string }): Promise<TestTenant>;
  stop(): Promise<void>;
}

/**
 * The api on a real, migrated Postgres of its own, built without listening (use `app.inject`). ClickHouse and
 * Temporal are not started: module tests do not need them, and their probes simply report them down. Analytics
 * tests pass the URL of a gateway they started (`clickhouseUrl`), a test of the whole api the Temporal dev server
 * it started (`temporal`). The webhook dispatcher is never started: nothing is delivered.
 */
export async function startApiTest(
  opts: Pick<AppOptions, 'webhooks' | 'analytics' | 'exports' | 'attemptLimits' | 'reports' | 'imports' | 'models'> & {
    clickhouseUrl?: string;
    temporal?: { address: string; namespace: string };
  } = {},
): Promise<ApiTest> {
  const { clickhouseUrl, temporal: temporalServer, ...appOpts } = opts;
  const pg = await startTestPostgres();
  await migrate(pg.url);
  const prisma = createPrismaClient(pg.url);
  const accessTokens = createAccessTokens(TEST_SECRET, 900);
  const clickhouse = clickhouseUrl
    ? createClickHouseClient({ url: clickhouseUrl, username: 'monet', password: 'monet' })
    : createClickHouseClient({ url: 'http://127.0.0.1:9', username: 'x', password: 'x' });
  const temporal = temporalServer
    ? createTemporalProvider(temporalServer.address, temporalServer.namespace)
    : createTemporalProvider('127.0.0.1:9', 'default');
  const system = createSystemService({
    version: 'test',
    prisma,
    clickhouse,
    temporal: temporal.get,
    urls: { postgres: 'postgres', clickhouse: 'none', temporal: 'none' },
  });
  const app = await buildApp({
    version: 'test',
    prisma,
    clickhouse,
    system,
    accessTokens,
    // A test that started Temporal also lets the app start and signal workflows there (erasures, campaigns).
    temporal: temporalServer ? temporal.get : undefined,
    ...appOpts,
    webhooks: { resolve: resolveNoName, ...appOpts.webhooks },
    // Imports write by COPY on a connection of their own to the test's Postgres.
    imports: { databaseUrl: pg.url, resolve: resolveNoName, ...appOpts.imports },
  });

  async function tenant(overrides: { timeZone?: string; currency?: string } = {}): Promise<TestTenant> {
    const slug = `t-${randomUUID().slice(0, 8)}`;
    const row = await prisma.tenant.create({
      data: { slug, name: slug, timeZone: overrides.timeZone ?? 'Europe/Paris', currency: overrides.currency ?? 'EUR' },
    });
    const users = {} as TestTenant['users'];
    const tokens = {} as Record<Role, string>;
    for (const role of ROLES) {
      const email = `${role}@${slug}.test`;
      const user = await prisma.user.create({
        data: { tenantId: row.id, email, name: role, role, passwordHash: 'not-a-password-user' },
      });
      const session = await prisma.session.create({
        data: { tenantId: row.id, userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) },
      });
      users[role] = { id: user.id, email, sessionId: session.id };
      tokens[role] = await accessTokens.sign({ userId: user.id, tenantId: row.id, role, sessionId: session.id });
    }
    return {
      id: row.id,
      slug,
      users,
      as: (role) => ({ authorization: `Bearer ${tokens[role]}` }),
      auth: (role) => ({
        tenantId: row.id,
        actor: { type: 'user', id: users[role].id, role, sessionId: users[role].sessionId },
      }),
    };
  }

  return {
    app,
    prisma,
    pg,
    clickhouse,
    tenant,
    async stop() {
      await app.close();
      await Promise.allSettled([prisma.$disconnect(), clickhouse.close(), temporal.close()]);
      await pg.stop();
    },
  };
}

/**
 * The webhook dispatcher `server.ts` runs, on a test's Postgres: test apps never start one, so a test that needs
 * deliveries calls its `drain()` (route new events to the enabled endpoints, then attempt what is due).
 */
export function webhookDispatcher(t: ApiTest, settings: Partial<WebhookSettings> = {}) {
  return createWebhookDispatcher(t.prisma, { ...DEFAULT_WEBHOOK_SETTINGS, ...settings });
}

/** A loyalty program of the tenant, created through the api by its owner; returns its id. */
export async function createProgram(t: ApiTest, tenant: TestTenant, currency: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/programs',
    headers: tenant.as('owner'),
    payload: { name: 'Rewards', pointsName: 'Points', earningCurrency: currency },
  });
  if (res.statusCode !== 201) throw new Error(`creating a program answered ${res.statusCode}: ${res.body}`);
  return res.json().id as string;
}

/**
 * Tenants a (EUR) and b (GBP), each with a program, given the two merchants of the proven marts fixture
 * (warehouse/proof), whose raw rows are loaded into the api's ClickHouse and built into marts by dbt.
 */
export async function startFixtureMarts(
  t: ApiTest,
  clickhouseUrl: string,
  workDir: string,
): Promise<{ a: TestTenant; b: TestTenant; programs: { a: string; b: string } }> {
  await migrateClickHouse(t.clickhouse);
  const [a, b] = await Promise.all([t.tenant(), t.tenant({ currency: 'GBP' })]);
  const programs = { a: await createProgram(t, a, 'EUR'), b: await createProgram(t, b, 'GBP') };
  const ids = fixtureIds(readMartsFixture());
  const [harbor, meadow] = ids.tenants as [string, string];
  const fixture = readMartsFixture({
    [harbor]: a.id,
    [meadow]: b.id,
    [ids.programs[harbor] as string]: programs.a,
    [ids.programs[meadow] as string]: programs.b,
  });
  await loadMartsFixture(t.clickhouse, fixture);
  await runDbt({
    args: ['run'],
    clickhouseUrl,
    username: 'monet',
    password: 'monet',
    workDir,
    vars: { as_of_date: fixture.as_of_date },
  });
  return { a, b, programs };
}

/**
 * A member's balance agrees with its ledger: available equals the sum of its entries and of its lots' remaining
 * points, never below zero, and its sequence counts its entries. Returns the balance.
 */
export async function expectLedgerAgrees(prisma: PrismaClient, memberId: string) {
  const balance = await prisma.balance.findFirstOrThrow({ where: { memberId } });
  const sum = await prisma.ledgerEntry.aggregate({ where: { memberId }, _sum: { points: true } });
  const lots = await prisma.pointLot.aggregate({ where: { memberId }, _sum: { remaining: true } });
  expect(sum._sum.points ?? 0).toBe(balance.available);
  expect(lots._sum.remaining ?? 0).toBe(balance.available);
  expect(balance.available).toBeGreaterThanOrEqual(0);
  expect(balance.seq).toBe(await prisma.ledgerEntry.count({ where: { memberId } }));
  return balance;
}
