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
const parseArray = pg.types.getTypeParser(TEXT_ARRAY as Parameters<typeof pg.types.getTypeParser>[0]) as (
  text: string,
) => (string | null)[];

export type ClickHouseValue = string | number | boolean | null | ClickHouseValue[];

/**
 * One column value, from Postgres's text output (sessions run with TimeZone=UTC) to what ClickHouse's JSONEachRow
 * reads into the matching raw column: integers as numbers (int8 and numeric stay strings, ClickHouse parses them
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

/** A raw-table row: the source row's columns, then `_version` (decimal UInt64) and `_deleted`. */
export type RawRow = Record<string, ClickHouseValue>;

/** Maps one source row (text values by column name) to its raw-table row; no other transformation. */
export function toRawRow(
  values: Record<string, string | null | undefined>,
  columns: readonly SourceColumn[],
  arrayTypes: ReadonlySet<number>,
  version: bigint,
  deleted: boolean,
): RawRow {
  const row: RawRow = {};
  for (const column of columns) {
    const text = values[column.name];
    // undefined: a key-only tuple left the column out; ClickHouse fills its default.
    if (text !== undefined) row[column.name] = toClickHouse(text, column.typeOid, arrayTypes);
  }
  row._version = version.toString();
  row._deleted = deleted ? 1 : 0;
  return row;
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
