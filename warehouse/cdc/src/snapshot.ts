import type { ClickHouseClient } from '@clickhouse/client';
import pg from 'pg';
import { importSnapshot, textClient } from './source.ts';
import { insertRawBatch, rawNames, toRawValues } from './values.ts';

/**
 * Version of rows copied by the snapshot. Below every streamed change on purpose: the stream carries exactly the
 * transactions committed after the snapshot, so any streamed version of a row is newer than its copy, even a change
 * whose own LSN precedes the slot's consistent point (a transaction that began before the slot and committed after).
 */
export const SNAPSHOT_VERSION = 0n;

export interface CopySnapshotOptions {
  databaseUrl: string;
  snapshotName: string;
  tables: readonly string[];
  clickhouse: ClickHouseClient;
  arrayTypes: ReadonlySet<number>;
  batchRows: number;
  log: (message: string) => void;
}

/**
 * Copies every row of `tables` as the exported snapshot sees them into the raw tables, `batchRows` at a time.
 * Returns the number of rows copied.
 */
export async function copySnapshot(options: CopySnapshotOptions): Promise<number> {
  const client = textClient(options.databaseUrl);
  await client.connect();
  let total = 0;
  try {
    await importSnapshot(client, options.snapshotName);
    for (const table of options.tables) {
      const started = performance.now();
      let copied = 0;
      await client.query(`DECLARE snapshot_rows NO SCROLL CURSOR FOR SELECT * FROM ${pg.escapeIdentifier(table)}`);
      for (;;) {
        const result = await client.query<Record<string, string | null>>(
          `FETCH FORWARD ${options.batchRows} FROM snapshot_rows`,
        );
        if (result.rows.length === 0) break;
        const columns = result.fields.map((field) => ({ name: field.name, typeOid: field.dataTypeID }));
        const rows = result.rows.map((row) => toRawValues(row, columns, options.arrayTypes, SNAPSHOT_VERSION, false));
        await insertRawBatch(options.clickhouse, table, { names: rawNames(columns), rows });
        copied += rows.length;
      }
      await client.query('CLOSE snapshot_rows');
      total += copied;
      options.log(`snapshot of ${table}: ${copied} rows in ${Math.round(performance.now() - started)} ms`);
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  return total;
}

/**
 * Deletes every copied row (`_version = 0`) from the raw tables before a new copy. Only snapshots write version 0, and
 * the new copy writes every row that still exists, so what goes is exactly what an earlier copy left behind: without
 * this, a row copied by a copy that was interrupted, then deleted before the copy was repeated, would stay in the
 * warehouse (its deletion precedes the new slot, so the stream never carries it).
 */
export async function clearCopiedRows(clickhouse: ClickHouseClient, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await clickhouse.command({ query: `DELETE FROM raw.${table} WHERE _version = ${SNAPSHOT_VERSION}` });
  }
}

/** Whether a completed snapshot is recorded for `slot`: false means copy (again) before streaming. */
export async function snapshotCompleted(clickhouse: ClickHouseClient, slot: string): Promise<boolean> {
  const result = await clickhouse.query({
    query:
      'SELECT argMax(completed, recorded_at) AS completed FROM monet_meta.cdc_snapshots WHERE slot_name = {slot:String}',
    query_params: { slot },
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ completed: number }>();
  return rows[0]?.completed === 1;
}

export async function recordSnapshot(
  clickhouse: ClickHouseClient,
  slot: string,
  completed: boolean,
  consistentPoint: string,
): Promise<void> {
  await clickhouse.insert({
    table: 'monet_meta.cdc_snapshots',
    values: [{ slot_name: slot, completed: completed ? 1 : 0, consistent_point: consistentPoint }],
    format: 'JSONEachRow',
  });
}
