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

/**
 * Runs a mutation (`ALTER TABLE … DELETE` or `UPDATE`) and returns once it is done on every replica
 * (`mutations_sync = 2`); a mutation that fails throws.
 */
export async function mutate(client: ClickHouseClient, statement: string, params: Params): Promise<void> {
  await client.command({
    query: statement,
    query_params: used(statement, params),
    clickhouse_settings: { mutations_sync: '2' },
  });
}
