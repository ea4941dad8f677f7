import type { ClickHouseClient } from '@clickhouse/client';
import type { GatewayHandle } from '@loyaltystudio/engines';
import { startTestGateway } from '@loyaltystudio/engines/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickHouseClient } from '../../src/clickhouse/client.ts';
import { insertRowBinary, RowBinaryBatch, rawColumns } from '../src/rowbinary.ts';
import { columnEncoder } from '../src/rowbinary-columns.ts';

// Each type's RowBinary encoding checked against chDB itself: values in Postgres's text output (a UTC session) are
// encoded, inserted through the gateway, and read back with toString.

/** Column, ClickHouse type, Postgres text values (null for SQL null), and what toString shows for each. */
const CASES: [string, string, (string | null)[], (string | string[] | null)[]][] = [
  ['s', 'String', ["Ada\tof\nLovelace \\ 'x'\r", 'Café ☕', ''], ["Ada\tof\nLovelace \\ 'x'\r", 'Café ☕', '']],
  ['lc', 'LowCardinality(String)', ['active', 'x'.repeat(300)], ['active', 'x'.repeat(300)]],
  ['lcn', 'LowCardinality(Nullable(String))', ['a', null], ['a', null]],
  [
    'u',
    'UUID',
    ['01234567-89ab-cdef-0123-456789abcdef', '6B4C8A1E-2F3D-4C5B-9A8E-7F6D5C4B3A21'],
    ['01234567-89ab-cdef-0123-456789abcdef', '6b4c8a1e-2f3d-4c5b-9a8e-7f6d5c4b3a21'],
  ],
  [
    'nu',
    'Nullable(UUID)',
    [null, '00000000-0000-4000-8000-000000000001'],
    [null, '00000000-0000-4000-8000-000000000001'],
  ],
  [
    'ts3',
    "DateTime64(3, 'UTC')",
    [
      '2026-11-25 00:21:45.123+00',
      '2025-12-31 23:00:00.001+00',
      '1969-12-31 23:59:59.5+00',
      '2026-02-01 10:00:00+05:30',
    ],
    ['2026-11-25 00:21:45.123', '2025-12-31 23:00:00.001', '1969-12-31 23:59:59.500', '2026-02-01 04:30:00.000'],
  ],
  [
    'ts6',
    "Nullable(DateTime64(6, 'UTC'))",
    ['2026-04-01 12:00:00.123456+00', null, '2026-04-01 12:00:00+00'],
    ['2026-04-01 12:00:00.123456', null, '2026-04-01 12:00:00.000000'],
  ],
  ['dt', "DateTime('UTC')", ['2026-03-04 05:06:07+00'], ['2026-03-04 05:06:07']],
  ['d32', 'Nullable(Date32)', ['1990-02-28', '1900-01-01', null], ['1990-02-28', '1900-01-01', null]],
  ['d', 'Date', ['2026-12-31'], ['2026-12-31']],
  ['i16', 'Int16', ['-32768', '32767'], ['-32768', '32767']],
  ['i32', 'Nullable(Int32)', ['-2147483648', '2147483647', null], ['-2147483648', '2147483647', null]],
  [
    'i64',
    'Int64',
    ['-9223372036854775808', '9223372036854775807', '-4599', '123456789012345'],
    ['-9223372036854775808', '9223372036854775807', '-4599', '123456789012345'],
  ],
  ['u8', 'UInt8', ['t', 'f', '200'], ['1', '0', '200']],
  ['u16', 'UInt16', ['65535'], ['65535']],
  ['u64', 'UInt64', ['18446744073709551615', '42'], ['18446744073709551615', '42']],
  ['b', 'Bool', ['t', 'f'], ['true', 'false']],
  ['f32', 'Float32', ['1.5', '-0.25'], ['1.5', '-0.25']],
  [
    'f64',
    'Float64',
    ['3.141592653589793', 'NaN', '-Infinity', '1e+20'],
    ['3.141592653589793', 'nan', '-inf', '100000000000000000000'],
  ],
  ['dec', 'Decimal(18, 2)', ['-12.345', '7', '0.5'], ['-12.34', '7', '0.5']],
  ['dec38', 'Decimal(38, 4)', ['12345678901234567890.12'], ['12345678901234567890.12']],
  [
    'arr',
    'Array(String)',
    ['{vip,"big spender","a,b","it\'s \\\\ a\ttab",NULL}', '{}', null],
    [['vip', 'big spender', 'a,b', "it's \\ a\ttab", ''], [], []],
  ],
  [
    'arru',
    'Array(UUID)',
    ['{6b4c8a1e-2f3d-4c5b-9a8e-7f6d5c4b3a21,00000000-0000-4000-8000-000000000001}'],
    [['6b4c8a1e-2f3d-4c5b-9a8e-7f6d5c4b3a21', '00000000-0000-4000-8000-000000000001']],
  ],
  // toString drops a FixedString's trailing zero bytes; a wrong length would misalign every later value.
  ['fs', 'FixedString(3)', ['EUR', 'ab'], ['EUR', 'ab']],
];

describe('RowBinary from Postgres text, read back by chDB', () => {
  let gateway: GatewayHandle;
  let clickhouse: ClickHouseClient;

  beforeAll(async () => {
    gateway = await startTestGateway();
    clickhouse = createClickHouseClient({ url: gateway.url, username: 'monet', password: 'monet' });
    await clickhouse.command({ query: 'CREATE DATABASE IF NOT EXISTS raw' });
  });

  afterAll(async () => {
    await clickhouse?.close();
    await gateway?.stop();
  });

  it.each(CASES)('%s %s', async (name, type, values, expected) => {
    const table = `rb_${name}`;
    await clickhouse.command({
      query: `CREATE TABLE raw.${table} (n UInt32, v ${type}, _synced_at DateTime64(3, 'UTC') DEFAULT now64(3))
              ENGINE = MergeTree ORDER BY n`,
    });
    const [columns] = (await rawColumns(clickhouse, [table])).values();
    const encoder = columnEncoder(columns?.get('v') as string);
    const n = columnEncoder('UInt32');
    const batch = new RowBinaryBatch(table, ['n', 'v']);
    values.forEach((value, i) => {
      const index = Buffer.from(String(i));
      batch.value(n, index, 0, index.length);
      if (value === null) {
        batch.null(encoder);
      } else {
        // Inside a larger buffer, as values lie in a replication message.
        const bytes = Buffer.from(`xx${value}yy`);
        batch.value(encoder, bytes, 2, bytes.length - 2);
      }
      batch.rows += 1;
    });
    await insertRowBinary(clickhouse, batch);
    const read = type.startsWith('Array(') ? 'arrayMap(x -> toString(x), v)' : 'toString(v)';
    const result = await clickhouse.query({
      query: `SELECT ${read} AS v FROM raw.${table} ORDER BY n`,
      format: 'JSONEachRow',
    });
    const rows = await result.json<{ v: unknown }>();
    expect(rows.map((row) => row.v)).toEqual(expected);
  });

  it('refuses a type it cannot encode, naming it', () => {
    expect(() => columnEncoder('Map(String, UInt64)')).toThrow('Map(String, UInt64)');
    expect(() => columnEncoder("Enum8('a' = 1)")).toThrow('Enum8');
  });
});
