import type { SqlQuery } from '@loyaltystudio/warehouse';
import { MARTS, type MartName } from './exports.marts.ts';

/** The temporary table of a ClickHouse session that holds a static segment's member ids while it is exported. */
export const SEGMENT_MEMBERS_TABLE = '_segment_members';

/**
 * What one export reads: an allow-listed mart, some of its columns, optionally a range of its date column, and
 * optionally a segment's members: a dynamic segment's compiled condition (its values bound), or a static one's ids
 * in SEGMENT_MEMBERS_TABLE of the query's session.
 */
export interface ExportSelection {
  mart: MartName;
  columns: readonly string[];
  range?: { from: string; to: string };
  segment?: { condition: string; params: Record<string, unknown> } | { table: typeof SEGMENT_MEMBERS_TABLE };
}

const ident = (name: string) => `\`${name}\``;

/**
 * The WHERE clause: the tenant first (the marts' sort key starts with it), then the range. Identifiers come from
 * the allow-list only; a name outside it is a bug in the caller and throws rather than reaching SQL.
 */
function where(s: ExportSelection): string {
  const spec = MARTS[s.mart];
  for (const column of s.columns) {
    if (!Object.hasOwn(spec.columns, column)) throw new Error(`${column} is not a column of ${s.mart}`);
  }
  const conditions = ['tenant_id = {tenant:UUID}'];
  if (s.range) {
    if (!('date' in spec)) throw new Error(`${s.mart} has no date column to filter on`);
    conditions.push(`${spec.date.day} BETWEEN {from:Date} AND {to:Date}`);
  }
  if (s.segment) {
    if (!Object.hasOwn(spec.columns, 'member_id')) throw new Error(`${s.mart} has no member_id to select a segment by`);
    conditions.push(
      'table' in s.segment ? `member_id IN ${SEGMENT_MEMBERS_TABLE}` : s.segment.condition.split('\n').join('\n  '),
    );
  }
  return `WHERE ${conditions.join('\n  AND ')}`;
}

function params(tenantId: string, s: ExportSelection): Record<string, unknown> {
  return {
    ...(s.segment && 'params' in s.segment && s.segment.params),
    tenant: tenantId,
    ...(s.range && { from: s.range.from, to: s.range.to }),
  };
}

/** The rows of the export, in the mart's grain order; the output format is the caller's (FORMAT or the client's). */
export function exportQuery(tenantId: string, s: ExportSelection): SqlQuery {
  const sql = [
    `SELECT ${s.columns.map(ident).join(', ')}`,
    `FROM marts.${ident(s.mart)}`,
    where(s),
    `ORDER BY ${MARTS[s.mart].orderBy.map(ident).join(', ')}`,
  ].join('\n');
  return { sql, params: params(tenantId, s) };
}

/** How many rows the export will hold: the end of its progress, and the check of a format's row limit. */
export function exportCountQuery(tenantId: string, s: ExportSelection): SqlQuery {
  return { sql: `SELECT count() AS rows\nFROM marts.${ident(s.mart)}\n${where(s)}`, params: params(tenantId, s) };
}

/** The columns of the mart as built: none when dbt has not built it yet. */
export function builtColumnsQuery(mart: MartName): SqlQuery {
  return {
    sql: "SELECT name, type\nFROM system.columns\nWHERE database = 'marts' AND table = {mart:String}\nORDER BY position",
    params: { mart },
  };
}
