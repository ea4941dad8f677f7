import type { ClickHouseClient } from '@clickhouse/client';
import type { GatewayHandle } from '@loyaltystudio/engines';
import { startTestGateway } from '@loyaltystudio/engines/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickHouseClient } from '../src/clickhouse/client.ts';
import { migrateClickHouse } from '../src/clickhouse/migrate.ts';
import {
  dateTime64,
  ErasureNotStreamedError,
  earlierVersionsPredicate,
  eraseMemberHistory,
  eraseMemberMarts,
  pruneHistory,
  supersededPredicate,
} from '../src/privacy/index.ts';

const A = '0f9a3c1e-aaaa-4a5b-9c8d-000000000001';
const B = '0f9a3c1e-bbbb-4a5b-9c8d-000000000002';
const ADA = '00000000-0000-4000-8000-0000000000a1';
const GRACE = '00000000-0000-4000-8000-0000000000a2';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const DAY = 86_400_000;
const NOW = Date.now();
const daysAgo = (days: number) => dateTime64(new Date(NOW - days * DAY));

type Row = Record<string, unknown>;

/**
 * The change stream's rows of two tenants, each a copy of the other (same member ids too), so that every check on
 * tenant A also shows tenant B untouched: Ada's history through an email change and her erasure (member row first,
 * at version 30, then her event, guest order and adjustment rewritten above it), Grace's changes at known arrival
 * times, and rows no erasure or retention may touch.
 */
function history(tenant: string): Record<string, Row[]> {
  const member = (memberId: string, v: number, email: string | null, status = 'active', synced = daysAgo(1)) => ({
    tenant_id: tenant,
    id: memberId,
    external_id: status === 'erased' ? `erased:${memberId}` : 'cust-42',
    email,
    attributes: status === 'erased' ? '{}' : '{"drink":"flat white"}',
    tags: status === 'erased' ? [] : ['vip'],
    consents: '{}',
    status,
    enrolled_at: '2026-01-01 00:00:00.000',
    created_at: '2026-01-01 00:00:00.000',
    updated_at: '2026-01-01 00:00:00.000',
    _version: v,
    _synced_at: synced,
  });
  const event = (eventId: string, memberId: string, v: number, attributes: string) => ({
    tenant_id: tenant,
    id: eventId,
    program_id: id(900),
    member_id: memberId,
    external_id: `order-${eventId}`,
    type: 'purchase',
    occurred_at: '2026-01-02 00:00:00.000',
    line_items: '[]',
    attributes,
    points_by_rule: '{}',
    created_at: '2026-01-02 00:00:00.000',
    _version: v,
  });
  const guest = (guestId: string, v: number, customerRef: string) => ({
    tenant_id: tenant,
    id: guestId,
    program_id: id(900),
    external_id: `guest-${guestId}`,
    customer_ref: customerRef,
    occurred_at: '2025-12-01 00:00:00.000',
    amount_minor: 500,
    currency: 'EUR',
    created_at: '2025-12-01 00:00:00.000',
    _version: v,
  });
  const entry = (entryId: string, v: number, kind: string, reason: string | null) => ({
    tenant_id: tenant,
    id: entryId,
    member_id: ADA,
    program_id: id(900),
    seq: 1,
    kind,
    points: 10,
    reason,
    shortfall_points: 0,
    created_at: '2026-01-02 00:00:00.000',
    _version: v,
  });
  return {
    members: [
      member(ADA, 10, 'ada@old.example'),
      member(ADA, 20, 'ada@new.example'),
      member(ADA, 30, null, 'erased'),
      // Grace changed her email 40 days ago and again 10 days ago.
      member(GRACE, 10, 'grace@first.example', 'active', daysAgo(50)),
      member(GRACE, 20, 'grace@second.example', 'active', daysAgo(40)),
      member(GRACE, 40, 'grace@third.example', 'active', daysAgo(10)),
      // A row deleted in Postgres 40 days ago (the deletion carries the whole old row), one deleted 5 days ago.
      member(id(3), 10, 'gone@long.ago', 'active', daysAgo(60)),
      { ...member(id(3), 20, 'gone@long.ago', 'active', daysAgo(40)), _deleted: 1 },
      member(id(4), 10, 'gone@lately', 'active', daysAgo(60)),
      { ...member(id(4), 20, 'gone@lately', 'active', daysAgo(5)), _deleted: 1 },
    ],
    events: [
      event(id(11), ADA, 5, '{"note":"gift for Ada"}'),
      event(id(11), ADA, 31, '{}'),
      event(id(12), GRACE, 5, '{"note":"for Grace"}'),
    ],
    guest_purchases: [
      guest(id(21), 5, 'cust-42'),
      guest(id(21), 32, `erased:${ADA}`),
      // Filed under the pseudonym before the erasure and never rewritten: not the erasure's to delete.
      guest(id(22), 5, `erased:${ADA}`),
    ],
    ledger_entries: [
      entry(id(31), 5, 'adjustment', 'Goodwill for Ada'),
      entry(id(31), 33, 'adjustment', null),
      entry(id(32), 5, 'accrual', null),
    ],
  };
}

