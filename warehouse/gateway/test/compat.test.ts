import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { type ClickHouseClient, ClickHouseError, ClickHouseLogLevel, createClient } from '@clickhouse/client';
import type { GatewayHandle } from '@loyaltystudio/engines';
import { startTestGateway } from '@loyaltystudio/engines/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The compatibility suite through @clickhouse/client; test_compat.py runs the same cases through clickhouse-connect.

interface Login {
  user: string;
  password: string;
}
type Case = { name: string; kind: string; user?: string | Login } & Record<string, unknown>;
interface Cases {
  users: Record<string, Login>;
  cases: Case[];
}

const spec = JSON.parse(readFileSync(new URL('./compat-cases.json', import.meta.url), 'utf8')) as Cases;

describe('gateway compatibility through @clickhouse/client', () => {
  let gateway: GatewayHandle;
  const clients: ClickHouseClient[] = [];

  function client(user: Case['user'] = 'admin', session_id?: string): ClickHouseClient {
    const login = typeof user === 'string' ? (spec.users[user] as Login) : user;
    // Errors are expected results here; the client would also log each one.
    const c = createClient({
      url: gateway.url,
      username: login.user,
      password: login.password,
      session_id,
      log: { level: ClickHouseLogLevel.OFF },
    });
    clients.push(c);
    return c;
  }

  async function rows(c: ClickHouseClient, query: string, query_params?: Record<string, unknown>): Promise<unknown[]> {
    return (await c.query({ query, format: 'JSONEachRow', query_params })).json();
  }

  async function insertRaw(c: ClickHouseClient, table: string, format: string, data: Buffer): Promise<void> {
    const result = await c.exec({ query: `INSERT INTO ${table} FORMAT ${format}`, values: Readable.from([data]) });
    result.stream.resume();
  }

  async function rawBytes(c: ClickHouseClient, query: string, format: string): Promise<Buffer> {
    const { stream } = await c.exec({ query: `${query} FORMAT ${format}` });
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async function failure(run: () => Promise<unknown>): Promise<ClickHouseError> {
    const err = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ClickHouseError);
    return err as ClickHouseError;
  }

  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await gateway?.stop();
  });

  const run: Record<string, (c: Case) => Promise<void>> = {
    async command(c) {
      await client(c.user).command({ query: c.query as string });
    },
    async insert(c) {
      const data = c.dataBase64 ? Buffer.from(c.dataBase64 as string, 'base64') : Buffer.from(c.data as string);
      if (c.format === 'JSONEachRow') {
        const values = (c.data as string)
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line));
        await client(c.user).insert({ table: c.table as string, values, format: 'JSONEachRow' });
      } else {
        await insertRaw(client(c.user), c.table as string, c.format as string, data);
      }
    },
    async select(c) {
      const result = await client(c.user).query({
        query: c.query as string,
        format: c.format as 'JSON',
        query_params: c.params as Record<string, unknown> | undefined,
      });
      if (c.format === 'CSVWithNames') expect(await result.text()).toBe(c.expect);
      else if (c.format === 'JSON') {
        const json = (await result.json()) as unknown as Record<string, unknown>;
        const expected = c.expect as Record<string, unknown>;
        expect({ meta: json.meta, data: json.data, rows: json.rows }).toEqual(expected);
      } else expect(await result.json()).toEqual(c.expect);
    },
    async 'select-binary'(c) {
      const admin = client(c.user);
      const bytes = await rawBytes(admin, c.query as string, c.format as string);
      const table = c.decodeInto as string;
      await admin.command({ query: `TRUNCATE TABLE ${table}` });
      await insertRaw(admin, table, c.format as string, bytes);
      expect(await rows(admin, `SELECT * FROM ${table} ORDER BY id`)).toEqual(c.expect);
    },
    async session(c) {
      const inSession = client(c.user, `compat-${Date.now()}`);
      for (const step of c.steps as Array<{ query: string; expect?: unknown[] }>) {
        if (step.expect) expect(await rows(inSession, step.query)).toEqual(step.expect);
        else await inSession.command({ query: step.query });
      }
      const outside = c.outside as { query: string; code: number };
      const err = await failure(() => rows(client(c.user), outside.query));
      expect(err.code).toBe(String(outside.code));
    },
    async error(c) {
      const err = await failure(() => client(c.user).command({ query: c.query as string }));
      expect(err.code).toBe(String(c.code));
      expect(err.message).toContain(c.message);
      // The client hides the HTTP status; ask again without it.
      const login = typeof c.user === 'object' ? c.user : (spec.users[c.user ?? 'admin'] as Login);
      const res = await fetch(gateway.url, {
        method: 'POST',
        body: c.query as string,
        headers: { 'X-ClickHouse-User': login.user, 'X-ClickHouse-Key': login.password },
      });
      expect(res.status).toBe(c.status);
      expect(res.headers.get('x-clickhouse-exception-code')).toBe(String(c.code));
      const body = await res.text();
      expect(body.startsWith(`Code: ${c.code}. DB::Exception: `)).toBe(true);
      expect(body).toContain(c.message);
      expect(body).toMatch(/ \(version [\d.]+\)\n$/);
    },
    async concurrent(c) {
      const shared = client(c.user);
      const results = await Promise.all(
        Array.from({ length: c.count as number }, (_, i) => rows(shared, c.query as string, { i })),
      );
      expect(results).toEqual(results.map((_, i) => [{ v: 2 * i, n: 8 }]));
    },
  };

  for (const c of spec.cases) {
    it(c.name, async () => {
      const handler = run[c.kind];
      if (!handler) throw new Error(`compat-cases.json: unknown kind ${c.kind}`);
      await handler(c);
    });
  }
});
