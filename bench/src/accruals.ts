import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  type AccrualContext,
  type AccrualWrites,
  claimKey,
  createAccessTokens,
  eventsRepository,
  requestHash,
  tenantFirstStatement,
  withTenantFirst,
} from '@loyaltystudio/api/core';
import { freePort, REPO_ROOT, spawnManaged, startPostgres, waitFor } from '@loyaltystudio/engines';
import { serviceArgs } from '@loyaltystudio/engines/service-bundles';
import { tempDir } from '@loyaltystudio/engines/testing';
import { createPrismaClient, migrate, type Prisma, type PrismaClient, statementName } from '@loyaltystudio/prisma';
import pg from 'pg';
import { CONNECTIONS, load, MEMBERS, paced, purchase } from './accruals-load.ts';
import { writeMembers } from './accruals-members.ts';
import { processCpuMs, treeCpuMs } from './cpu.ts';
import { printTable, resultsName, writeResults } from './results.ts';

const PGBENCH = '/usr/lib/postgresql/15/bin/pgbench';
const SECRET = 'accruals-benchmark-secret-0123456789abcdef';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
/** Connections of each pool: the api's Prisma pool and the raw pg pool of the Prisma-versus-pg comparison. */
const POOL_MAX = 10;

type AccrualContextRow = Parameters<typeof eventsRepository.parseAccrualContext>[0];

interface Seed {
  tenantId: string;
  programId: string;
  token: string;
  memberIds: string[];
}

/** A tenant with one program, 3 active rules that all match a store purchase of drinks, and MEMBERS members. */
async function seed(prisma: PrismaClient, url: string): Promise<Seed> {
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
  // Balances exist in steady state; pgbench updates them and cannot create them.
  const memberIds = await writeMembers(url, { tenantId: tenant.id, programId: program.id }, MEMBERS);
  return { tenantId: tenant.id, programId: program.id, token, memberIds };
}

/** pgbench running `script` with as many clients as autocannon has connections; transactions per second. */
async function pgbench(url: string, s: Seed, seconds: number, script: string): Promise<number> {
  const u = new URL(url);
  const { stdout } = await promisify(execFile)(
    PGBENCH,
    [
      ...['-h', u.hostname, '-p', u.port, '-U', u.username, '-n', '-M', 'prepared'],
      ...['-c', String(CONNECTIONS), '-j', '2', '-T', String(seconds)],
      ...['-D', `tenant=${s.tenantId}`, '-D', `program=${s.programId}`, '-D', `members=${MEMBERS}`],
      ...['-f', join(REPO_ROOT, 'bench', script), u.pathname.slice(1)],
    ],
    { env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) } },
  );
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
  if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
  return Number(tps[1]);
}

/**
 * The accrual hot path's transaction (see the ledger README): BEGIN; claim the idempotency key, read the program,
 * member and rule versions, lock the balance (one statement, carrying the tenant settings); write the event, ledger
 * entry, lot, balance, outbox event and stored response (one statement); COMMIT. Run through Prisma exactly as the
 * api runs it, and as the same prepared statements with the same parameters through node-postgres: transactions per second with
 * `concurrency` writers on distinct members, each pool holding POOL_MAX connections.
 */