describe('personal data in the warehouse: erasure and retention', () => {
  let gateway: GatewayHandle;
  let client: ClickHouseClient;

  const rows = async (query: string, params: Record<string, unknown> = {}): Promise<Row[]> =>
    (await client.query({ query, query_params: params, format: 'JSONEachRow' })).json<Row>();
  /** A tenant's versions of one raw table: key, version and one column. */
  const versions = (table: string, column: string, tenant = A) =>
    rows(
      `SELECT toString(id) AS id, toString(_version) AS v, ${column} AS value FROM raw.${table}
       WHERE tenant_id = {tenant:UUID} ORDER BY id, _version`,
      { tenant },
    );

  beforeAll(async () => {
    gateway = await startTestGateway();
    client = createClickHouseClient({ url: gateway.url, username: 'monet', password: 'monet' });
    await migrateClickHouse(client);
    // Every version stays as written: no background merge collapses them (mutations still run), and an insert
    // keeps the versions it carries (`optimize_on_insert` would collapse them as a merge does).
    for (const table of Object.keys(history(A))) {
      await client.command({
        query: `ALTER TABLE raw.${table} MODIFY SETTING max_bytes_to_merge_at_max_space_in_pool = 1`,
      });
    }
    for (const tenant of [A, B]) {
      for (const [table, values] of Object.entries(history(tenant))) {
        await client.insert({
          table: `raw.${table}`,
          values,
          format: 'JSONEachRow',
          clickhouse_settings: { optimize_on_insert: 0 },
        });
      }
    }
    await client.command({
      query: `CREATE TABLE marts.member_360 (tenant_id UUID, member_id UUID, external_id String, tags Array(String),
        status String, points_available Int64) ENGINE = MergeTree ORDER BY (tenant_id, member_id)`,
    });
    await client.insert({
      table: 'marts.member_360',
      values: [A, B].flatMap((tenant) => [
        {
          tenant_id: tenant,
          member_id: ADA,
          external_id: 'cust-42',
          tags: ['vip'],
          status: 'active',
          points_available: 7,
        },
        { tenant_id: tenant, member_id: GRACE, external_id: 'cust-7', tags: [], status: 'active', points_available: 3 },
      ]),
      format: 'JSONEachRow',
    });
  });
  afterAll(async () => {
    await client?.close();
    await gateway?.stop();
  });

  it('binds every statement to the tenant, the member and the erased version', () => {
    expect(earlierVersionsPredicate('events', 'member_id = {member:UUID}')).toMatchInlineSnapshot(`
      "tenant_id = {tenant:UUID}
        AND _version < {version:UInt64}
        AND id IN (
          SELECT id FROM raw.events
          WHERE tenant_id = {tenant:UUID} AND _version >= {version:UInt64} AND member_id = {member:UUID}
        )"
    `);
    expect(supersededPredicate('members')).toMatchInlineSnapshot(`
      "tenant_id = {tenant:UUID}
        AND (
          (id, _version) IN (
            SELECT versions.id, versions._version
            FROM raw.members AS versions
            INNER JOIN (
              SELECT id, max(_version) AS superseding
              FROM raw.members
              WHERE tenant_id = {tenant:UUID} AND _synced_at < {before:DateTime64(3, 'UTC')}
              GROUP BY id
            ) AS newer ON versions.id = newer.id
            WHERE versions.tenant_id = {tenant:UUID} AND versions._version < newer.superseding
          )
          OR id IN (
            SELECT id
            FROM raw.members
            WHERE tenant_id = {tenant:UUID}
            GROUP BY id
            HAVING argMax(_deleted, _version) = 1 AND argMax(_synced_at, _version) < {before:DateTime64(3, 'UTC')}
          )
        )"
    `);
  });

  it('waits for the erased version before deleting anything', async () => {
    await expect(eraseMemberHistory(client, { tenantId: A, memberId: GRACE })).rejects.toBeInstanceOf(
      ErasureNotStreamedError,
    );
    expect(await versions('members', 'email')).toHaveLength(10);
  });

  it("deletes every earlier version of an erased member's rows, in that tenant only, and repeats harmlessly", async () => {
    const before = { a: await versions('events', 'attributes'), b: await versions('members', 'email', B) };

    expect(await eraseMemberHistory(client, { tenantId: A, memberId: ADA })).toEqual({
      members: 2,
      events: 1,
      guest_purchases: 1,
      ledger_entries: 1,
    });

    expect((await versions('members', 'email')).filter((r) => r.id === ADA)).toEqual([
      { id: ADA, v: '30', value: null },
    ]);
    expect(await versions('events', 'attributes')).toEqual(before.a.filter((r) => !(r.id === id(11) && r.v === '5')));
    expect(await versions('guest_purchases', 'customer_ref')).toEqual([
      { id: id(21), v: '32', value: `erased:${ADA}` },
      { id: id(22), v: '5', value: `erased:${ADA}` },
    ]);
    expect(await versions('ledger_entries', 'reason')).toEqual([
      { id: id(31), v: '33', value: null },
      { id: id(32), v: '5', value: null },
    ]);
    // Grace's history and tenant B's copy of Ada's are untouched.
    expect((await versions('members', 'email')).filter((r) => r.id === GRACE)).toHaveLength(3);
    expect(await versions('members', 'email', B)).toEqual(before.b);
    expect(await versions('events', 'attributes', B)).toHaveLength(3);

    expect(await eraseMemberHistory(client, { tenantId: A, memberId: ADA })).toEqual({
      members: 0,
      events: 0,
      guest_purchases: 0,
      ledger_entries: 0,
    });
    // The mutations record ids and versions, never a value about the person.
    const commands = JSON.stringify(await rows('SELECT command FROM system.mutations'));
    expect(commands).toContain(ADA);
    for (const value of ['ada@', 'cust-42', 'gift for Ada', 'Goodwill']) expect(commands).not.toContain(value);
  });

  it("overwrites the member's personal columns in the marts, in that tenant only", async () => {
    expect(await eraseMemberMarts(client, { tenantId: A, memberId: ADA })).toEqual({ member_360: 1 });
    const mart = (tenant: string) =>
      rows(
        `SELECT toString(member_id) AS member, external_id, tags, status, toString(points_available) AS points_available
         FROM marts.member_360
         WHERE tenant_id = {tenant:UUID} ORDER BY member_id`,
        { tenant },
      );
    expect(await mart(A)).toEqual([
      { member: ADA, external_id: `erased:${ADA}`, tags: [], status: 'erased', points_available: '7' },
      { member: GRACE, external_id: 'cust-7', tags: [], status: 'active', points_available: '3' },
    ]);
    expect((await mart(B))[0]).toMatchObject({ external_id: 'cust-42', tags: ['vip'] });
    expect(await eraseMemberMarts(client, { tenantId: A, memberId: ADA })).toEqual({ member_360: 0 });
  });

  it('deletes the versions superseded, or deleted, before the retention, and keeps what collapsed reads see', async () => {
    const collapsed = (tenant: string) =>
      rows(
        `SELECT toString(id) AS id, email FROM raw.members FINAL
         WHERE tenant_id = {tenant:UUID} AND _deleted = 0 ORDER BY id`,
        { tenant },
      );
    const seen = await collapsed(A);
    const b = await versions('members', 'email', B);

    expect(await pruneHistory(client, { tenantId: A, before: new Date(NOW - 30 * DAY) })).toEqual({
      members: 3,
      events: 0,
      guest_purchases: 0,
      ledger_entries: 0,
    });

    // Grace's first email was superseded 40 days ago; her second only 10 days ago, so it stays for now.
    expect((await versions('members', 'email')).filter((r) => r.id !== ADA)).toEqual([
      { id: id(4), v: '10', value: 'gone@lately' },
      { id: id(4), v: '20', value: 'gone@lately' },
      { id: GRACE, v: '20', value: 'grace@second.example' },
      { id: GRACE, v: '40', value: 'grace@third.example' },
    ]);
    expect(await collapsed(A)).toEqual(seen);
    expect(await versions('members', 'email', B)).toEqual(b);

    // With no retention left, only the newest version of each live row remains.
    expect(await pruneHistory(client, { tenantId: A, before: new Date(NOW + DAY) })).toEqual({
      members: 3,
      events: 0,
      guest_purchases: 0,
      ledger_entries: 0,
    });
    expect((await versions('members', 'email')).filter((r) => r.id !== ADA)).toEqual([
      { id: GRACE, v: '40', value: 'grace@third.example' },
    ]);
    expect(await collapsed(A)).toEqual(seen);
    expect(await pruneHistory(client, { tenantId: A, before: new Date(NOW + DAY) })).toEqual({
      members: 0,
      events: 0,
      guest_purchases: 0,
      ledger_entries: 0,
    });
  });
});
