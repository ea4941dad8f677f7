import pg from 'pg';

// The writer of the crash test, run as its own process: inserts, updates and deletes over members, events,
// ledger_entries and balances in transactions of mixed sizes (a few larger than a CDC batch, a few rolled back), until
// WRITER_CHANGES row changes are committed, at about WRITER_RATE changes per second. It prints `progress <n>` after
// each commit and `done <n>` at the end. Deterministic for a given WRITER_SEED.

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const DATABASE_URL = env('DATABASE_URL');
const TENANT = env('WRITER_TENANT');
const PROGRAM = env('WRITER_PROGRAM');
const TARGET = Number(env('WRITER_CHANGES'));
const RATE = Number(env('WRITER_RATE'));

/** mulberry32: a small seeded generator, so a failing run can be repeated. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const next = random(Number(env('WRITER_SEED')));
const pick = <T>(items: readonly T[], n: number): T[] =>
  Array.from({ length: n }, () => items[Math.floor(next() * items.length)]!);
/** Removes and returns up to `n` random items. */
const take = <T>(items: T[], n: number): T[] =>
  Array.from({ length: Math.min(n, items.length) }, () => items.splice(Math.floor(next() * items.length), 1)[0]!);

const db = new pg.Client({ connectionString: DATABASE_URL });
await db.connect();

const members = (await db.query<{ id: string }>('SELECT id FROM members ORDER BY id')).rows.map((r) => r.id);
const withBalance = (await db.query<{ id: string }>('SELECT member_id AS id FROM balances ORDER BY 1')).rows.map(
  (r) => r.id,
);
const hasBalance = new Set(withBalance);
/** Members that no balance references: the ones that may be deleted. */
const deletable = members.filter((id) => !hasBalance.has(id));
const events: string[] = [];
const entries: string[] = [];
let counter = 0;
let seq = 1_000_000;

async function changed(sql: string, params: unknown[]): Promise<number> {
  return (await db.query(sql, params)).rowCount ?? 0;
}

async function insertMembers(n: number): Promise<number> {
  const ids = Array.from({ length: n }, () => `w-${++counter}`);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO members (tenant_id, external_id, email, attributes, tags, updated_at)
     SELECT $1, x, x || '@example.com', jsonb_build_object('source', 'writer'), ARRAY['new'], now()
       FROM unnest($2::text[]) AS x
     RETURNING id`,
    [TENANT, ids],
  );
  for (const { id } of rows) {
    members.push(id);
    deletable.push(id);
  }
  return rows.length;
}

async function insertEvents(n: number): Promise<number> {
  const externalIds = Array.from({ length: n }, () => `e-${++counter}`);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO events (tenant_id, program_id, member_id, external_id, type, occurred_at, amount_minor, currency,
                         line_items)
     SELECT $1, $2, m, x, 'purchase', now() - (a || ' minutes')::interval, a, 'EUR',
            jsonb_build_array(jsonb_build_object('sku', 'tea', 'qty', a % 5 + 1))
       FROM unnest($3::uuid[], $4::text[], $5::int[]) AS t(m, x, a)
     RETURNING id`,
    [TENANT, PROGRAM, pick(members, n), externalIds, externalIds.map(() => Math.floor(next() * 10_000))],
  );
  for (const { id } of rows) events.push(id);
  return rows.length;
}

async function insertEntries(n: number): Promise<number> {
  const seqs = Array.from({ length: n }, () => ++seq);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO ledger_entries (tenant_id, member_id, program_id, seq, kind, points, rule_version_ids, reason)
     SELECT $1, m, $2, s, 'accrual', s % 500, ARRAY[gen_random_uuid()], NULL
       FROM unnest($3::uuid[], $4::int[]) AS t(m, s)
     RETURNING id`,
    [TENANT, PROGRAM, pick(members, n), seqs],
  );
  for (const { id } of rows) entries.push(id);
  return rows.length;
}

/** About 90 changes over four tables, one member updated three times in a row among them. */
async function mixed(): Promise<number> {
  let n = 0;
  n += await insertMembers(10);
  n += await changed(
    `UPDATE members SET attributes = jsonb_build_object('visits', $2::int), tags = ARRAY['regular', $2::text],
            email = id::text || '-' || $2 || '@example.com', updated_at = now()
      WHERE id = ANY($1)`,
    [pick(members, 10), ++counter],
  );
  const busy = pick(members, 1);
  for (let i = 0; i < 3; i += 1) {
    n += await changed(`UPDATE members SET first_name = $2, updated_at = now() WHERE id = ANY($1)`, [busy, `v${i}`]);
  }
  n += await insertEvents(25);
  n += await insertEntries(25);
  n += await changed(
    `UPDATE events SET attributes = jsonb_build_object('corrected', $2::int), channel = 'pos' WHERE id = ANY($1)`,
    [pick(events, 5), ++counter],
  );
  n += await changed(
    `UPDATE balances SET available = available + 10, lifetime_earned = lifetime_earned + 10, seq = seq + 1,
            updated_at = now()
      WHERE member_id = ANY($1) AND program_id = $2`,
    [pick(withBalance, 5), PROGRAM],
  );
  n += await changed('DELETE FROM events WHERE id = ANY($1)', [take(events, 3)]);
  n += await changed('DELETE FROM ledger_entries WHERE id = ANY($1)', [take(entries, 3)]);
  n += await changed('DELETE FROM members WHERE id = ANY($1)', [take(deletable, 2)]);
  return n;
}

/** A transaction larger than a CDC batch: 6,000 entries, 1,000 of them updated before it commits. */
async function bulk(): Promise<number> {
  const before = entries.length;
  let n = await insertEntries(6_000);
  n += await changed(`UPDATE ledger_entries SET reason = 'bulk audit' WHERE id = ANY($1)`, [
    entries.slice(before, before + 1_000),
  ]);
  return n;
}

let written = 0;
const t0 = performance.now();
while (written < TARGET) {
  const roll = next();
  await db.query('BEGIN');
  if (roll < 0.01) {
    // Rolled back: none of it may reach the warehouse. Its ids are forgotten again.
    const lengths = [members, deletable, events, entries].map((ids) => ids.length);
    await insertMembers(10);
    await insertEvents(25);
    await insertEntries(25);
    await db.query('ROLLBACK');
    for (const [i, ids] of [members, deletable, events, entries].entries()) ids.splice(lengths[i]!);
    continue;
  }
  const n = roll < 0.015 && TARGET - written > 10_000 ? await bulk() : await mixed();
  await db.query('COMMIT');
  written += n;
  console.log(`progress ${written}`);
  const ahead = written / RATE - (performance.now() - t0) / 1000;
  if (ahead > 0) await new Promise((resolve) => setTimeout(resolve, ahead * 1000));
}
console.log(`done ${written}`);
await db.end();
