import type { ClickHouseClient } from '@clickhouse/client';

/** Query parameters: values only ever travel this way, never in the SQL text. */
export type Params = Record<string, string | number>;

/** The parameters a statement names (`{name:Type}`): ClickHouse refuses none, but only these are sent. */
function used(statement: string, params: Params): Params {
  const names = new Set([...statement.matchAll(/\{(\w+):/g)].map((m) => m[1]));
  return Object.fromEntries(Object.entries(params).filter(([name]) => names.has(name)));
}

/** Which of these tables exist in the database. */
export async function existingTables(
  client: ClickHouseClient,
  database: string,
  names: string[],
): Promise<Set<string>> {
  const result = await client.query({
    query: 'SELECT name FROM system.tables WHERE database = {database:String} AND name IN {names:Array(String)}',
    query_params: { database, names },
    format: 'JSONEachRow',
  });
  return new Set((await result.json<{ name: string }>()).map((r) => r.name));
}

/** Rows of `table` matching `where`. */
export async function rowCount(
  client: ClickHouseClient,
  table: string,
  where: string,
  params: Params,
): Promise<number> {
  const query = `SELECT count() AS n FROM ${table} WHERE ${where}`;
  const result = await client.query({
    query,
    query_params: used(query, params),
    format: 'JSONEachRow',
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  });
  const [row] = await result.json<{ n: number }>();
  return Number(row?.n ?? 0);
}

export interface MutationOptions {
  /** How often to look whether the mutation is done, in ms. */
  pollMs?: number;
  /** Called at each look (an activity heartbeats here). */
  onPoll?: () => void;
}

/**
 * Runs a mutation (`ALTER TABLE <database>.<table> DELETE` or `UPDATE`) and returns once ClickHouse has rewritten
 * every part it touches, as `mutations_sync = 2` would, without holding one HTTP request open for as long as that
 * takes on a large table: the statement is sent asynchronously, then the mutations it created are followed in
 * `system.mutations` until done. A mutation that fails throws, without ClickHouse's reason (which may quote data).
 */
export async function mutate(
  client: ClickHouseClient,
  target: { database: string; table: string },
  statement: string,
  params: Params,
  { pollMs = 200, onPoll }: MutationOptions = {},
): Promise<void> {
  const mutations = async () => {
    const result = await client.query({
      query: `SELECT mutation_id, is_done, latest_fail_reason != '' AS failed FROM system.mutations
              WHERE database = {database:String} AND table = {table:String}`,
      query_params: target,
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    return result.json<{ mutation_id: string; is_done: number; failed: number }>();
  };
  const before = new Set((await mutations()).map((m) => m.mutation_id));
  await client.command({
    query: statement,
    query_params: used(statement, params),
    clickhouse_settings: { mutations_sync: '0' },
  });
  for (;;) {
    const mine = (await mutations()).filter((m) => !before.has(m.mutation_id));
    if (mine.some((m) => m.failed && !m.is_done)) {
      throw new Error(`a mutation of ${target.database}.${target.table} failed: see system.mutations`);
    }
    if (mine.every((m) => m.is_done)) return;
    onPoll?.();
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
