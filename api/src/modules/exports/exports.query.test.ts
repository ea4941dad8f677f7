import { describe, expect, it } from 'vitest';
import { MART_NAMES, MARTS, martColumns } from './exports.marts.ts';
import { builtColumnsQuery, exportCountQuery, exportQuery } from './exports.query.ts';

const TENANT = '0b4a8a4e-5c43-4a57-9d2c-3f1e9a7c1d20';

describe('export queries', () => {
  it('select the chosen columns of the tenant in the grain order, the range as bound parameters', () => {
    const query = exportQuery(TENANT, {
      mart: 'points_economy',
      columns: ['day', 'outstanding_points'],
      range: { from: '2026-01-01', to: '2026-03-31' },
    });
    expect(query.sql).toMatchInlineSnapshot(`
      "SELECT \`day\`, \`outstanding_points\`
      FROM marts.\`points_economy\`
      WHERE tenant_id = {tenant:UUID}
        AND \`day\` BETWEEN {from:Date} AND {to:Date}
      ORDER BY \`tenant_id\`, \`program_id\`, \`day\`"
    `);
    expect(query.params).toEqual({ tenant: TENANT, from: '2026-01-01', to: '2026-03-31' });
  });

  it('filter member_360 by the UTC day of enrolment, and count the same rows', () => {
    const selection = {
      mart: 'member_360' as const,
      columns: ['member_id'],
      range: { from: '2026-01-01', to: '2026-01-31' },
    };
    expect(exportCountQuery(TENANT, selection).sql).toMatchInlineSnapshot(`
      "SELECT count() AS rows
      FROM marts.\`member_360\`
      WHERE tenant_id = {tenant:UUID}
        AND toDate(\`enrolled_at\`, 'UTC') BETWEEN {from:Date} AND {to:Date}"
    `);
    expect(exportQuery(TENANT, { mart: 'member_rfm', columns: ['member_id'] }).params).toEqual({ tenant: TENANT });
  });

  it('never put a name outside the allow-list into SQL', () => {
    expect(() => exportQuery(TENANT, { mart: 'member_rfm', columns: ['member_id`; DROP'] })).toThrow(/not a column/);
    expect(() =>
      exportQuery(TENANT, {
        mart: 'member_rfm',
        columns: ['member_id'],
        range: { from: '2026-01-01', to: '2026-01-02' },
      }),
    ).toThrow(/no date column/);
  });

  it('read the built columns of one mart by a bound name', () => {
    expect(builtColumnsQuery('funnels')).toEqual({
      sql: "SELECT name, type\nFROM system.columns\nWHERE database = 'marts' AND table = {mart:String}\nORDER BY position",
      params: { mart: 'funnels' },
    });
  });

  it.each(MART_NAMES)('%s: tenant_id first, a grain order of its own columns, a date column it has', (mart) => {
    const spec = MARTS[mart];
    expect(martColumns(mart)[0]).toBe('tenant_id');
    expect(spec.orderBy[0]).toBe('tenant_id');
    for (const column of spec.orderBy) expect(Object.keys(spec.columns)).toContain(column);
    if ('date' in spec) expect(Object.keys(spec.columns)).toContain(spec.date.column);
  });
});
