import { describe, expect, it } from 'vitest';
import { tiersQuery } from './tiers.ts';

const params = {
  tenantId: '0b4a8a4e-5c43-4a57-9d2c-3f1e9a7c1d20',
  programId: '5d1c6a57-2b9e-4f0b-8a43-6c0e2b7d9f11',
  from: '2026-01-15',
  to: '2026-06-30',
};

describe('tiers query', () => {
  it('reads the distribution and the movements of the months in the range, each under its tenant and program', () => {
    const query = tiersQuery(params);
    const parts = query.sql.split('UNION ALL');
    expect(parts.map((part) => part.match(/FROM (marts\.\w+)/)?.[1])).toEqual([
      'marts.tier_distribution',
      'marts.tier_movements',
    ]);
    for (const part of parts) {
      expect(part).toMatch(
        /WHERE tenant_id = \{tenant:UUID\}\s+AND program_id = \{program:UUID\}\s+AND month BETWEEN toStartOfMonth\(\{from:Date\}\) AND \{to:Date\}/,
      );
    }
    expect(query.sql).toMatch(/ORDER BY part, month, tierRank, toTierRank$/);
    expect(query.params).toEqual({
      tenant: params.tenantId,
      program: params.programId,
      from: params.from,
      to: params.to,
    });
  });
});
