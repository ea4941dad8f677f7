import { randomUUID } from 'node:crypto';
import { type Dirent, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMembersService } from '@loyaltystudio/api/core';
import { type ApiTest, createProgram, startApiTest, type TestTenant } from '@loyaltystudio/api/testing';
import { readEnv, vars } from '@loyaltystudio/config';
import type { TemporalHandle } from '@loyaltystudio/engines';
import { type GatewayHandle, startGateway } from '@loyaltystudio/engines';
import { freePort, startTestTemporal, tempDir } from '@loyaltystudio/engines/testing';
import { migrateClickHouse, runDbt } from '@loyaltystudio/warehouse';
import { CdcConsumer } from '@loyaltystudio/warehouse/cdc';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type HousekeepingResult,
  type HousekeepingWorkflow,
  type MemberErasureWorkflow,
  taskQueues,
  workflowIds,
  workflowTypes,
} from '../src/contracts.ts';
import { createActivities as housekeepingActivities } from '../src/housekeeping/activities.ts';
import { jsonLogger } from '../src/logger.ts';
import { createActivities as memberErasureActivities } from '../src/member-erasure/activities.ts';
import { loadWorkflowBundle } from '../src/workflow-bundle.ts';

const DAY = 86_400_000;

/** Ada's personal data, as she gave it and as she changed it; every value distinctive enough to search for. */
const ADA = {
  externalId: 'cust-ada-1815',
  email: 'ada.lovelace@analytical.example',
  firstName: 'Augustaada',
  lastName: 'Byronlovelace',
  phone: '+442071838151',
  birthDate: '1983-12-10',
  attributes: { favouriteDrink: 'earl grey analytical' },
  tags: ['difference-engine'],
};
const ADA_CHANGED = { email: 'ada.king@ockham.example', lastName: 'Kingofockham', phone: '+442071838152' };
const GIFT_NOTE = 'note for Ada at 12 St James Square';
const REASON = 'Goodwill for Ada Lovelace, late delivery';
const PERSONAL = [
  ADA.externalId,
  ADA.email,
  ADA.firstName,
  ADA.lastName,
  ADA.phone,
  ADA.birthDate,
  ADA.attributes.favouriteDrink,
  ADA.tags[0]!,
  ...Object.values(ADA_CHANGED),
  GIFT_NOTE,
  REASON,
];

/**
 * An erasure end to end on real engines: Postgres, the gateway (chDB), the change stream, dbt, the Temporal dev
 * server and a worker running the real activities; the api starts the workflow itself.
 */
