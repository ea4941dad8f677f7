import type { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';

/** A read of the marts: SQL whose every value is a `{name:Type}` placeholder, and the values bound to them. */
export interface SqlQuery {
  sql: string;
  params: Record<string, unknown>;
}

/** Runs report queries; the api's reader adds its limits and maps engine failures to its own errors. */
export interface MartReader {
  rows<T>(query: SqlQuery): Promise<T[]>;
}

/** Limits every report query runs under. */
export interface ReadLimits {
  /** max_execution_time, in seconds. */
  timeoutSeconds: number;
  /** max_result_rows; a larger result fails with TOO_MANY_ROWS_OR_BYTES rather than being cut short silently. */
  maxResultRows: number;
}

/** Reads marts over ClickHouse's HTTP interface, with the limits applied as query settings. */
export function clickhouseMartReader(client: ClickHouseClient, limits: ReadLimits): MartReader {
  const settings: ClickHouseSettings = {
    max_execution_time: limits.timeoutSeconds,
    max_result_rows: String(limits.maxResultRows),
    result_overflow_mode: 'throw',
    // Money and points are Int64; they stay far below 2^53, so plain JSON numbers are exact.
    output_format_json_quote_64bit_integers: 0,
    // Timestamps as ISO 8601 in UTC, as the api speaks them.
    date_time_output_format: 'iso',
  };
  return {
    async rows<T>(query: SqlQuery): Promise<T[]> {
      const result = await client.query({
        query: query.sql,
        query_params: query.params,
        format: 'JSONEachRow',
        clickhouse_settings: settings,
      });
      return result.json<T>();
    },
  };
}
