import pg from 'pg';

/**
 * Postgres as the change stream's source: the publication, the slot, and the catalog facts the row mapping needs.
 * Every connection runs with TimeZone=UTC so timestamps arrive in UTC text.
 */
export const UTC_SESSION = '-c TimeZone=UTC';

const { escapeIdentifier, escapeLiteral } = pg;

/** A connection whose rows come back as Postgres's text output, the form the row mapping reads. */
export function textClient(databaseUrl: string): pg.Client {
  return new pg.Client({
    connectionString: databaseUrl,
    options: UTC_SESSION,
    types: { getTypeParser: () => (text: string) => text },
  });
}

/**
 * Creates the publication over `tables` if it is missing, adds tables it lacks, and gives every table REPLICA
 * IDENTITY FULL: deletes must carry `tenant_id` (the raw tables' first sort column, not part of the primary key), and
 * updates that leave a large (TOASTed) json column unchanged must still carry its value.
 * Only inserts, updates and deletes are published: a truncation has no per-row form in the raw tables.
 */
export async function ensurePublication(
  client: pg.Client,
  publication: string,
  tables: readonly string[],
): Promise<void> {
  const { rows } = await client.query<{ tablename: string }>(
    'SELECT tablename FROM pg_publication_tables WHERE pubname = $1',
    [publication],
  );
  const exists = (await client.query('SELECT 1 FROM pg_publication WHERE pubname = $1', [publication])).rowCount === 1;
  const published = new Set(rows.map((row) => row.tablename));
  const missing = tables.filter((table) => !published.has(table));
  const list = (names: readonly string[]) => names.map((name) => escapeIdentifier(name)).join(', ');
  if (!exists) {
    await client.query(
      `CREATE PUBLICATION ${escapeIdentifier(publication)} FOR TABLE ${list(tables)} ` +
        `WITH (publish = 'insert, update, delete')`,
    );
  } else if (missing.length > 0) {
    await client.query(`ALTER PUBLICATION ${escapeIdentifier(publication)} ADD TABLE ${list(missing)}`);
  }

  const { rows: identities } = await client.query<{ relname: string }>(
    `SELECT relname FROM pg_class
      WHERE relnamespace = 'public'::regnamespace AND relname = ANY($1) AND relreplident <> 'f'`,
    [tables],
  );
  for (const { relname } of identities) {
    await client.query(`ALTER TABLE ${escapeIdentifier(relname)} REPLICA IDENTITY FULL`);
  }
}

/** OIDs of every array type, so the mapping recognises arrays of any element type, enums included. */
export async function loadArrayTypes(client: pg.Client): Promise<Set<number>> {
  const { rows } = await client.query<{ oid: string }>("SELECT oid FROM pg_type WHERE typcategory = 'A'");
  return new Set(rows.map((row) => Number(row.oid)));
}

export async function slotExists(client: pg.Client, slot: string): Promise<boolean> {
  const { rowCount } = await client.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [slot]);
  return rowCount === 1;
}

export async function dropSlot(client: pg.Client, slot: string): Promise<void> {
  await client.query('SELECT pg_drop_replication_slot($1)', [slot]);
}

export interface ExportedSlot {
  /** The LSN from which the slot streams: every change committed after the snapshot. */
  consistentPoint: string;
  /** Valid for `SET TRANSACTION SNAPSHOT` until `release()`. */
  snapshotName: string;
  release(): Promise<void>;
}

/**
 * Creates the logical slot on a replication connection and exports its snapshot: a transaction that imports it sees
 * exactly the rows committed before the slot's consistent point, so the copy and the stream neither overlap nor miss.
 */
export async function createSlotWithSnapshot(databaseUrl: string, slot: string): Promise<ExportedSlot> {
  // `replication` is a connection parameter pg passes on but does not declare.
  const config = { connectionString: databaseUrl, replication: 'database', options: UTC_SESSION };
  const replication = new pg.Client(config as pg.ClientConfig);
  await replication.connect();
  try {
    const { rows } = await replication.query<{ consistent_point: string; snapshot_name: string }>(
      `CREATE_REPLICATION_SLOT ${escapeIdentifier(slot)} LOGICAL pgoutput (SNAPSHOT 'export')`,
    );
    const created = rows[0]!;
    return {
      consistentPoint: created.consistent_point,
      snapshotName: created.snapshot_name,
      release: () => replication.end(),
    };
  } catch (err) {
    await replication.end();
    throw err;
  }
}

/** Begins a read-only transaction on `client` that sees the exported snapshot. */
export async function importSnapshot(client: pg.Client, snapshotName: string): Promise<void> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  await client.query(`SET TRANSACTION SNAPSHOT ${escapeLiteral(snapshotName)}`);
}