async function prismaVersusPg(url: string, prisma: PrismaClient, s: Seed, seconds: number) {
  const concurrency = 16;
  const ROUNDS = 3;
  const points = 47;
  const statements = (memberId: string) => {
    const body = purchase(0);
    const args = { tenantId: s.tenantId, key: randomUUID(), operation: 'POST /v1/events', body };
    const first = (tenantCte: Prisma.Sql) =>
      eventsRepository.accrualContext(tenantCte, {
        tenantId: s.tenantId,
        programId: null,
        member: { id: memberId },
        claim: claimKey(args, requestHash(body)),
      });
    const writes = (ctx: AccrualContext): AccrualWrites => {
      if (!ctx.claimed || !ctx.balance) throw new Error(`member ${memberId} has no balance to lock`);
      const eventId = randomUUID();
      const earnedAt = new Date();
      const response = { eventId, points, available: ctx.balance.available + points };
      return {
        event: {
          id: eventId,
          tenantId: s.tenantId,
          programId: s.programId,
          memberId,
          externalId: body.externalId,
          type: 'purchase',
          customType: null,
          occurredAt: earnedAt,
          amountMinor: body.amountMinor,
          currency: body.currency,
          channel: body.channel,
          lineItems: body.lineItems,
          attributes: {},
          refundOfEventId: null,
          pointsByRule: {},
        },
        credit: { tenantId: s.tenantId, memberId, programId: s.programId, kind: 'accrual', points, eventId, earnedAt },
        outbox: { type: 'points.earned', payload: { memberId, ...response } },
        response: { tenantId: s.tenantId, key: args.key, status: 201, body: response },
      };
    };
    return { first, writes };
  };
  const run = async (one: (memberId: string) => Promise<void>) => {
    let done = 0;
    const end = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async (_, w) => {
        for (let i = w; performance.now() < end; i += concurrency) {
          await one(s.memberIds[i % s.memberIds.length]!);
          done += 1;
        }
      }),
    );
    return done / seconds;
  };
  const viaPrisma = async (memberId: string) => {
    const { first, writes } = statements(memberId);
    await withTenantFirst(prisma, s.tenantId, first, async (tx, row: AccrualContextRow) => {
      const written = await eventsRepository.recordAccrual(tx, writes(eventsRepository.parseAccrualContext(row)));
      if (!written.inserted) throw new Error('the event was not inserted');
    });
  };
  const pool = new pg.Pool({ connectionString: url, max: POOL_MAX });
  // Prepared under the names Prisma gives them, as a careful raw pg implementation would.
  const prepared = (q: Prisma.Sql) => ({ name: statementName({ sql: q.text }), text: q.text, values: q.values });
  const viaPg = async (memberId: string) => {
    const { first, writes } = statements(memberId);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const a = tenantFirstStatement(s.tenantId, first);
      const { rows } = await client.query<AccrualContextRow & { tenantSet: string }>(prepared(a.statement));
      if (rows[0]?.tenantSet !== a.tenantSet) throw new Error('the tenant settings did not run');
      const b = eventsRepository.accrualWrites(writes(eventsRepository.parseAccrualContext(rows[0])));
      const written = await client.query<{ inserted: boolean }>(prepared(b));
      if (!written.rows[0]?.inserted) throw new Error('the event was not inserted');
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      client.release();
    }
  };
  try {
    // Rounds alternate, so a change in the machine's load falls on both sides; the first round warms up.
    let pgTps = 0;
    let prismaTps = 0;
    for (let round = 0; round <= ROUNDS; round++) {
      const pgRound = await run(viaPg);
      const prismaRound = await run(viaPrisma);
      if (round > 0) {
        pgTps += pgRound / ROUNDS;
        prismaTps += prismaRound / ROUNDS;
      }
    }
    return { pgTps, prismaTps };
  } finally {
    await pool.end();
  }
}

/** The statements Postgres spent most time on during the sustained phase (pg_stat_statements), per accrual. */
async function printStatements(prisma: PrismaClient, accrued: number) {
  const rows = await prisma.$queryRawUnsafe<{ calls: bigint; total_ms: number; query: string }[]>(
    `SELECT calls, total_exec_time + total_plan_time AS total_ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 140) AS query
     FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 12`,
  );
  console.log('\npg_stat_statements, sustained phase: calls per accrual, ms per accrual, statement');
  for (const r of rows) {
    console.log(`  ${(Number(r.calls) / accrued).toFixed(2)}  ${(r.total_ms / accrued).toFixed(3)}  ${r.query}`);
  }
}

