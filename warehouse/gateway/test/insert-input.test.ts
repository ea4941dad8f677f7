import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type GatewayHandle, startGateway } from '@loyaltystudio/engines';
import { freePort, tempDir } from '@loyaltystudio/engines/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `INSERT INTO t SELECT ... FROM input('structure') FORMAT X` with the rows in the body, as ClickHouse's HTTP
// interface takes it: the SELECT adds columns of its own (here bound parameters) to each row the body carries.

const AUTH = { Authorization: `Basic ${Buffer.from('monet:monet').toString('base64')}` };
const INSERT =
  "INSERT INTO t (run, id, p) SELECT {run:UUID}, id, p * 2 FROM input('id UInt32, p Float32') FORMAT RowBinary";

/** RowBinary rows of (UInt32 id, Float32 p). */
function rows(values: Array<[number, number]>): Buffer {
  const out = Buffer.alloc(values.length * 8);
  values.forEach(([id, p], i) => {
    out.writeUInt32LE(id, i * 8);
    out.writeFloatLE(p, i * 8 + 4);
  });
  return out;
}

describe('gateway INSERT ... SELECT FROM input()', () => {
  const dir = tempDir('gateway-input');
  const dataDir = join(dir.path, 'data');
  let gateway: GatewayHandle;

  beforeAll(async () => {
    gateway = await startGateway({ dataDir, port: await freePort() });
    await post('CREATE TABLE t (run UUID, id UInt32, p Float32) ENGINE = MergeTree ORDER BY (run, id)');
  }, 90_000);

  afterAll(async () => {
    await gateway?.stop();
    dir.remove();
  });

  async function post(sql: string, body?: Buffer, params: Record<string, string> = {}, headers = {}) {
    const url = `${gateway.url}/?${new URLSearchParams(body ? { query: sql, ...params } : params)}`;
    const res = await fetch(url, { method: 'POST', body: body ?? sql, headers: { ...AUTH, ...headers } });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${res.status}: ${text}`);
    return text;
  }

  it('reads the rows of the body, plain or compressed, through the SELECT, and removes the spooled file', async () => {
    const run = '00000000-0000-4000-8000-000000000001';
    await post(
      INSERT,
      rows([
        [1, 0.25],
        [2, 1.5],
      ]),
      { param_run: run },
    );
    await post(INSERT, gzipSync(rows([[3, -2]])), { param_run: run }, { 'Content-Encoding': 'gzip' });
    // The statement and its rows in one body, as clients without URL queries send them.
    await post('', Buffer.concat([Buffer.from(`${INSERT}\n`), rows([[4, 8]])]), { param_run: run });
    const read = await post(`SELECT toString(run), id, p FROM t ORDER BY id FORMAT CSV`);
    expect(read).toBe(`"${run}",1,0.5\n"${run}",2,3\n"${run}",3,-4\n"${run}",4,16\n`);
    expect(readdirSync(join(dataDir, 'gateway-uploads'))).toEqual([]);
  });

  it('answers an INSERT ... SELECT without input() as the engine does, reading nothing from the body', async () => {
    await post('INSERT INTO t SELECT toUUID({run:UUID}), 9, 1', undefined, {
      param_run: '00000000-0000-4000-8000-000000000002',
    });
    expect(await post('SELECT count() FROM t WHERE id = 9')).toBe('1\n');
  });
});
