import { describe, expect, it } from 'vitest';
import { findInsertData, formatClause, intoOutfile, leadingWords } from './sql.ts';

function dataOf(text: string): string | undefined {
  const found = findInsertData(text);
  return found && text.slice(found.dataStart);
}

describe('findInsertData', () => {
  it('finds the rows after FORMAT, skipping one newline as ClickHouse does', () => {
    const text = 'INSERT INTO t FORMAT JSONEachRow\n{"a":1}\n';
    expect(findInsertData(text)).toEqual({ format: 'JSONEachRow', infileAt: 14, queryEnd: 32, dataStart: 33 });
    expect(dataOf('INSERT INTO t FORMAT CSV 1,2\n')).toBe('1,2\n');
    expect(dataOf('INSERT INTO t FORMAT CSV\r\n\n1,2')).toBe('\n1,2');
  });

  it('ignores FORMAT inside comments, strings, quoted identifiers and brackets', () => {
    const text = [
      'INSERT INTO `FORMAT x` -- FORMAT CSV',
      '/* FORMAT TSV /* nested */ FORMAT TSV */ (a, b) SETTINGS s = \'FORMAT Values\', t = "FORMAT"',
      'FORMAT RowBinary\n\u0001\u0002',
    ].join('\n');
    const found = findInsertData(text);
    expect(found?.format).toBe('RowBinary');
    expect(text.slice(found?.infileAt)).toMatch(/^SETTINGS s = /);
    expect(text.slice(found?.dataStart)).toBe('\u0001\u0002');
  });

  it('puts FROM INFILE before SETTINGS, else before FORMAT', () => {
    const text = 'insert into t (a) format Native';
    const found = findInsertData(text);
    expect(text.slice(0, found?.infileAt)).toBe('insert into t (a) ');
    expect(text.slice(found?.infileAt, found?.queryEnd)).toBe('format Native');
  });

  it("finds the rows of INSERT ... SELECT ... FROM input('structure'), and the call and FORMAT to rewrite", () => {
    const text =
      "INSERT INTO t SELECT {run:UUID}, id, p FROM input('id UInt32, p Float32') SETTINGS s = 1 FORMAT RowBinary\n\u0001";
    const found = findInsertData(text);
    expect(found?.format).toBe('RowBinary');
    expect(text.slice(found?.dataStart)).toBe('\u0001');
    const input = found?.input;
    expect(text.slice(input?.start, input?.end)).toBe("input('id UInt32, p Float32')");
    expect(text.slice(input?.argsStart, input?.argsEnd)).toBe("'id UInt32, p Float32'");
    expect(text.slice(input?.end, input?.formatAt)).toBe(' SETTINGS s = 1 ');
    expect(findInsertData('INSERT INTO t FORMAT CSV\n1')?.input).toBeUndefined();
  });

  it('leaves statements the engine reads whole alone', () => {
    expect(findInsertData('INSERT INTO t VALUES (1)')).toBeUndefined();
    expect(findInsertData('INSERT INTO t SELECT * FROM s FORMAT CSV')).toBeUndefined();
    expect(findInsertData("INSERT INTO t FROM INFILE 'x' FORMAT CSV")).toBeUndefined();
    expect(findInsertData('SELECT 1 FORMAT JSON')).toBeUndefined();
    expect(findInsertData("INSERT INTO t SELECT format('{}', 1)")).toBeUndefined();
  });
});

describe('formatClause', () => {
  it('finds the top-level FORMAT clause, not a function or a setting', () => {
    expect(formatClause('SELECT 1 FORMAT JSONEachRow')).toBe('JSONEachRow');
    expect(formatClause("SELECT format('{}', 'FORMAT CSV') AS f SETTINGS format_csv_delimiter = ';'")).toBeUndefined();
    expect(formatClause('SELECT * FROM (SELECT 1 FORMAT TSV) FORMAT Parquet')).toBe('Parquet');
    expect(formatClause('SELECT 1 -- FORMAT JSON')).toBeUndefined();
  });
});

describe('leadingWords', () => {
  it('reads the first keywords past comments', () => {
    expect(leadingWords('/* c */ create temporary table t (a UInt8)')).toEqual(['CREATE', 'TEMPORARY']);
    expect(leadingWords('-- x\nSET a = 1', 1)).toEqual(['SET']);
  });
});

describe('intoOutfile', () => {
  const file = "'/spool/r'";
  it('goes just before the top-level FORMAT clause', () => {
    expect(intoOutfile('SELECT 1 FORMAT Parquet', file, 'TSV')).toBe("SELECT 1 INTO OUTFILE '/spool/r' FORMAT Parquet");
    expect(intoOutfile('SELECT 1 FORMAT JSON SETTINGS a = 1', file, 'TSV')).toBe(
      "SELECT 1 INTO OUTFILE '/spool/r' FORMAT JSON SETTINGS a = 1",
    );
  });

  it('names the format after the last token when the statement has no FORMAT clause', () => {
    expect(intoOutfile('SELECT 1 SETTINGS a = 1 -- FORMAT x\n;;', file, 'CSV')).toBe(
      "SELECT 1 SETTINGS a = 1 INTO OUTFILE '/spool/r' FORMAT CSV -- FORMAT x\n;;",
    );
    expect(intoOutfile("SELECT 'a;b' /* c */", file, 'JSON')).toBe(
      "SELECT 'a;b' INTO OUTFILE '/spool/r' FORMAT JSON /* c */",
    );
  });
});