/** `npm run bench -- accruals`: purchase accruals through the api against pgbench and raw pg, same Postgres. */
export async function benchAccruals(): Promise<Record<string, number>> {
  const loadAtStart = os.loadavg()[0]!;
  const dir = tempDir('bench-accruals');
  // Durable, as in production: fsync and synchronous commit on. BENCH_PG_STATS=1 prints the statements' costs.
  const pgStats = process.env.BENCH_PG_STATS === '1';
  const postgres = await startPostgres({
    dataDir: join(dir.path, 'pg'),
    port: await freePort(),
    settings: pgStats ? { shared_preload_libraries: 'pg_stat_statements' } : undefined,
  });
  const prisma = createPrismaClient(postgres.url);
  let api: ReturnType<typeof spawnManaged> | undefined;
  try {
    await migrate(postgres.url);
    const s = await seed(prisma, postgres.url);
    const port = await freePort();
    // BENCH_CPU_PROF=<dir> writes the api's CPU profile there (open it in Chrome DevTools or speedscope).
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    const serverArgs = [...profile, ...serviceArgs('api').args];
    api = spawnManaged('api', process.execPath, serverArgs, {
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
    if (pgStats) await prisma.$executeRawUnsafe('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    if (pgStats) await prisma.$queryRawUnsafe('SELECT pg_stat_statements_reset()');
    // CPU per accrual: the api's process and Postgres's (server and backends) over the sustained phase.
    const cpuBefore = { api: processCpuMs(api.child.pid!), pg: treeCpuMs(postgres.process.child.pid!) };
    const sustained = await load(url, s.token, { seconds: SECONDS });
    const accrued = sustained.throughput * SECONDS;
    const nodeCpuMs = (processCpuMs(api.child.pid!) - cpuBefore.api) / accrued;
    const postgresCpuMs = (treeCpuMs(postgres.process.child.pid!) - cpuBefore.pg) / accrued;
    if (pgStats) await printStatements(prisma, accrued);
    // The paced load is sent by this process: its CPU per request says whether it, rather than the api, ran short.
    const before = { generator: process.cpuUsage(), api: processCpuMs(api.child.pid!) };
    const fixed = await paced(url, s.token, { seconds: SECONDS, rate: 1_000 });
    const sent = fixed.throughput * SECONDS;
    const generator = process.cpuUsage(before.generator);
    const pacedGeneratorCpuMs = (generator.user + generator.system) / 1000 / sent;
    const pacedApiCpuMs = (processCpuMs(api.child.pid!) - before.api) / sent;
    // Latency below saturation, whatever this machine sustains: at half the sustained throughput.
    const halfRate = Math.max(1, Math.round(sustained.throughput / 2));
    const half = await paced(url, s.token, { seconds: SECONDS, rate: halfRate });
    const pgbenchTps = await pgbench(postgres.url, s, SECONDS, 'accruals.pgbench.sql');
    const pgbenchAllTps = await pgbench(postgres.url, s, SECONDS, 'accruals-full.pgbench.sql');
    const { pgTps, prismaTps } = await prismaVersusPg(postgres.url, prisma, s, Math.max(2, SECONDS / 4));

    const figures = {
      accruals_per_s: sustained.throughput,
      p50_ms: sustained.p50,
      p95_ms: sustained.p95,
      p99_ms: sustained.p99,
      node_cpu_ms_per_accrual: nodeCpuMs,
      postgres_cpu_ms_per_accrual: postgresCpuMs,
      errors: sustained.errors + fixed.errors + half.errors,
      at_1000_per_s_achieved: fixed.throughput,
      at_1000_per_s_p95_ms: fixed.p95,
      at_1000_per_s_p99_ms: fixed.p99,
      at_1000_per_s_generator_cpu_ms_per_request: pacedGeneratorCpuMs,
      at_1000_per_s_api_cpu_ms_per_request: pacedApiCpuMs,
      at_half_sustained_rate: halfRate,
      at_half_sustained_p50_ms: half.p50,
      at_half_sustained_p95_ms: half.p95,
      pgbench_tps: pgbenchTps,
      ratio_to_pgbench: sustained.throughput / pgbenchTps,
      pgbench_all_statements_tps: pgbenchAllTps,
      ratio_to_pgbench_all_statements: sustained.throughput / pgbenchAllTps,
      raw_pg_tx_per_s: pgTps,
      prisma_tx_per_s: prismaTps,
      prisma_ratio_to_raw_pg: prismaTps / pgTps,
      // Other work on the machine skews every figure: the 1-minute load average when the run started and ended.
      load_average_at_start: loadAtStart,
      load_average_at_end: os.loadavg()[0]!,
      members: MEMBERS,
    };
    printTable(
      `Purchase accruals through POST /v1/events, 3 rules, ${CONNECTIONS} connections (same Postgres, same run)`,
      [
        ['sustained throughput', figures.accruals_per_s, 'accruals/s  (target ≥ 1,500)'],
        ['p50', figures.p50_ms, 'ms'],
        ['p95', figures.p95_ms, 'ms'],
        ['p99', figures.p99_ms, 'ms'],
        ['api (Node) CPU per accrual, sustained', figures.node_cpu_ms_per_accrual, 'ms  (target ≤ 0.4)'],
        ['Postgres CPU per accrual, sustained', figures.postgres_cpu_ms_per_accrual, 'ms'],
        ['at a fixed 1,000/s: achieved', figures.at_1000_per_s_achieved, 'req/s'],
        ['at a fixed 1,000/s: p95', figures.at_1000_per_s_p95_ms, 'ms  (target ≤ 20)'],
        ['at a fixed 1,000/s: load generator CPU', figures.at_1000_per_s_generator_cpu_ms_per_request, 'ms/request'],
        ['at a fixed 1,000/s: api CPU', figures.at_1000_per_s_api_cpu_ms_per_request, 'ms/request'],
        [`at half the sustained rate (${halfRate}/s): p50`, figures.at_half_sustained_p50_ms, 'ms'],
        [`at half the sustained rate (${halfRate}/s): p95`, figures.at_half_sustained_p95_ms, 'ms'],
        ['pgbench, same writes', figures.pgbench_tps, 'tx/s'],
        ['api ÷ pgbench', figures.ratio_to_pgbench, '×  (target ≥ 0.4)'],
        ['pgbench, all the api’s statements', figures.pgbench_all_statements_tps, 'tx/s'],
        ['api ÷ that pgbench', figures.ratio_to_pgbench_all_statements, '×'],
        ['accrual transaction, raw pg', figures.raw_pg_tx_per_s, 'tx/s'],
        ['accrual transaction, Prisma', figures.prisma_tx_per_s, 'tx/s'],
        ['Prisma ÷ raw pg', figures.prisma_ratio_to_raw_pg, '×  (target ≥ 0.8)'],
        ['non-2xx answers and errors', figures.errors, ''],
        ['load average (1 min) at start', figures.load_average_at_start, `on ${os.cpus().length} cores`],
        ['load average (1 min) at end', figures.load_average_at_end, ''],
      ],
    );
    console.log(`\nwrote ${writeResults(resultsName('accruals'), figures)}`);
    return figures;
  } finally {
    await api?.stop();
    await prisma.$disconnect();
    await postgres.stop();
    dir.remove();
  }
}
