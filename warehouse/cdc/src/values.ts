import type { ClickHouseClient } from '@clickhouse/client';
import pg from 'pg';

/** Postgres type OIDs whose text form needs converting for ClickHouse; every other type travels as its text. */
const BOOL = 16;
const INT2 = 21;
const INT4 = 23;
const FLOAT4 = 700;
const FLOAT8 = 701;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;
const TEXT_ARRAY = 1009;

/** Parses any one-dimensional Postgres array literal (`{a,"b c",NULL}`) into its elements' text. */
export const parseArray = pg.types.getTypeParser(TEXT_ARRAY as Parameters<typeof pg.types.getTypeParser>[0]) as (
  text: string,
) => (string | null)[];

export type ClickHouseValue = string | number | boolean | null | ClickHouseValue[];

/**
 * One column value, from Postgres's text output (sessions run with TimeZone=UTC) to what ClickHouse's JSON formats
 * read into the matching raw column: integers as numbers (int8 and numeric stay strings, ClickHouse parses them
 * exactly), timestamps without the zone suffix, arrays as JSON arrays of text, json/jsonb, uuid, enums and text as
 * the text itself. `arrayTypes` holds the OIDs of Postgres array types (category 'A').
 */
export function toClickHouse(text: string | null, typeOid: number, arrayTypes: ReadonlySet<number>): ClickHouseValue {
  if (text === null) return null;
  if (arrayTypes.has(typeOid)) return parseArray(text) as ClickHouseValue[];
  switch (typeOid) {
    case BOOL:
      return text === 't';
    case INT2:
    case INT4:
    case FLOAT4:
    case FLOAT8:
      return Number(text);
    case TIMESTAMP:
    case TIMESTAMPTZ:
      // '2026-11-25 00:21:45.123+00' → '2026-11-25 00:21:45.123'; the session's TimeZone is UTC.
      return text.replace(/[+-]\d\d(:\d\d)?$/, '');
    default:
      return text;
  }
}

/** A relation's column as the consumer needs it: its name and Postgres type. */
export interface SourceColumn {
  name: string;
  typeOid: number;
}

/**
 * Rows of one raw table that share their columns, as ClickHouse's JSONCompactEachRowWithNames reads them: the column
 * names once, then each row as an array of values in that order. Arrays instead of objects halve what the consumer
 * allocates and encodes per change; ClickHouse skips names its table lacks (`input_format_skip_unknown_fields`).
 */
export interface RawBatch {
  names: string[];
  rows: ClickHouseValue[][];
}

/** The names of a raw batch for these source columns: theirs, then `_version` and `_deleted`. */
export function rawNames(columns: readonly SourceColumn[]): string[] {
  return [...columns.map((column) => column.name), '_version', '_deleted'];
}

/**
 * Maps one source row (text values by column name) to its raw-table values in `columns` order, then `_version`
 * (decimal UInt64) and `_deleted`; no other transformation. A column a key-only tuple did not carry is null, which
 * ClickHouse reads as the column's default.
 */
export function toRawValues(
  values: Record<string, string | null | undefined>,
  columns: readonly SourceColumn[],
  arrayTypes: ReadonlySet<number>,
  version: bigint,
  deleted: boolean,
): ClickHouseValue[] {
  const row: ClickHouseValue[] = new Array(columns.length + 2);
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i] as SourceColumn;
    const text = values[column.name];
    row[i] = text === undefined ? null : toClickHouse(text, column.typeOid, arrayTypes);
  }
  row[columns.length] = version.toString();
  row[columns.length + 1] = deleted ? 1 : 0;
  return row;
}

/** Writes a raw batch to `raw.<table>`. */
export async function insertRawBatch(clickhouse: ClickHouseClient, table: string, batch: RawBatch): Promise<void> {
  await clickhouse.insert({
    table: `raw.${table}`,
    values: [batch.names, ...batch.rows],
    format: 'JSONCompactEachRowWithNames',
    clickhouse_settings: { input_format_skip_unknown_fields: 1 },
  });
}

/** A Postgres LSN ('16/B374D848') as the unsigned 64-bit number it stands for. */
export function lsnToBigInt(lsn: string): bigint {
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(lsn);
  if (!match) throw new Error(`Not a Postgres LSN: '${lsn}'`);
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

export function bigIntToLsn(value: bigint): string {
  return `${(value >> 32n).toString(16).toUpperCase()}/${(value & 0xffffffffn).toString(16).toUpperCase()}`;
}
