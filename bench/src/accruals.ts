import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createPrismaClient, migrate, type PrismaClient } from '@loyaltystudio/prisma';
import autocannon from 'autocannon';
import pg from 'pg';
import { createAccessTokens } from '../../api/src/auth/access-token.ts';
import { withTenant } from '../../api/src/infra/tenant-tx.ts';
import { eventsRepository } from '../../api/src/modules/events/events.repository.ts';
import { credit } from '../../api/src/modules/ledger/ledger.core.ts';
import { emit } from '../../api/src/modules/webhooks/outbox.ts';
import { startPostgres } from '../../cli/src/engines/postgres.ts';
import { freePort, spawnManaged, waitFor } from '../../cli/src/engines/process.ts';
import { tempDir } from '../../cli/src/engines/testing.ts';
import { REPO_ROOT } from '../../cli/src/paths.ts';
import { percentile, printTable, writeResults } from './results.ts';

const PGBENCH = '/usr/lib/postgresql/15/bin/pgbench';
const SECRET = 'accruals-benchmark-secret-0123456789abcdef';
const MEMBERS = 1_000;
const CONNECTIONS = 32;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);

interface Seed {
  tenantId: string;
  programId: string;
  token: string;
  memberIds: string[];
}

/** A tenant with one program, 3 active rules that all match a store purchase of drinks, and MEMBERS members. */
async function seed(prisma: PrismaClient): Promise<Seed> {
  const tenant = await prisma.tenant.create({
    data: { slug: 'bench', name: 'Bench', timeZone: 'Europe/Paris', currency: 'EUR' },
  });
  const user = await prisma.user.create({
    data: { tenantId: tenant.id, email: 'owner@bench.test', name: 'Owner', role: 'owner', passwordHash: 'x' },
  });
  const session = await prisma.session.create({
    data: { tenantId: tenant.id, userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const token = await createAccessTokens(SECRET, 86_400).sign({
    userId: user.id,
    tenantId: tenant.id,
    role: 'owner',
    sessionId: session.id,
  });
  const program = await prisma.program.create({
    data: {
      tenantId: tenant.id,
      name: 'Bench',
      pointsName: 'Points',
      earningCurrency: 'EUR',
      expiryPolicy: 'end_of_year_after_months',
      expiryValue: 12,
    },
  });
  const rules = [
    { conditions: { eventType: { in: ['purchase'] } }, effects: [{ pointsPerUnit: { points: 1, unitMinor: 100 } }] },
    { conditions: { channel: { in: ['store'] } }, effects: [{ fixedPoints: { points: 5 } }] },
    {
      conditions: { all: [{ eventType: { in: ['purchase'] } }, { amount: { gte: 1_000 } }] },
      effects: [{ multiplier: { percent: 110 } }, { capPerEvent: { points: 500 } }],
    },
  ];
  for (const [i, r] of rules.entries()) {
    const rule = await prisma.rule.create({ data: { tenantId: tenant.id, programId: program.id, currentVersion: 1 } });
    await prisma.ruleVersion.create({
      data: { tenantId: tenant.id, ruleId: rule.id, version: 1, name: `rule ${i}`, priority: 10 - i, ...r },
    });
  }
  await prisma.member.createMany({
    data: Array.from({ length: MEMBERS }, (_, i) => ({ tenantId: tenant.id, externalId: `m${i + 1}` })),
  });
  const members = await prisma.member.findMany({ where: { tenantId: tenant.id }, select: { id: true } });
  // Balances exist in steady state; pgbench updates them and cannot create them.
  await prisma.balance.createMany({
    data: members.map((m) => ({ tenantId: tenant.id, memberId: m.id, programId: program.id })),
  });
  return { tenantId: tenant.id, programId: program.id, token, memberIds: members.map((m) => m.id) };
}

function purchase(n: number) {
  return {
    externalId: randomUUID(),
    type: 'purchase',
    memberExternalId: `m${(n % MEMBERS) + 1}`,
    occurredAt: new Date().toISOString(),
    amountMinor: 4_250,
    currency: 'EUR',
    channel: 'store',
    lineItems: [{ sku: 'LATTE-L', category: 'drinks', quantity: 2, unitAmountMinor: 2_125 }],
  };
}

interface LoadResult {
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

/** autocannon against POST /v1/events, each request with its own idempotency key and external id. */
async function load(url: string, token: string, opts: { seconds: number; rate?: number }): Promise<LoadResult> {
  let n = 0;
  const latencies: number[] = [];
  const options: autocannon.Options = {
    url: `${url}/v1/events`,
    connections: CONNECTIONS,
    duration: opts.seconds,
    ...(opts.rate && { overallRate: opts.rate }),
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          n += 1;
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${token}`,
              'idempotency-key': randomUUID(),
            },
            body: JSON.stringify(purchase(n)),
          };
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (err, done) => (err ? reject(err) : resolve(done)));
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  latencies.sort((a, b) => a - b);
  return {
    throughput: result.requests.total / opts.seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

/** pgbench running the same writes with as many clients as autocannon has connections; transactions per second. */
async function pgbench(url: string, s: Seed, seconds: number): Promise<number> {
  const u = new URL(url);
  const { stdout } = await promisify(execFile)(
    PGBENCH,
    [
      ...['-h', u.hostname, '-p', u.port, '-U', u.username, '-n', '-M', 'prepared'],
      ...['-c', String(CONNECTIONS), '-j', '2', '-T', String(seconds)],
      ...['-D', `tenant=${s.tenantId}`, '-D', `program=${s.programId}`, '-D', `members=${MEMBERS}`],
      ...['-f', join(REPO_ROOT, 'bench', 'accruals.pgbench.sql'), u.pathname.slice(1)],
    ],
    { env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) } },
  );
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
  if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
  return Number(tps[1]);
}

/**
 * The core of an accrual transaction (tenant settings, event insert, ledger entry + lot + balance in one
 * statement, outbox insert) through Prisma, and the same SQL through node-postgres: transactions per second
 * with `CONCURRENCY` concurrent writers on distinct members.
 */
async function prismaVersusPg(url: string, prisma: PrismaClient, s: Seed, seconds: number) {
  const concurrency = 16;
  const earnedAt = new Date();
  const run = async (one: (memberId: string) => Promise<void>) => {
    let done = 0;
    const end = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async (_, w) => {
        for (let i = w; performance.now() < end; i += concurrency) {
          await one(s.memberIds[i % MEMBERS]!);
          done += 1;
        }
      }),
    );
    return done / seconds;
  };
  const viaPrisma = () =>
    run((memberId) =>
      withTenant(prisma, s.tenantId, async (tx) => {
        const key = { tenantId: s.tenantId, memberId, programId: s.programId };
        const eventId = await eventsRepository.insert(tx, {
          ...key,
          externalId: randomUUID(),
          type: 'purchase',
          customType: null,
          occurredAt: earnedAt,
          amountMinor: 4_250,
          currency: 'EUR',
          channel: 'store',
          lineItems: [],
          attributes: {},
          refundOfEventId: null,
          pointsByRule: {},
        });
        await credit(tx, { ...key, kind: 'accrual', points: 47, eventId: eventId ?? undefined, earnedAt });
        await emit(tx, s.tenantId, 'points.earned', { memberId, points: 47 });
      }),
    );
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const viaPg = () =>
    run(async (memberId) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query("SELECT set_config('role', 'monet_app', true), set_config('app.tenant_id', $1, true)", [
          s.tenantId,
        ]);
        const event = await client.query(
          `INSERT INTO events (tenant_id, program_id, member_id, external_id, type, custom_type, occurred_at,
             amount_minor, currency, channel, line_items, attributes, refund_of_event_id, points_by_rule)
           VALUES ($1::uuid, $2::uuid, $3::uuid, $4, 'purchase'::"EventType", NULL, $5::timestamptz, 4250, 'EUR',
             'store', '[]'::jsonb, '{}'::jsonb, NULL, '{}'::jsonb)
           ON CONFLICT (tenant_id, external_id) DO NOTHING RETURNING id`,
          [s.tenantId, s.programId, memberId, randomUUID(), earnedAt],
        );
        await client.query(
          `WITH b AS (
             UPDATE balances SET available = available + 47, lifetime_earned = lifetime_earned + 47, seq = seq + 1,
               updated_at = now()
             WHERE member_id = $1::uuid AND program_id = $2::uuid AND tenant_id = $3::uuid RETURNING *
           ), e AS (
             INSERT INTO ledger_entries (tenant_id, member_id, program_id, seq, kind, points, event_id, rule_version_ids)
             SELECT b.tenant_id, b.member_id, b.program_id, b.seq, 'accrual', 47, $4::uuid, '{}'::uuid[] FROM b
             RETURNING *
           ), lot AS (
             INSERT INTO point_lots (tenant_id, member_id, program_id, ledger_entry_id, earned_at, expires_at, points,
               remaining)
             SELECT e.tenant_id, e.member_id, e.program_id, e.id, $5::timestamptz, NULL, 47, 47 FROM e
           )
           SELECT e.*, row_to_json(b.*) AS balance FROM e, b`,
          [memberId, s.programId, s.tenantId, event.rows[0]?.id, earnedAt],
        );
        await client.query(
          `INSERT INTO outbox_events (tenant_id, type, payload) VALUES ($1::uuid, 'points.earned', $2::jsonb)`,
          [s.tenantId, JSON.stringify({ memberId, points: 47 })],
        );
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      } finally {
        client.release();
      }
    });
  try {
    await viaPg(); // warm-up of both paths' connections and plans
    await viaPrisma();
    const pgTps = await viaPg();
    const prismaTps = await viaPrisma();
    return { pgTps, prismaTps };
  } finally {
    await pool.end();
  }
}

/** `npm run bench -- accruals`: purchase accruals through the api against pgbench and raw pg, same Postgres. */
export async function benchAccruals(): Promise<Record<string, number>> {
  const dir = tempDir('bench-accruals');
  // Durable, as in production: fsync and synchronous commit on.
  const postgres = await startPostgres({ dataDir: join(dir.path, 'pg'), port: await freePort() });
  const prisma = createPrismaClient(postgres.url);
  let api: ReturnType<typeof spawnManaged> | undefined;
  try {
    await migrate(postgres.url);
    const s = await seed(prisma);
    const port = await freePort();
    api = spawnManaged('api', process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'api/src/server.ts')], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: postgres.url,
        API_HOST: '127.0.0.1',
        API_PORT: String(port),
        AUTH_TOKEN_SECRET: SECRET,
        LOG_LEVEL: 'warn',
        CLICKHOUSE_URL: 'http://127.0.0.1:9',
        TEMPORAL_ADDRESS: '127.0.0.1:9',
      },
      stopSignal: 'SIGTERM',
    });
    const url = `http://127.0.0.1:${port}`;
    await waitFor('api', async () => (await fetch(`${url}/healthz`)).ok, { timeoutMs: 60_000, process: api });

    await load(url, s.token, { seconds: 3 }); // warm-up: JIT, pools, rule cache
    const sustained = await load(url, s.token, { seconds: SECONDS });
    const fixed = await load(url, s.token, { seconds: SECONDS, rate: 1_000 });
    const pgbenchTps = await pgbench(postgres.url, s, SECONDS);
    const { pgTps, prismaTps } = await prismaVersusPg(postgres.url, prisma, s, Math.max(5, SECONDS / 2));

    const figures = {
      accruals_per_s: sustained.throughput,
      p50_ms: sustained.p50,
      p95_ms: sustained.p95,
      p99_ms: sustained.p99,
      errors: sustained.errors + fixed.errors,
      at_1000_per_s_achieved: fixed.throughput,
      at_1000_per_s_p95_ms: fixed.p95,
      at_1000_per_s_p99_ms: fixed.p99,
      pgbench_tps: pgbenchTps,
      ratio_to_pgbench: sustained.throughput / pgbenchTps,
      raw_pg_tx_per_s: pgTps,
      prisma_tx_per_s: prismaTps,
      prisma_ratio_to_raw_pg: prismaTps / pgTps,
    };
    printTable(
      `Purchase accruals through POST /v1/events, 3 rules, ${CONNECTIONS} connections (same Postgres, same run)`,
      [
        ['sustained throughput', figures.accruals_per_s, 'accruals/s  (target ≥ 1,500)'],
        ['p50', figures.p50_ms, 'ms'],
        ['p95', figures.p95_ms, 'ms'],
        ['p99', figures.p99_ms, 'ms'],
        ['at a fixed 1,000/s: achieved', figures.at_1000_per_s_achieved, 'req/s'],
        ['at a fixed 1,000/s: p95', figures.at_1000_per_s_p95_ms, 'ms  (target ≤ 20)'],
        ['pgbench, same writes', figures.pgbench_tps, 'tx/s'],
        ['api ÷ pgbench', figures.ratio_to_pgbench, '×  (target ≥ 0.6)'],
        ['accrual transaction, raw pg', figures.raw_pg_tx_per_s, 'tx/s'],
        ['accrual transaction, Prisma', figures.prisma_tx_per_s, 'tx/s'],
        ['Prisma ÷ raw pg', figures.prisma_ratio_to_raw_pg, '×  (target ≥ 0.8)'],
        ['non-2xx answers and errors', figures.errors, ''],
      ],
    );
    console.log(`\nwrote ${writeResults('accruals', figures)}`);
    return figures;
  } finally {
    await api?.stop();
    await prisma.$disconnect();
    await postgres.stop();
    dir.remove();
  }
}
