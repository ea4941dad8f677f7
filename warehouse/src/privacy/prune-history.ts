import type { ClickHouseClient } from '@clickhouse/client';
import { sql } from '../reports/sql.ts';
import { RAW_PERSONAL_DATA } from './personal-data.ts';
import { existingTables, type MutationOptions, mutate, type Params, rowCount } from './statements.ts';

/**
 * The old versions one tenant's rows no longer need in a raw table: each version superseded by a newer one that
 * arrived before `{before}` (an email changed more than the retention ago), and every version of a row whose
 * deletion arrived before `{before}` (the deletion carries the whole old row). The newest version of a live row is
 * never selected, so collapsed reads (`FINAL`, then `_deleted = 0`) are unchanged.
 */
export function supersededPredicate(table: string): string {
  return sql`
    tenant_id = {tenant:UUID}
      AND (
        (id, _version) IN (
          SELECT versions.id, versions._version
          FROM raw.${table} AS versions
          INNER JOIN (
            SELECT id, max(_version) AS superseding
            FROM raw.${table}
            WHERE tenant_id = {tenant:UUID} AND _synced_at < {before:DateTime64(3, 'UTC')}
            GROUP BY id
          ) AS newer ON versions.id = newer.id
          WHERE versions.tenant_id = {tenant:UUID} AND versions._version < newer.superseding
        )
        OR id IN (
          SELECT id
          FROM raw.${table}
          WHERE tenant_id = {tenant:UUID}
          GROUP BY id
          HAVING argMax(_deleted, _version) = 1 AND argMax(_synced_at, _version) < {before:DateTime64(3, 'UTC')}
        )
      )`;
}

/** `2026-03-01 12:00:00.000`: a DateTime64(3) parameter in UTC. */
export const dateTime64 = (at: Date): string => at.toISOString().replace('T', ' ').replace('Z', '');

/**
 * Deletes one tenant's superseded versions (see `supersededPredicate`) from each raw table holding personal data,
 * and answers how many rows went from each. A table with nothing to delete is not mutated. Safe to repeat.
 */
export async function pruneHistory(
  client: ClickHouseClient,
  { tenantId, before }: { tenantId: string; before: Date },
  options?: MutationOptions,
): Promise<Record<string, number>> {
  const tables = await existingTables(
    client,
    'raw',
    RAW_PERSONAL_DATA.map((t) => t.table),
  );
  const params: Params = { tenant: tenantId, before: dateTime64(before) };
  const deleted: Record<string, number> = {};
  for (const { table } of RAW_PERSONAL_DATA) {
    if (!tables.has(table)) continue;
    const where = supersededPredicate(table);
    deleted[table] = await rowCount(client, `raw.${table}`, where, params);
    if (deleted[table] > 0) {
      await mutate(
        client,
        { database: 'raw', table },
        `ALTER TABLE raw.${table} DELETE WHERE ${where}`,
        params,
        options,
      );
    }
  }
  return deleted;
}
