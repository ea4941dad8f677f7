import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbtProjectOnGateway } from './dbt-project.ts';

// The staging views read the change stream's versioned raw rows: the latest version of each row, deleted rows gone.

const ALPHA = '00000000-0000-4000-8000-00000000000a';
const BRAVO = '00000000-0000-4000-8000-00000000000b';
const CHARLIE = '00000000-0000-4000-8000-00000000000c';
const DELTA = '00000000-0000-4000-8000-00000000000d';

const tenant = (id: string, version: number, fields: Record<string, string>, deleted = 0) => ({
  id,
  slug: 'unset',
  name: 'unset',
  time_zone: 'UTC',
  currency: 'EUR',
  created_at: '2026-01-05 09:00:00.000000',
  updated_at: '2026-01-05 09:00:00.000000',
  ...fields,
  _version: version,
  _deleted: deleted,
});

/**
 * Changes as the change stream delivers them, one insert (one part) per batch so nothing is merged beforehand:
 * alpha is created then renamed, bravo created then deleted, charlie's batch is replayed after a crash, and delta's
 * older change arrives after its newer one.
 */
const batches = [
  [
    tenant(ALPHA, 100, { slug: 'alpha', name: 'Alpha Coffee' }),
    tenant(BRAVO, 110, { slug: 'bravo', name: 'Bravo Books', currency: 'GBP', time_zone: 'Europe/London' }),
  ],
  [tenant(CHARLIE, 120, { slug: 'charlie', name: 'Charlie Cycles', currency: 'USD', time_zone: 'America/New_York' })],
  [tenant(CHARLIE, 120, { slug: 'charlie', name: 'Charlie Cycles', currency: 'USD', time_zone: 'America/New_York' })],
  [
    tenant(ALPHA, 200, {
      slug: 'alpha',
      name: 'Alpha Coffee Roasters',
      time_zone: 'Europe/Paris',
      updated_at: '2026-02-01 10:30:00.250000',
    }),
    tenant(BRAVO, 210, { slug: 'bravo', name: 'Bravo Books', currency: 'GBP' }, 1),
  ],
  [tenant(DELTA, 300, { slug: 'delta', name: 'Delta Deli (renamed)', currency: 'JPY', time_zone: 'Asia/Tokyo' })],
  [tenant(DELTA, 150, { slug: 'delta', name: 'Delta Deli', currency: 'JPY', time_zone: 'Asia/Tokyo' })],
];

// Worked out by hand from the batches above: the highest version per tenant, bravo gone.
const expectedTenants = [
  {
    tenant_id: ALPHA,
    tenant_slug: 'alpha',
    tenant_name: 'Alpha Coffee Roasters',
    time_zone: 'Europe/Paris',
    currency_code: 'EUR',
    created_at: '2026-01-05 09:00:00.000000',
    updated_at: '2026-02-01 10:30:00.250000',
  },
  {
    tenant_id: CHARLIE,
    tenant_slug: 'charlie',
    tenant_name: 'Charlie Cycles',
    time_zone: 'America/New_York',
    currency_code: 'USD',
    created_at: '2026-01-05 09:00:00.000000',
    updated_at: '2026-01-05 09:00:00.000000',
  },
  {
    tenant_id: DELTA,
    tenant_slug: 'delta',
    tenant_name: 'Delta Deli (renamed)',
    time_zone: 'Asia/Tokyo',
    currency_code: 'JPY',
    created_at: '2026-01-05 09:00:00.000000',
    updated_at: '2026-01-05 09:00:00.000000',
  },
];

describe('staging views on the gateway', { timeout: 120_000 }, () => {
  const project = dbtProjectOnGateway();
  const { dbt, rows } = project;

  beforeAll(async () => {
    await project.start({ withFixture: false });
    for (const values of batches) await project.client.insert({ table: 'raw.tenants', values, format: 'JSONEachRow' });
    await dbt('run', '--select', 'stg_monet__tenants');
  });
  afterAll(() => project.stop());

  it('collapses raw.tenants to the latest version of each live tenant', async () => {
    const ids = expectedTenants.map((t) => `'${t.tenant_id}'`).join(', ');
    expect(
      await rows(`SELECT * FROM staging.stg_monet__tenants WHERE tenant_id IN (${ids}, '${BRAVO}') ORDER BY tenant_id`),
    ).toEqual(expectedTenants);
    // Staging is a view: BI users' database holds tables only.
    expect(await rows("SELECT database, engine FROM system.tables WHERE name = 'stg_monet__tenants'")).toEqual([
      { database: 'staging', engine: 'View' },
    ]);
  });
});