describe('a member erasure through the warehouse', () => {
  let api: ApiTest;
  let gateway: GatewayHandle;
  let temporal: TemporalHandle;
  let cdc: CdcConsumer;
  let client: Client;
  let clientConnection: Connection;
  let workerConnection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let tenant: TestTenant;
  let ada: { id: string };
  /** The housekeeping passes' clock, moved by the retention test. */
  let clock = new Date();
  const warehouseDir = tempDir('erasure-warehouse');
  const exportsDir = tempDir('erasure-exports');
  const dbtDir = tempDir('erasure-dbt');

  const rows = async <T = Record<string, unknown>>(query: string, params: Record<string, unknown> = {}) =>
    (await api.clickhouse.query({ query, query_params: params, format: 'JSONEachRow' })).json<T>();

  /** Polls `check` until it answers something other than undefined or false. */
  async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const done = await check();
      if (done !== undefined && done !== false) return done;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /**
   * Which of `values` any ClickHouse table or view holds, in any column (as text), by database.table: every table of
   * system.tables in every database but ClickHouse's own catalogs.
   */
  async function tablesHolding(values: string[]): Promise<Record<string, string[]>> {
    const columns = await rows<{ database: string; table: string; name: string }>(
      `SELECT c.database AS database, c.table AS table, c.name AS name
       FROM system.columns AS c INNER JOIN system.tables AS t ON c.database = t.database AND c.table = t.name
       WHERE c.database NOT IN ('system', 'INFORMATION_SCHEMA', 'information_schema')
       ORDER BY database, table, c.position`,
    );
    const byTable = new Map<string, typeof columns>();
    for (const c of columns)
      byTable.set(`${c.database}.${c.table}`, [...(byTable.get(`${c.database}.${c.table}`) ?? []), c]);
    const found: Record<string, string[]> = {};
    for (const [table, cols] of byTable) {
      const any = cols.map((c) => `position(toString(\`${c.name}\`), v) > 0`).join(' OR ');
      const [row] = await rows<{ found: string[] }>(
        `SELECT groupUniqArrayArray(arrayFilter(v -> ${any}, {values:Array(String)})) AS found FROM ${table}`,
        { values },
      );
      if (row && row.found.length > 0) found[table] = row.found.sort();
    }
    return found;
  }

  /** Which of `values` any file of the warehouse's data directory holds, byte for byte. */
  function filesHolding(values: string[], dir = warehouseDir.path, found: Record<string, string[]> = {}) {
    // ClickHouse adds and removes parts while this reads: what vanished meanwhile holds nothing any more.
    const gone = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      if (!gone(err)) throw err;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) filesHolding(values, path, found);
      if (!entry.isFile()) continue;
      try {
        const bytes = readFileSync(path, 'latin1');
        const held = values.filter((v) => bytes.includes(v));
        if (held.length > 0) found[path] = held;
      } catch (err) {
        if (!gone(err)) throw err;
      }
    }
    return found;
  }

  /**
   * Every file that still holds one of `values` belongs to a part ClickHouse no longer serves (replaced by a
   * mutation, `active = 0`): the rows are out of the table's data, not masked in it.
   */
  async function expectOnlyInReplacedParts(values: string[]) {
    const parts = await rows<{ path: string; active: number }>(
      'SELECT path, active FROM system.parts WHERE database NOT IN ({system:String})',
      { system: 'system' },
    );
    const partOf = (file: string) => parts.find((p) => file.startsWith(p.path));
    const files = Object.keys(filesHolding(values));
    expect(files.map((file) => [file, partOf(file)?.active ?? 'in no part'])).toEqual(files.map((f) => [f, 0]));
    leftOnDisk.push(...values);
  }
  /** Values the tests deleted from ClickHouse, whose replaced files the last test waits to see deleted. */
  const leftOnDisk: string[] = [];

  const post = (url: string, payload: object, key?: string) =>
    api.app.inject({
      method: 'POST',
      url,
      headers: { ...tenant.as('owner'), ...(key && { 'idempotency-key': key }) },
      payload,
    });
  const expectStatus = (res: { statusCode: number; body: string }, status: number) => {
    expect(res.statusCode, res.body).toBe(status);
    return JSON.parse(res.body);
  };
  /** Waits until the change stream has written a version of the member matching `where` into raw.members. */
  const streamed = (memberId: string, where: string, params: Record<string, unknown> = {}) =>
    until(`raw.members to hold ${where} ${JSON.stringify(params)}`, async () => {
      const found = await rows(`SELECT 1 FROM raw.members WHERE tenant_id = {t:UUID} AND id = {m:UUID} AND ${where}`, {
        t: tenant.id,
        m: memberId,
        ...params,
      });
      return found.length > 0;
    });
  const streamedEmail = (memberId: string, email: string) => streamed(memberId, 'email = {e:String}', { e: email });

  /** One pass of a housekeeping job on the worker, with the clock the test set. */
  const housekeeping = async <J extends 'warehouse-history' | 'member-erasures'>(job: J) =>
    (await client.workflow.execute<HousekeepingWorkflow>(workflowTypes.housekeeping, {
      taskQueue: taskQueues.system,
      workflowId: `housekeeping:${job}:${randomUUID()}`,
      args: [{ job }],
    })) as Extract<HousekeepingResult, { job: J }>;

  beforeAll(async () => {
    Runtime.install({ logger: jsonLogger('error') });
    [gateway, temporal] = await Promise.all([
      freePort().then((port) => startGateway({ dataDir: join(warehouseDir.path, 'data'), port })),
      startTestTemporal(),
    ]);
    api = await startApiTest({
      clickhouseUrl: gateway.url,
      exports: { dir: exportsDir.path },
      temporal: { address: temporal.address, namespace: temporal.namespace },
    });
    await migrateClickHouse(api.clickhouse);
    // ReplacingMergeTree collapses versions when it merges parts, whenever it gets to it: on a large warehouse old
    // versions stay for a long time. Here no background merge runs (mutations still do), so every version the
    // change stream writes stays until something deletes it, and each check below is deterministic. The cleanup that
    // deletes replaced parts' files backs off to max_cleanup_delay_period (300 s) on an idle table: a second here, so
    // the test sees the files go without waiting five minutes for the same cleanup.
    const raw = await rows<{ name: string }>("SELECT name FROM system.tables WHERE database = 'raw'");
    for (const { name } of raw) {
      await api.clickhouse.command({
        query: `ALTER TABLE raw.${name} MODIFY SETTING max_bytes_to_merge_at_max_space_in_pool = 1,
          cleanup_delay_period = 1, cleanup_delay_period_random_add = 0, max_cleanup_delay_period = 1`,
      });
    }
    cdc = new CdcConsumer({
      databaseUrl: api.pg.url,
      clickhouse: api.clickhouse,
      tables: readEnv({ CDC_TABLES: vars.CDC_TABLES }, {}).CDC_TABLES,
      publication: 'monet_cdc',
      slot: 'monet_cdc',
      batchRows: 1000,
      maxBatchDelayMs: 100,
    });
    await cdc.start();

    clientConnection = await Connection.connect({ address: temporal.address });
    client = new Client({ connection: clientConnection, namespace: temporal.namespace });
    workerConnection = await NativeConnection.connect({ address: temporal.address });
    worker = await Worker.create({
      connection: workerConnection,
      namespace: temporal.namespace,
      taskQueue: taskQueues.system,
      workflowBundle: await loadWorkflowBundle(() => {}),
      activities: {
        ...memberErasureActivities({
          prisma: api.prisma,
          clickhouse: api.clickhouse,
          cdcSlot: 'monet_cdc',
          exportsDir: exportsDir.path,
          pollMs: 100,
        }),
        ...housekeepingActivities({
          prisma: api.prisma,
          warehouse: { clickhouse: api.clickhouse, historyRetentionDays: 30 },
          now: () => clock,
        }),
      },
    });
    running = worker.run();
    tenant = await api.tenant();
    await createProgram(api, tenant, 'EUR');
  }, 180_000);

  afterAll(async () => {
    worker?.shutdown();
    await running?.catch(() => {});
    await cdc?.stop().catch(() => {});
    await clientConnection?.close();
    await workerConnection?.close();
    await api?.stop();
    await Promise.all([gateway?.stop(), temporal?.stop()]);
    for (const dir of [warehouseDir, exportsDir, dbtDir]) dir.remove();
  });

  it('leaves no value of the erased member in any ClickHouse table, file or export, and records when', async () => {
    // Ada enrols, buys with a gift note, gets a goodwill adjustment, and her guest order from before is on file.
    ada = expectStatus(await post('/v1/members', ADA), 201);
    expectStatus(
      await post(
        '/v1/events',
        {
          externalId: 'order-1',
          type: 'purchase',
          memberId: ada.id,
          occurredAt: new Date(Date.now() - DAY).toISOString(),
          amountMinor: 2350,
          currency: 'EUR',
          attributes: { giftNote: GIFT_NOTE },
        },
        'order-1',
      ),
      201,
    );
    expectStatus(await post(`/v1/members/${ada.id}/adjustments`, { points: 50, reason: REASON }, 'adjust-1'), 201);
    expectStatus(
      await post(
        '/v1/guest-purchases',
        {
          externalId: 'guest-order-1',
          customerRef: ADA.externalId,
          occurredAt: new Date(Date.now() - 30 * DAY).toISOString(),
          amountMinor: 1200,
          currency: 'EUR',
        },
        'guest-1',
      ),
      201,
    );
    // Someone else's guest order stays as it is.
    expectStatus(
      await post(
        '/v1/guest-purchases',
        {
          externalId: 'guest-order-2',
          customerRef: 'cust-somebody-else',
          occurredAt: new Date(Date.now() - 30 * DAY).toISOString(),
          amountMinor: 900,
          currency: 'EUR',
        },
        'guest-2',
      ),
      201,
    );
    await streamedEmail(ada.id, ADA.email);
    // She changes her profile: the old values stay in earlier versions.
    const patched = await api.app.inject({
      method: 'PATCH',
      url: `/v1/members/${ada.id}`,
      headers: tenant.as('owner'),
      payload: ADA_CHANGED,
    });
    expectStatus(patched, 200);
    await streamedEmail(ada.id, ADA_CHANGED.email);

    // The marts and an export of them carry her external id and tags.
    await runDbt({
      args: ['run', '--select', '+member_360'],
      clickhouseUrl: gateway.url,
      username: 'monet',
      password: 'monet',
      workDir: dbtDir.path,
    });
    const exportOf = async (mart: string, columns: string[]) => {
      const created = expectStatus(await post('/v1/exports', { mart, format: 'csv', columns }, `export-${mart}`), 202);
      return until(`the ${mart} export`, async () => {
        const res = await api.app.inject({
          method: 'GET',
          url: `/v1/exports/${created.id}`,
          headers: tenant.as('owner'),
        });
        const body = res.json();
        return body.status === 'succeeded'
          ? body
          : body.status === 'failed'
            ? expect(body.error).toBeNull()
            : undefined;
      });
    };
    const personalExport = await exportOf('member_360', ['member_id', 'external_id', 'tags']);
    const otherExport = await exportOf('member_rfm', ['member_id', 'rfm_segment']);
    const exportFile = (e: { id: string }, format = 'csv') => join(exportsDir.path, tenant.id, `${e.id}.${format}`);
    expect(readFileSync(exportFile(personalExport), 'utf8')).toContain(ADA.externalId);

    // Before the erasure the search finds every value, in the tables and in the files: it can see them.
    const before = await tablesHolding(PERSONAL);
    expect(new Set(Object.values(before).flat())).toEqual(new Set(PERSONAL));
    expect(before['raw.members']).toEqual(expect.arrayContaining([ADA.email, ADA_CHANGED.email, ADA.lastName]));
    expect(before['marts.member_360']).toEqual(expect.arrayContaining([ADA.externalId, ADA.tags[0]]));
    expect(Object.keys(filesHolding([ADA.email])).length).toBeGreaterThan(0);

    // The erasure: the api answers at once and starts the workflow, which the worker runs.
    const erased = expectStatus(
      await api.app.inject({ method: 'POST', url: `/v1/members/${ada.id}/erase`, headers: tenant.as('owner') }),
      200,
    );
    expect(erased.erasure).toEqual({ requestedAt: erased.erasedAt, warehouseErasedAt: null });
    const handle = client.workflow.getHandle<MemberErasureWorkflow>(workflowIds.memberErasure(tenant.id, ada.id));
    const result = await handle.result();
    expect(result).toEqual({
      workflowId: workflowIds.memberErasure(tenant.id, ada.id),
      tenantId: tenant.id,
      memberId: ada.id,
      warehouseErasedAt: expect.any(String),
      rawVersionsDeleted: {
        members: expect.any(Number),
        events: expect.any(Number),
        guest_purchases: 1,
        ledger_entries: 1,
      },
      martRowsErased: { member_360: 1 },
      exportFilesRemoved: 1,
    });
    expect(result.rawVersionsDeleted.members).toBeGreaterThanOrEqual(2);
    expect(result.rawVersionsDeleted.events).toBeGreaterThanOrEqual(1);

    // The completion is on the member.
    const got = expectStatus(
      await api.app.inject({ method: 'GET', url: `/v1/members/${ada.id}`, headers: tenant.as('viewer') }),
      200,
    );
    expect(got.erasure).toEqual({ requestedAt: erased.erasedAt, warehouseErasedAt: result.warehouseErasedAt });

    // No table, view or mart of any database answers any of her values; what remains are the pseudonym and amounts.
    expect(await tablesHolding(PERSONAL)).toEqual({});
    const [member] = await rows(
      `SELECT external_id, status, count() OVER () AS versions FROM raw.members FINAL
       WHERE tenant_id = {t:UUID} AND id = {m:UUID}`,
      { t: tenant.id, m: ada.id },
    );
    expect(member).toMatchObject({ external_id: `erased:${ada.id}`, status: 'erased' });
    expect(
      await rows(
        `SELECT amount_minor, customer_ref FROM raw.guest_purchases FINAL WHERE tenant_id = {t:UUID} ORDER BY amount_minor`,
        { t: tenant.id },
      ),
    ).toEqual([
      { amount_minor: 900, customer_ref: 'cust-somebody-else' },
      { amount_minor: 1200, customer_ref: `erased:${ada.id}` },
    ]);
    // ClickHouse's record of the mutations names ids, never her values; Temporal's history of the erasure neither.
    expect(JSON.stringify(await rows('SELECT command FROM system.mutations'))).not.toMatch(/ada|Ada|Goodwill/);
    const history = JSON.stringify(await handle.fetchHistory(), (_, v) =>
      v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : v,
    );
    expect(history).toContain(ada.id);
    for (const value of PERSONAL) expect([value, history.includes(value)]).toEqual([value, false]);

    // The export that held her external id is gone (its row says why); the other one stays.
    expect(existsSync(exportFile(personalExport))).toBe(false);
    expect(existsSync(exportFile(otherExport))).toBe(true);
    const gone = await api.app.inject({
      method: 'GET',
      url: `/v1/exports/${personalExport.id}`,
      headers: tenant.as('owner'),
    });
    expect(gone.json().error).toMatch(/^The file was removed: it held personal data of a member who was erased/);
    const download = await api.app.inject({
      method: 'GET',
      url: gone.json().download.url,
      headers: tenant.as('owner'),
    });
    expect(download.statusCode).toBe(410);

    // On disk, her values are left only in the parts the mutations replaced: ClickHouse serves none of them and
    // deletes their files at its next cleanup (the last test waits for that).
    await expectOnlyInReplacedParts(PERSONAL);
  }, 600_000);

  it('deletes an old email once the retention has passed since it was changed', async () => {
    const grace = expectStatus(
      await post('/v1/members', { externalId: 'cust-grace-1906', email: 'grace.first@navy.example' }),
      201,
    );
    await streamedEmail(grace.id, 'grace.first@navy.example');
    expectStatus(
      await api.app.inject({
        method: 'PATCH',
        url: `/v1/members/${grace.id}`,
        headers: tenant.as('owner'),
        payload: { email: 'grace.second@navy.example' },
      }),
      200,
    );
    await streamedEmail(grace.id, 'grace.second@navy.example');
    const held = async () =>
      (await tablesHolding(['grace.first@navy.example', 'grace.second@navy.example']))['raw.members'];

    // Within the retention (30 days) the old email is kept.
    clock = new Date(Date.now() + DAY);
    expect((await housekeeping('warehouse-history')).counts.tenants).toBeGreaterThanOrEqual(1);
    expect(await held()).toEqual(['grace.first@navy.example', 'grace.second@navy.example']);

    // Past it, only the current one remains.
    clock = new Date(Date.now() + 31 * DAY);
    const pass = await housekeeping('warehouse-history');
    expect(pass.counts.versions).toBeGreaterThanOrEqual(1);
    expect(await held()).toEqual(['grace.second@navy.example']);
    await expectOnlyInReplacedParts(['grace.first@navy.example']);
    expect(
      await rows(`SELECT email FROM raw.members FINAL WHERE tenant_id = {t:UUID} AND id = {m:UUID}`, {
        t: tenant.id,
        m: grace.id,
      }),
    ).toEqual([{ email: 'grace.second@navy.example' }]);
  }, 300_000);

  it('starts an erasure whose start failed from the member-erasures pass', async () => {
    const carol = expectStatus(
      await post('/v1/members', { externalId: 'cust-carol-1', email: 'carol.mistaken@example.org' }),
      201,
    );
    await streamedEmail(carol.id, 'carol.mistaken@example.org');
    // An api that could not reach Temporal: the erasure commits, nothing starts.
    await createMembersService(api.prisma).erase(tenant.auth('owner'), carol.id);
    await streamed(carol.id, "status = 'erased'");
    expect(await tablesHolding(['carol.mistaken@example.org'])).toEqual({
      'raw.members': ['carol.mistaken@example.org'],
    });

    clock = new Date(Date.now() + 6 * 60_000);
    expect((await housekeeping('member-erasures')).counts).toEqual({ pending: 1, started: 1 });
    const result = await client.workflow
      .getHandle<MemberErasureWorkflow>(workflowIds.memberErasure(tenant.id, carol.id))
      .result();
    expect(result.rawVersionsDeleted.members).toBeGreaterThanOrEqual(1);
    expect(await tablesHolding(['carol.mistaken@example.org'])).toEqual({});
    await expectOnlyInReplacedParts(['carol.mistaken@example.org']);
    const row = await api.prisma.member.findUniqueOrThrow({ where: { id: carol.id } });
    expect(row.warehouseErasedAt?.toISOString()).toBe(result.warehouseErasedAt);
    // Nothing is left to start.
    expect((await housekeeping('member-erasures')).counts).toEqual({ pending: 0, started: 0 });
  }, 300_000);

  it('leaves none of the deleted values on disk once ClickHouse has cleaned the replaced parts', async () => {
    // ClickHouse deletes a replaced part's files after old_parts_lifetime (0 in chDB) at its cleanup, which on an
    // idle table comes up to max_cleanup_delay_period (300 s, a second in this test) after the mutation; a server's
    // default lifetime is 480 s.
    expect(leftOnDisk.length).toBeGreaterThan(PERSONAL.length);
    await until(
      'the replaced parts to leave the disk',
      async () => Object.keys(filesHolding(leftOnDisk)).length === 0,
      120_000,
    );
  }, 180_000);
});
