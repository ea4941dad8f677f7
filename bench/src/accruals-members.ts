import pg from 'pg';

/** Purchases each member already has when an accrual benchmark starts: the tables an accrual writes are not empty. */
export const HISTORY_PER_MEMBER = 2;
/** Members one statement writes: the time of each statement stays the same at any size. */
const CHUNK = 250_000;
/** Member ids the in-process comparison (Prisma against raw pg) draws from, at random over every member. */
const SAMPLE = 100_000;

/**
 * Writes `members` members m1..mN of a tenant's program in Postgres, each with HISTORY_PER_MEMBER past purchases (an
 * event, its accrual ledger entry and point lot) and the balance that sums them, by set-based statements (COPY-like
 * speed; creating millions through Prisma would take hours). Runs as the database owner, before the api starts.
 * Returns a random sample of the member ids.
 */
export async function writeMembers(
  url: string,
  s: { tenantId: string; programId: string },
  members: number,
): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let first = 1; first <= members; first += CHUNK) {
      const last = Math.min(members, first + CHUNK - 1);
      const values = [s.tenantId, s.programId, first, last, HISTORY_PER_MEMBER];
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO members (tenant_id, external_id, enrolled_at, created_at, updated_at)
         SELECT $1::uuid, 'm' || n, now() - interval '400 days', now() - interval '400 days', now()
         FROM generate_series($2::int, $3::int) AS n`,
        [s.tenantId, first, last],
      );
      // One purchase of 42 points per history slot k, k × 30 days ago (so the oldest has seq 1).
      await client.query(
        `WITH m AS (
           SELECT id, external_id FROM members
           WHERE tenant_id = $1::uuid AND external_id = ANY(SELECT 'm' || n FROM generate_series($3::int, $4::int) n)
         ), e AS (
           INSERT INTO events (tenant_id, program_id, member_id, external_id, type, occurred_at, amount_minor, currency)
           SELECT $1::uuid, $2::uuid, m.id, 'h-' || m.external_id || '-' || k, 'purchase',
             now() - (k * 30 || ' days')::interval, 4200, 'EUR'
           FROM m CROSS JOIN generate_series(1, $5::int) AS k
           RETURNING id, member_id, occurred_at, external_id
         ), l AS (
           INSERT INTO ledger_entries (tenant_id, member_id, program_id, seq, kind, points, event_id, effective_at,
             created_at)
           SELECT $1::uuid, e.member_id, $2::uuid, $5::int + 1 - split_part(e.external_id, '-', 3)::int, 'accrual', 42, e.id,
             e.occurred_at, e.occurred_at
           FROM e
           RETURNING id, member_id, created_at
         )
         INSERT INTO point_lots (tenant_id, member_id, program_id, ledger_entry_id, earned_at, points, remaining)
         SELECT $1::uuid, l.member_id, $2::uuid, l.id, l.created_at, 42, 42 FROM l`,
        values,
      );
      await client.query(
        `INSERT INTO balances (tenant_id, member_id, program_id, available, lifetime_earned, seq, updated_at)
         SELECT $1::uuid, id, $2::uuid, 42 * $5::int, 42 * $5::int, $5::int, now() FROM members
         WHERE tenant_id = $1::uuid AND external_id = ANY(SELECT 'm' || n FROM generate_series($3::int, $4::int) n)`,
        values,
      );
      await client.query('COMMIT');
    }
    await client.query('ANALYZE');
    const { rows } = await client.query<{ id: string }>(
      'SELECT id FROM members WHERE tenant_id = $1::uuid ORDER BY random() LIMIT $2',
      [s.tenantId, SAMPLE],
    );
    return rows.map((r) => r.id);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}
