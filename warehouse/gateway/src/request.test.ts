import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readStatement, SPOOL_BATCH_BYTES } from './body.ts';
import type { ClickHouseError } from './errors.ts';
import { parseRequest } from './request.ts';

describe('parseRequest', () => {
  it('separates transport parameters, query parameters and settings', () => {
    const request = parseRequest(
      new URLSearchParams(
        'query=SELECT+1&database=marts&default_format=JSON&query_id=q1&param_tenant=t1&max_threads=2&extremes=1&wait_end_of_query=1&enable_http_compression=1&client_protocol_version=54405&send_progress_in_http_headers=1',
      ),
      {},
    );
    expect(request).toMatchObject({
      urlQuery: 'SELECT 1',
      database: 'marts',
      defaultFormat: 'JSON',
      queryId: 'q1',
      params: { tenant: 't1' },
      compressResponse: true,
      session: undefined,
      credentials: undefined,
      readonly: false,
    });
    expect([...request.settings]).toEqual([
      ['max_threads', '2'],
      ['extremes', '1'],
    ]);
  });

  it('reads param_ values in ClickHouse’s escaped form, so chDB binds the value the client meant', () => {
    const request = parseRequest(
      new URLSearchParams({
        param_quote: "x\\' OR 1=1 --",
        param_backslash: 'back\\\\slash',
        param_tab: 'a\\tb',
        param_array: "['a\\\\b','c']",
        param_null: '\\N',
        param_plain: 'vip',
      }),
      {},
    );
    expect(request.params).toEqual({
      quote: "x' OR 1=1 --",
      backslash: 'back\\slash',
      tab: 'a\tb',
      array: "['a\\b','c']",
      null: '\\N',
      plain: 'vip',
    });
  });

  it('reads credentials from X-ClickHouse headers, basic auth, then URL parameters', () => {
    const basic = `Basic ${Buffer.from('ann:pa:ss').toString('base64')}`;
    const params = new URLSearchParams('user=url&password=p');
    expect(
      parseRequest(params, { 'x-clickhouse-user': 'hdr', 'x-clickhouse-key': 'k', authorization: basic }).credentials,
    ).toEqual({ user: 'hdr', password: 'k' });
    expect(parseRequest(params, { authorization: basic }).credentials).toEqual({ user: 'ann', password: 'pa:ss' });
    expect(parseRequest(params, {}).credentials).toEqual({ user: 'url', password: 'p' });
    expect(
      parseRequest(new URLSearchParams(), { 'x-clickhouse-database': 'db', 'x-clickhouse-format': 'CSV' }),
    ).toMatchObject({ database: 'db', defaultFormat: 'CSV' });
  });

  it('defaults the format to TabSeparated and generates a query id', () => {
    const request = parseRequest(new URLSearchParams(), {});
    expect(request.defaultFormat).toBe('TabSeparated');
    expect(request.queryId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reads sessions and refuses what ClickHouse refuses', () => {
    expect(parseRequest(new URLSearchParams('session_id=s&session_timeout=5&session_check=1'), {}).session).toEqual({
      id: 's',
      timeoutSeconds: 5,
      check: true,
    });
    const refused = (qs: string) => {
      try {
        parseRequest(new URLSearchParams(qs), {});
      } catch (err) {
        return (err as ClickHouseError).code;
      }
      return undefined;
    };
    expect(refused('session_id=s&session_timeout=3601')).toBe(36);
    expect(refused('session_id=s&session_timeout=-1')).toBe(36);
    expect(refused('max_threads%3D1=2')).toBe(36);
    expect(refused('compress=1')).toBe(48);
  });
});

describe('readStatement', () => {
  const dir = mkdtempSync(join(tmpdir(), 'monet-gateway-body-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const body = (...chunks: Array<string | Buffer>) => Readable.from(chunks.map((c) => Buffer.from(c)));

  it('joins the URL query and the body with a newline', async () => {
    expect(await readStatement(body('WHERE 1'), 'SELECT 1', undefined, dir)).toEqual({
      kind: 'query',
      sql: 'SELECT 1\nWHERE 1',
    });
    expect(await readStatement(body('SELECT 2'), '', undefined, dir)).toEqual({ kind: 'query', sql: 'SELECT 2' });
  });

  it('spools binary rows after FORMAT to a file the engine reads', async () => {
    const rows = Buffer.from([0, 1, 2, 255, 10, 13]);
    const statement = await readStatement(body('INSERT INTO t FORMAT RowBinary\n', rows), '', undefined, dir);
    if (statement.kind !== 'insert') throw new Error('expected an insert');
    expect(statement.sql).toBe(`INSERT INTO t FROM INFILE '${statement.file}' FORMAT RowBinary`);
    expect(readFileSync(statement.file)).toEqual(rows);
  });

  it('spools a body of many reads, several write batches long, whole and in order', async () => {
    const reads = Array.from({ length: Math.ceil((3.5 * SPOOL_BATCH_BYTES) / 65536) }, (_, i) =>
      Buffer.alloc(65536 - (i % 7), i % 251),
    );
    const statement = await readStatement(body(...reads), 'INSERT INTO t FORMAT RowBinary', undefined, dir);
    if (statement.kind !== 'insert') throw new Error('expected an insert');
    expect(readFileSync(statement.file).equals(Buffer.concat(reads))).toBe(true);
    rmSync(statement.file);
  });

  it('leaves no spool file behind when the body fails part way', async () => {
    const failing = Readable.from(
      (async function* () {
        for (let i = 0; i < 80; i++) yield Buffer.alloc(65536, i);
        throw new Error('aborted');
      })(),
    );
    const before = readdirSync(dir);
    await expect(readStatement(failing, 'INSERT INTO t FORMAT RowBinary', undefined, dir)).rejects.toThrow('aborted');
    expect(readdirSync(dir)).toEqual(before);
  });

  it('keeps rows compressed for the engine when the INSERT is in the URL', async () => {
    const packed = gzipSync('{"a":1}\n');
    const statement = await readStatement(body(packed), 'INSERT INTO t SETTINGS x = 1 FORMAT JSONEachRow', 'gzip', dir);
    if (statement.kind !== 'insert') throw new Error('expected an insert');
    expect(statement.sql).toBe(
      `INSERT INTO t FROM INFILE '${statement.file}' COMPRESSION 'gzip' SETTINGS x = 1 FORMAT JSONEachRow`,
    );
    expect(readFileSync(statement.file)).toEqual(packed);
  });

  it('decompresses a gzip body that carries the query', async () => {
    expect(await readStatement(body(gzipSync('SELECT 42')), '', 'gzip', dir)).toEqual({
      kind: 'query',
      sql: 'SELECT 42',
    });
  });

  it('refuses unknown encodings', async () => {
    await expect(readStatement(body('x'), '', 'compress', dir)).rejects.toMatchObject({ code: 89 });
  });
});
