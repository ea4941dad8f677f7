import type { ClickHouseClient } from '@clickhouse/client';
import { sql } from '../reports/sql.ts';
import { erasedPseudonym, MART_PERSONAL_DATA, RAW_PERSONAL_DATA } from './personal-data.ts';
import { existingTables, type MutationOptions, mutate, type Params, rowCount } from './statements.ts';

export interface MemberRef {
  tenantId: string;
  memberId: string;
}

/** The change stream has not written the member's erased version into `raw.members` yet: try again later. */
export class ErasureNotStreamedError extends Error {
  constructor(ref: MemberRef) {
    super(`raw.members holds no erased version of member ${ref.memberId} of tenant ${ref.tenantId} yet`);
    this.name = 'ErasureNotStreamedError';
  }
}

/**
 * The first version of the member that the change stream wrote after the erasure (`status = 'erased'`), or null.
 * The erasure transaction rewrites the member row first and the member's other rows after it, so every version
 * written before the erasure is below this one, and every rewritten row has a version at or above it.
 */
export function erasedVersionQuery({ tenantId, memberId }: MemberRef) {
  return {
    sql: sql`
      SELECT toString(minOrNull(_version)) AS version
      FROM raw.members
      WHERE tenant_id = {tenant:UUID} AND id = {member:UUID} AND status = 'erased'`,
    params: { tenant: tenantId, member: memberId },
  };
}

/**
 * The earlier versions of the member's rows in one raw table: rows the erasure rewrote (they have a version at or
 * above the erased one), each version below it. Bound to the tenant, the member and the version; nothing about the
 * person is in the statement, so ClickHouse's record of the mutation holds ids only.
 */
export function earlierVersionsPredicate(table: string, memberRows: string): string {
  return sql`
    tenant_id = {tenant:UUID}
      AND _version < {version:UInt64}
      AND id IN (
        SELECT id FROM raw.${table}
        WHERE tenant_id = {tenant:UUID} AND _version >= {version:UInt64} AND ${memberRows}
      )`;
}

/**
 * Deletes every version of the member's rows that the change stream wrote before the erasure, from each raw table
 * that holds personal data (`RAW_PERSONAL_DATA`), and answers how many rows went from each. `ALTER TABLE … DELETE`
 * rewrites the parts holding those rows, and this returns once they are rewritten (see `mutate`): the rows are gone
 * from the data, not masked (as a lightweight `DELETE` would leave them until a merge). The replaced parts' files
 * are removed by ClickHouse's cleanup after `old_parts_lifetime`. Safe to repeat. Throws `ErasureNotStreamedError`
 * while the erased version has not arrived.
 */
export async function eraseMemberHistory(
  client: ClickHouseClient,
  ref: MemberRef,
  options?: MutationOptions,
): Promise<Record<string, number>> {
  const tables = await existingTables(
    client,
    'raw',
    RAW_PERSONAL_DATA.map((t) => t.table),
  );
  if (!tables.has('members')) throw new Error('raw.members does not exist: apply the warehouse DDL (monet migrate)');
  const erased = await client.query({ ...toQuery(erasedVersionQuery(ref)), format: 'JSONEachRow' });
  const [{ version } = { version: null }] = await erased.json<{ version: string | null }>();
  if (version === null) throw new ErasureNotStreamedError(ref);

  const params: Params = {
    tenant: ref.tenantId,
    member: ref.memberId,
    pseudonym: erasedPseudonym(ref.memberId),
    version,
  };
  const deleted: Record<string, number> = {};
  for (const { table, memberRows } of RAW_PERSONAL_DATA) {
    if (!tables.has(table)) continue;
    const where = earlierVersionsPredicate(table, memberRows);
    deleted[table] = await rowCount(client, `raw.${table}`, where, params);
    if (deleted[table] === 0) continue;
    await mutate(client, { database: 'raw', table }, `ALTER TABLE raw.${table} DELETE WHERE ${where}`, params, options);
    const left = await rowCount(client, `raw.${table}`, where, params);
    if (left > 0) throw new Error(`raw.${table} still holds ${left} earlier versions of the member after the delete`);
  }
  return deleted;
}

/**
 * Overwrites the member's personal columns in the marts that carry them (`MART_PERSONAL_DATA`) with their erased
 * values, as the next dbt build would write them, and answers how many rows changed per mart. Marts not built yet
 * are skipped. Safe to repeat.
 */
export async function eraseMemberMarts(
  client: ClickHouseClient,
  ref: MemberRef,
  options?: MutationOptions,
): Promise<Record<string, number>> {
  const marts = await existingTables(
    client,
    'marts',
    MART_PERSONAL_DATA.map((m) => m.mart),
  );
  const params: Params = { tenant: ref.tenantId, member: ref.memberId, pseudonym: erasedPseudonym(ref.memberId) };
  const changed: Record<string, number> = {};
  for (const { mart, erased } of MART_PERSONAL_DATA) {
    if (!marts.has(mart)) continue;
    const columns = Object.entries(erased);
    const where = sql`
      tenant_id = {tenant:UUID} AND member_id = {member:UUID}
        AND (${columns.map(([column, value]) => `${column} != ${value}`).join(' OR ')})`;
    changed[mart] = await rowCount(client, `marts.${mart}`, where, params);
    if (changed[mart] === 0) continue;
    const set = columns.map(([column, value]) => `${column} = ${value}`).join(', ');
    await mutate(
      client,
      { database: 'marts', table: mart },
      `ALTER TABLE marts.${mart} UPDATE ${set} WHERE ${where}`,
      params,
      options,
    );
    const left = await rowCount(client, `marts.${mart}`, where, params);
    if (left > 0) throw new Error(`marts.${mart} still holds the member's personal columns after the update`);
  }
  return changed;
}

function toQuery(q: { sql: string; params: Params }) {
  return { query: q.sql, query_params: q.params };
}
