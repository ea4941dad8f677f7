import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type GatewayHandle, startGateway } from '@loyaltystudio/engines';
import { freePort, tempDir } from '@loyaltystudio/engines/testing';
import { Session } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Results leave the gateway as the engine produces them (streamed) or from a file the engine wrote; either way the
// client gets exactly the engine's own bytes, and the gateway never holds a whole result.

const AUTH = { Authorization: `Basic ${Buffer.from('monet:monet').toString('base64')}` };
const ROWS = 'SELECT number AS id, toString(number) AS name, [number, 1] AS pair FROM numbers(400000)';

describe('gateway results', () => {
  const dir = tempDir('gateway-results');
  const dataDir = join(dir.path, 'data');
  const engine = new Session(join(dir.path, 'reference'));
  let gateway: GatewayHandle;

  beforeAll(async () => {
    // One connection, so a query that still held it after its client left would block the next one.
    gateway = await startGateway({ dataDir, port: await freePort(), env: { GATEWAY_POOL_SIZE: '1' } });
  }, 90_000);

  afterAll(async () => {
    await gateway?.stop();
    engine.close();
    dir.remove();
  });

  const query = (sql: string, params: Record<string, string> = {}, headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}/?${new URLSearchParams(params)}`, {
      method: 'POST',
      body: sql,
      headers: { ...AUTH, ...headers },
    });
  const engineBytes = async (sql: string, format: string) =>
    Buffer.from((await engine.queryAsync(sql, { format })).bytes());
  const spooled = () => readdirSync(join(dataDir, 'gateway-uploads'));

  it.each(['JSONEachRow', 'TabSeparated', 'CSV', 'RowBinary', 'Native'])(
    'streams %s chunk by chunk into exactly the engine bytes',
    async (format) => {
      const res = await query(ROWS, { default_format: format });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-length')).toBeNull(); // chunked: sent before the engine finished
      expect(Buffer.from(await res.arrayBuffer()).equals(await engineBytes(ROWS, format))).toBe(true);
    },
  );

  it("keeps a streamed chunk's bytes valid after later chunks are read, so the gateway sends them uncopied", async () => {
    const kept: Uint8Array[] = [];
    for await (const chunk of engine.queryStream(ROWS, { format: 'RowBinary' })) kept.push(chunk.raw());
    expect(kept.length).toBeGreaterThan(2);
    expect(Buffer.concat(kept).equals(await engineBytes(ROWS, 'RowBinary'))).toBe(true);
  });

  it.each(['Parquet', 'CSVWithNames', 'JSON', 'RowBinaryWithNamesAndTypes', 'Arrow'])(
    'sends %s, which has a header or footer of its own, from the file the engine wrote',
    async (format) => {
      const res = await query(`${ROWS} ORDER BY id FORMAT ${format}`);
      expect(res.status).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      expect(Number(res.headers.get('content-length'))).toBe(body.length);
      const reference = await engineBytes(`${ROWS} ORDER BY id`, format);
      if (format === 'JSON') {
        // JSON closes with the query's statistics (elapsed time), which differ from run to run in value and length.
        const withoutStatistics = (bytes: Buffer) => ({ ...JSON.parse(bytes.toString('utf8')), statistics: null });
        expect(withoutStatistics(body)).toEqual(withoutStatistics(reference));
      } else expect(body.equals(reference)).toBe(true);
      await expect.poll(spooled).toEqual([]);
    },
  );

  it('places the file clause before a FORMAT clause and after trailing SETTINGS, comments and semicolons', async () => {
    for (const sql of [
      'SELECT 1 AS x SETTINGS max_threads = 1 -- trailing comment',
      'SELECT 1 AS x FORMAT CSVWithNames SETTINGS max_threads = 1',
      'SELECT 1 AS x /* c */ ;',
    ]) {
      const res = await query(sql, { default_format: 'CSVWithNames' });
      expect(await res.text()).toBe('"x"\n1\n');
    }
  });

  it('answers an error the engine raises before the first byte with its status, streamed or not', async () => {
    for (const format of ['JSONEachRow', 'Parquet']) {
      const res = await query(`SELECT * FROM nowhere.missing FORMAT ${format}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('x-clickhouse-exception-code')).toBe('81');
    }
  });

  it('cuts a streamed result short on a late error, and keeps the status under wait_end_of_query=1', async () => {
    const failing = 'SELECT throwIf(number = 300000) AS x FROM numbers(400000) SETTINGS max_block_size = 10000';
    const streamed = await query(failing, { default_format: 'TabSeparated' });
    expect(streamed.status).toBe(200);
    await expect(streamed.arrayBuffer()).rejects.toThrow();

    const waited = await query(failing, { default_format: 'TabSeparated', wait_end_of_query: '1' });
    expect(waited.status).toBe(500);
    expect(waited.headers.get('x-clickhouse-exception-code')).toBe('395');
    await expect.poll(spooled).toEqual([]);
  });

  it('compresses a streamed result when asked', async () => {
    const res = await fetch(`${gateway.url}/?enable_http_compression=1&default_format=JSONEachRow`, {
      method: 'POST',
      body: ROWS,
      headers: { ...AUTH, 'Accept-Encoding': 'gzip' },
      // fetch would decode it; the raw bytes show what the gateway sent.
    });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const body = Buffer.from(await res.arrayBuffer());
    const decoded = body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body;
    expect(decoded.equals(await engineBytes(ROWS, 'JSONEachRow'))).toBe(true);
  });

  it('gives the connection back when a client hangs up in the middle of a result', async () => {
    const abort = new AbortController();
    const res = await fetch(`${gateway.url}/?default_format=TabSeparated`, {
      method: 'POST',
      body: 'SELECT number FROM numbers(1000000000)',
      headers: AUTH,
      signal: abort.signal,
    });
    const reader = res.body?.getReader();
    await reader?.read();
    abort.abort();
    // With a pool of one, this waits forever unless the abandoned query let go of the connection.
    const next = await query('SELECT 42', { default_format: 'TabSeparated' });
    expect(await next.text()).toBe('42\n');
  }, 60_000);

  it('sends the read-only user its results from a file too', async () => {
    const res = await fetch(`${gateway.url}/?default_format=CSVWithNames`, {
      method: 'POST',
      body: 'SELECT 7 AS seven',
      headers: { Authorization: `Basic ${Buffer.from('monet_reader:monet_reader').toString('base64')}` },
    });
    expect(await res.text()).toBe('"seven"\n7\n');
  });
});
