// `npm run bench -- import`: events imported per second from a generated orders file (BENCH_ORDERS, default
// 1,000,000; the results file records the size), against the demo seed's COPY writer in the same run and Postgres.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { join } from 'node:path';
import { type AuthContext, createImportsService, DEFAULT_IMPORT_SETTINGS } from '@loyaltystudio/api/core';
import { createImportProgram } from '@loyaltystudio/api/testing/imports';
import { seedByCopy } from '@loyaltystudio/cli/seed';
import { freePort, startPostgres } from '@loyaltystudio/engines';
import { tempDir } from '@loyaltystudio/engines/testing';
import { createPrismaClient, migrate, type PrismaClient } from '@loyaltystudio/prisma';
import { printTable, writeResults } from './results.ts';

const DAY = 86_400_000;

/** A seeded generator (mulberry32), so two runs import the same file. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A merchant's export: `orders` purchases over two years by orders/12 customers (a few regulars, many occasional),
 * amounts right-skewed around €25, and 2% of them refunded in full or in half a few days later.
 */
export function ordersFile(orders: number, until: Date): { csv: string; events: number } {
  const next = random(7);
  const customers = Math.max(1, Math.ceil(orders / 12));
  const from = until.getTime() - 730 * DAY;
  const lines = ['order_id,customer_id,kind,created,total_cents,currency,refund_of'];
  let events = 0;
  for (let i = 0; i < orders; i++) {
    // Squaring skews customers towards the low ids: those are the regulars.
    const customer = Math.floor(next() ** 2 * customers);
    const at = from + Math.floor(next() * (730 - 6) * DAY);
    const amount = 200 + Math.floor(-Math.log(1 - next()) * 2_300);
    lines.push(`o${i},c${customer},purchase,${new Date(at).toISOString()},${amount},EUR,`);
    events++;
    if (next() < 0.02) {
      const refund = next() < 0.5 ? amount : Math.floor(amount / 2);
      const refundAt = new Date(at + (1 + Math.floor(next() * 5)) * DAY).toISOString();
      lines.push(`r${i},c${customer},refund,${refundAt},${refund},EUR,o${i}`);
      events++;
    }
  }
  return { csv: lines.join('\n'), events };
}

/** A tenant with the program the import earns in: 1 point per euro, two tiers, points expiring after a year. */
async function merchant(prisma: PrismaClient): Promise<AuthContext> {
  const tenant = await prisma.tenant.create({
    data: { slug: `bench-${randomUUID().slice(0, 8)}`, name: 'Bench', timeZone: 'Europe/Paris', currency: 'EUR' },
  });
  await createImportProgram(prisma, tenant.id, {
    name: 'Rewards',
    expiryDays: 365,
    tiers: [
      [1, 'Silver', 300, 125],
      [2, 'Gold', 1_000, 150],
    ],
  });
  return { tenantId: tenant.id, actor: { type: 'user', id: randomUUID(), role: 'owner', sessionId: randomUUID() } };
}

export async function benchImport(): Promise<Record<string, number>> {
  const orders = Number(process.env.BENCH_ORDERS ?? 1_000_000);
  const loadAtStart = os.loadavg()[0]!;
  const dir = tempDir('bench-import');
  const postgres = await startPostgres({ dataDir: join(dir.path, 'pg'), port: await freePort() });
  const prisma = createPrismaClient(postgres.url);
  const until = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1));
  try {
    await migrate(postgres.url);
    // The reference: the demo seed's COPY writer, about as many events (a member makes ~20 over 24 months).
    const demoMembers = Math.max(250, Math.round(orders / 20));
    let t0 = performance.now();
    const demo = await seedByCopy(prisma, postgres.url, { members: demoMembers, months: 24, seed: 1, until });
    const demoSeconds = (performance.now() - t0) / 1000;

    const file = ordersFile(orders, until);
    const auth = await merchant(prisma);
    const imports = createImportsService({
      prisma,
      settings: { ...DEFAULT_IMPORT_SETTINGS, databaseUrl: postgres.url },
      log: { error: (obj, msg) => console.error(msg, obj) },
    });
    const body = {
      orders: { format: 'csv' as const, content: file.csv },
      mapping: {
        orders: {
          externalId: 'order_id',
          memberExternalId: 'customer_id',
          type: 'kind',
          occurredAt: 'created',
          amountMinor: 'total_cents',
          refundOf: 'refund_of',
        },
      },
    };
    t0 = performance.now();
    const dry = await imports.create(auth, { ...body, dryRun: true }, randomUUID());
    const drySeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const started = await imports.create(auth, body, randomUUID());
    const id = started.body.id!;
    await imports.settled(id);
    const importSeconds = (performance.now() - t0) / 1000;
    const row = await prisma.import.findUniqueOrThrow({ where: { id } });
    if (row.status !== 'succeeded') throw new Error(`the import ${row.status}: ${row.error}`);
    const [rows] = await prisma.$queryRaw<{ entries: bigint; lots: bigint; members: bigint }[]>`
      SELECT (SELECT count(*) FROM ledger_entries WHERE tenant_id = ${auth.tenantId}::uuid) AS entries,
             (SELECT count(*) FROM point_lots WHERE tenant_id = ${auth.tenantId}::uuid) AS lots,
             (SELECT count(*) FROM members WHERE tenant_id = ${auth.tenantId}::uuid) AS members`;

    const importRate = row.eventsDone / importSeconds;
    const demoRate = demo.events / demoSeconds;
    const figures = {
      orders,
      events: row.eventsDone,
      members: Number(rows!.members),
      ledger_entries: Number(rows!.entries),
      lots: Number(rows!.lots),
      import_seconds: Math.round(importSeconds * 10) / 10,
      import_events_per_s: Math.round(importRate),
      dry_run_seconds: Math.round(drySeconds * 10) / 10,
      dry_run_events_per_s: Math.round(dry.body.progress.eventsTotal / drySeconds),
      demo_writer_members: demo.members,
      demo_writer_events: demo.events,
      demo_writer_seconds: Math.round(demoSeconds * 10) / 10,
      demo_writer_events_per_s: Math.round(demoRate),
      import_to_demo_writer: Math.round((importRate / demoRate) * 100) / 100,
      target_events_per_s: 20_000,
      load_average_at_start: Math.round(loadAtStart * 100) / 100,
      load_average_at_end: Math.round(os.loadavg()[0]! * 100) / 100,
    };
    printTable(
      `import of ${orders.toLocaleString('en')} orders (load ${figures.load_average_at_start} → ${figures.load_average_at_end})`,
      [
        ['import', figures.import_events_per_s, `events/s (${figures.import_seconds} s, target ≥ 20,000)`],
        ['dry run', figures.dry_run_events_per_s, `events/s (${figures.dry_run_seconds} s: read, check, replay)`],
        ['demo COPY writer', figures.demo_writer_events_per_s, `events/s (${figures.demo_writer_seconds} s)`],
        ['import ÷ demo writer', figures.import_to_demo_writer, '×'],
      ],
    );
    console.log(`\nwrote ${writeResults('import', figures)}`);
    return figures;
  } finally {
    await prisma.$disconnect();
    await postgres.stop();
    dir.remove();
  }
}
