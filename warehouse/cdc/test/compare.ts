import { createHash } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import pg from 'pg';

// Reads a captured table on both sides as the same canonical rows, so tests can compare Postgres with the collapsed
// raw table (FINAL, `_deleted = 0`) value for value, or by a digest when the tables are large.

/** Postgres columns deliberately kept out of the warehouse. */
export const NOT_IN_WAREHOUSE: Readonly<Record<string, readonly string[]>> = {
  // The voucher or other code handed to the member is a bearer secret.
  redemptions: ['code'],
};

/** ClickHouse column types (Nullable and LowCardinality removed) that faithfully hold each Postgres type. */
export const COMPATIBLE: Readonly<Record<string, RegExp>> = {
  uuid: /^UUID$/,
  timestamptz: /^DateTime64\([36], 'UTC'\)$/,
  date: /^Date32$/,
  int2: /^Int16$/,
  int4: /^Int32$/,
  int8: /^Int64$/,
  bool: /^Bool$/,
  text: /^String$/,
  varchar: /^String$/,
  bpchar: /^String$/,
  jsonb: /^String$/,
  json: /^String$/,
  _text: /^Array\(String\)$/,
  _uuid: /^Array\(String\)$/,
};

export interface PgColumn {
  name: string;
  /** `udt_name`: `int4`, `timestamptz`, `_uuid` (arrays start with an underscore), an enum's own name… */
  udt: string;
  nullable: boolean;
  isEnum: boolean;
}

/** A captured table's columns on both sides: Postgres's in order, ClickHouse's types by name. */
export interface TableShape {
  table: string;
  pg: PgColumn[];
  ch: Map<string, string>;
}

/** `LowCardinality(Nullable(String))` → { base: 'String', nullable: true }. */
export function baseType(type: string): { base: string; nullable: boolean } {
  let base = type;
  let nullable = false;
  for (;;) {
    const inner = /^(LowCardinality|Nullable)\((.*)\)$/.exec(base);
    if (!inner) return { base, nullable };
    if (inner[1] === 'Nullable') nullable = true;
    base = inner[2]!;
  }
}

export async function tableShape(db: pg.Client, clickhouse: ClickHouseClient, table: string): Promise<TableShape> {
  const { rows } = await db.query<{ name: string; udt: string; nullable: string; enum: string }>(
    `SELECT c.column_name AS name, c.udt_name AS udt, c.is_nullable AS nullable, (t.typtype = 'e')::text AS enum
       FROM information_schema.columns c
       JOIN pg_type t ON t.typname = c.udt_name
      WHERE c.table_schema = 'public' AND c.table_name = $1
      ORDER BY c.ordinal_position`,
    [table],
  );
  const result = await clickhouse.query({
    query: "SELECT name, type FROM system.columns WHERE database = 'raw' AND table = {table:String}",
    query_params: { table },
    format: 'JSONEachRow',
  });
  const ch = new Map((await result.json<{ name: string; type: string }>()).map((c) => [c.name, c.type]));
  return {
    table,
    pg: rows.map((r) => ({ name: r.name, udt: r.udt, nullable: r.nullable === 'YES', isEnum: r.enum === 'true' })),
    ch,
  };
}

/**
 * A Postgres value in its text output (UTC session) as ClickHouse's toString shows the same value in `chType`:
 * timestamps without their zone and with the column's full fraction, booleans as words, arrays as their elements
 * (a null array is empty in ClickHouse).
 */
function canonical(value: unknown, column: PgColumn, chType: string): unknown {
  const { base } = baseType(chType);
  if (base.startsWith('Array(')) return value === null ? [] : value;
  if (value === null) return null;
  const text = String(value);
  const scale = /^DateTime64\((\d)/.exec(base)?.[1];
  if (scale) {
    const match = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)(?:\.(\d+))?[+-]\d\d(?::\d\d)?$/.exec(text);
    if (!match) throw new Error(`unexpected timestamp text ${text} in ${column.name}`);
    return `${match[1]}.${(match[2] ?? '').padEnd(Number(scale), '0')}`;
  }
  if (base === 'Bool') return text === 't' ? 'true' : 'false';
  return text;
}

const parseArray = pg.types.getTypeParser(1009 as Parameters<typeof pg.types.getTypeParser>[0]) as (
  text: string,
) => unknown[];

/** The columns both sides have, in Postgres's order. */
const shared = (shape: TableShape) => shape.pg.filter((c) => shape.ch.has(c.name));

/**
 * Every row of the Postgres table as ClickHouse would show it, one JSON array per row, sorted. `db` must return
 * Postgres's text output (`textClient`).
 */
export async function postgresRows(db: pg.Client, shape: TableShape): Promise<string[]> {
  const columns = shared(shape);
  const { rows } = await db.query<Record<string, unknown>>(`SELECT * FROM ${pg.escapeIdentifier(shape.table)}`);
  return rows
    .map((row) =>
      JSON.stringify(
        columns.map((c) => {
          const value = row[c.name];
          const parsed = c.udt.startsWith('_') && value !== null ? parseArray(value as string) : value;
          return canonical(parsed, c, shape.ch.get(c.name)!);
        }),
      ),
    )
    .sort();
}

/** Every row of the collapsed raw table (FINAL, not deleted), every value through toString, sorted. */
export async function clickhouseRows(clickhouse: ClickHouseClient, shape: TableShape): Promise<string[]> {
  const select = shared(shape).map((c) =>
    shape.ch.get(c.name)!.startsWith('Array(') ? `arrayMap(x -> toString(x), ${c.name})` : `toString(${c.name})`,
  );
  const result = await clickhouse.query({
    query: `SELECT ${select.join(', ')} FROM raw.${shape.table} FINAL WHERE _deleted = 0`,
    format: 'JSONCompactEachRow',
  });
  return (await result.json<unknown[]>()).map((row) => JSON.stringify(row)).sort();
}

/** Row count and SHA-256 of the sorted canonical rows: equal digests mean equal tables. */
export function digest(rows: readonly string[]): { rows: number; sha256: string } {
  const hash = createHash('sha256');
  for (const row of rows) hash.update(row).update('\n');
  return { rows: rows.length, sha256: hash.digest('hex') };
}

/** The first row one side has and the other lacks, to explain a differing digest. */
export function firstDifference(expected: readonly string[], actual: readonly string[]): string | undefined {
  const have = new Set(actual);
  const missing = expected.find((row) => !have.has(row));
  if (missing) return `missing in ClickHouse: ${missing}`;
  const want = new Set(expected);
  const extra = actual.find((row) => !want.has(row));
  return extra ? `not in Postgres: ${extra}` : undefined;
}
