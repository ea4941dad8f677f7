import { describe, expect, it } from 'vitest';
import { bigIntToLsn, lsnToBigInt, rawNames, toClickHouse, toRawValues } from './values.ts';

const ARRAYS = new Set([1009, 2951]);

describe('toClickHouse', () => {
  it('keeps nulls, text, uuids, enums and json as they are', () => {
    expect(toClickHouse(null, 23, ARRAYS)).toBeNull();
    expect(toClickHouse('Ada', 25, ARRAYS)).toBe('Ada');
    expect(toClickHouse('6b4c8a1e-2f3d-4c5b-9a8e-7f6d5c4b3a21', 2950, ARRAYS)).toBe(
      '6b4c8a1e-2f3d-4c5b-9a8e-7f6d5c4b3a21',
    );
    expect(toClickHouse('purchase', 91_234, ARRAYS)).toBe('purchase');
    expect(toClickHouse('{"sku": "a;b", "qty": 2}', 3802, ARRAYS)).toBe('{"sku": "a;b", "qty": 2}');
  });

  it('turns small integers, floats and booleans into JSON numbers and booleans; int8 and numeric stay exact text', () => {
    expect(toClickHouse('-42', 23, ARRAYS)).toBe(-42);
    expect(toClickHouse('7', 21, ARRAYS)).toBe(7);
    expect(toClickHouse('1.5', 701, ARRAYS)).toBe(1.5);
    expect(toClickHouse('t', 16, ARRAYS)).toBe(true);
    expect(toClickHouse('f', 16, ARRAYS)).toBe(false);
    expect(toClickHouse('9223372036854775807', 20, ARRAYS)).toBe('9223372036854775807');
    expect(toClickHouse('12345678901234567890.12', 1700, ARRAYS)).toBe('12345678901234567890.12');
  });

  it('drops the UTC suffix of timestamps and keeps their fraction', () => {
    expect(toClickHouse('2026-11-25 00:21:45.123+00', 1184, ARRAYS)).toBe('2026-11-25 00:21:45.123');
    expect(toClickHouse('2026-11-25 00:21:45+00', 1184, ARRAYS)).toBe('2026-11-25 00:21:45');
    expect(toClickHouse('2026-11-25 00:21:45.5', 1114, ARRAYS)).toBe('2026-11-25 00:21:45.5');
    expect(toClickHouse('1990-02-28', 1082, ARRAYS)).toBe('1990-02-28');
  });

  it('parses array literals, quoting and NULL elements included', () => {
    expect(toClickHouse('{}', 1009, ARRAYS)).toEqual([]);
    expect(toClickHouse('{vip,"big spender","a,b",NULL}', 1009, ARRAYS)).toEqual(['vip', 'big spender', 'a,b', null]);
    expect(toClickHouse('{6b4c8a1e-2f3d-4c5b-9a8e-7f6d5c4b3a21}', 2951, ARRAYS)).toEqual([
      '6b4c8a1e-2f3d-4c5b-9a8e-7f6d5c4b3a21',
    ]);
  });
});

describe('toRawValues', () => {
  const columns = [
    { name: 'tenant_id', typeOid: 2950 },
    { name: 'points', typeOid: 23 },
    { name: 'rule_version_ids', typeOid: 2951 },
  ];

  it('maps every column in order and appends the version and the deleted flag', () => {
    expect(rawNames(columns)).toEqual(['tenant_id', 'points', 'rule_version_ids', '_version', '_deleted']);
    const row = toRawValues(
      { tenant_id: 't-1', points: '120', rule_version_ids: '{r-1,r-2}' },
      columns,
      ARRAYS,
      lsnToBigInt('16/B374D848'),
      false,
    );
    expect(row).toEqual(['t-1', 120, ['r-1', 'r-2'], '97500059720', 0]);
  });

  it('gives null, the column default, for columns a key-only tuple did not carry', () => {
    expect(toRawValues({ tenant_id: 't-1' }, columns, ARRAYS, 7n, true)).toEqual(['t-1', null, null, '7', 1]);
  });
});

describe('lsnToBigInt', () => {
  it('joins the two halves into one 64-bit number', () => {
    expect(lsnToBigInt('0/0')).toBe(0n);
    expect(lsnToBigInt('0/1A')).toBe(26n);
    expect(lsnToBigInt('FFFFFFFF/FFFFFFFF')).toBe(18_446_744_073_709_551_615n);
  });

  it('refuses anything else', () => {
    expect(() => lsnToBigInt('16-B374D848')).toThrow("Not a Postgres LSN: '16-B374D848'");
  });
});

describe('bigIntToLsn', () => {
  it('is the inverse of lsnToBigInt', () => {
    expect(bigIntToLsn(97_500_059_720n)).toBe('16/B374D848');
    expect(bigIntToLsn(lsnToBigInt('0/0'))).toBe('0/0');
    expect(bigIntToLsn(lsnToBigInt('1/0') - 1n)).toBe('0/FFFFFFFF');
  });
});
