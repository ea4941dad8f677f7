import { describe, expect, it } from 'vitest';
import { cohortsQuery } from './cohorts.ts';
import { funnelsQuery } from './funnels.ts';
import type { SqlQuery } from './mart-reader.ts';
import { membersQuery } from './members.ts';
import { overviewQuery } from './overview.ts';
import { pointsEconomyQuery } from './points-economy.ts';
import { rfmQuery } from './rfm.ts';
import { tierDistributionQuery, tierMovementsQuery } from './tiers.ts';

const tenantId = 'a3c1e2d4-0000-4000-8000-00000000beef';
const programId = 'b7f0c9d1-0000-4000-8000-00000000cafe';
const range = { from: '2031-02-03', to: '2031-05-06' };

/** Every report query, with values that could not appear in its SQL by chance. */
const queries: [string, SqlQuery][] = [
  ['cohorts', cohortsQuery({ tenantId, grain: 'week', ...range })],
  ['rfm', rfmQuery({ tenantId })],
  ['funnels by range', funnelsQuery({ tenantId, kind: 'enrolment', range })],
  ['funnels by cohort', funnelsQuery({ tenantId, kind: 'campaign', cohort: "x' OR 1=1 --" })],
  ['points economy', pointsEconomyQuery({ tenantId, programId, ...range })],
  ['tier distribution', tierDistributionQuery({ tenantId, programId, ...range })],
  ['tier movements', tierMovementsQuery({ tenantId, programId, ...range })],
  ['overview', overviewQuery({ tenantId, programId, ...range })],
  [
    'members',
    membersQuery({
      tenantId,
      sort: 'lastPurchaseAt',
      order: 'desc',
      take: 987,
      segments: ['Champions'],
      tierId: programId,
      tag: "vip'); DROP TABLE x; --",
      minRevenueMinor: 123457,
      maxRevenueMinor: 987654,
      minRecencyDays: 31,
      maxRecencyDays: 365,
      after: { value: 1_700_000_000_123, memberId: 'c0ffee00-0000-4000-8000-000000000001' },
    }),
  ],
];

const placeholders = (sql: string) => new Set([...sql.matchAll(/\{(\w+):[^}]+\}/g)].map((m) => m[1]));

describe.each(queries)('the %s query', (_, query) => {
  it('binds the tenant and filters every mart it reads by it', () => {
    expect(query.params.tenant).toBe(tenantId);
    const reads = query.sql.match(/FROM marts\.\w+/g) ?? [];
    const filters = query.sql.match(/WHERE tenant_id = \{tenant:UUID\}/g) ?? [];
    expect(reads.length).toBeGreaterThan(0);
    expect(filters).toHaveLength(reads.length);
  });

  it('binds exactly the values its placeholders name', () => {
    expect(placeholders(query.sql)).toEqual(new Set(Object.keys(query.params)));
  });

  it('carries no value in its text', () => {
    for (const value of Object.values(query.params).flat()) {
      expect(query.sql).not.toContain(String(value));
    }
  });
});
