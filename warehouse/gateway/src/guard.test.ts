import { describe, expect, it } from 'vitest';
import { checkReadOnlyAst, checkReadOnlyText, explainable, filtersLiteral, tenantFilters } from './guard.ts';
import { hasSecondStatement } from './sql.ts';

const TENANT = '0b4a8a4e-5c43-4a57-9d2c-3f1e9a7c1d20';
const TABLE_FUNCTIONS = new Set(['numbers', 'merge', 'file', 'url', 'view', 'format', 'mergetreeindex']);

describe('read-only statement checks', () => {
  it('find a second statement only outside strings, quoted names and comments', () => {
    expect(hasSecondStatement('SELECT 1')).toBe(false);
    expect(hasSecondStatement('SELECT 1;  -- done\n ; /* end */')).toBe(false);
    expect(hasSecondStatement('SELECT \';DROP\', `a;b`, "c;d" -- ; x\nFROM t')).toBe(false);
    expect(hasSecondStatement('SELECT 1; SELECT 2')).toBe(true);
    expect(hasSecondStatement("SELECT 1;'x'")).toBe(true);
  });

  it('let reads through and refuse the rest before the engine', () => {
    for (const sql of ['SELECT 1', ' (SELECT 1)', 'with x as (select 1) select * from x', 'SHOW TABLES', 'DESC t']) {
      expect(() => checkReadOnlyText('bi', sql)).not.toThrow();
    }
    expect(() => checkReadOnlyText('bi', 'INSERT INTO t VALUES (1)')).toThrow(/readonly mode.*READONLY/);
    expect(() => checkReadOnlyText('bi', 'SELECT 1; SELECT 2')).toThrow(/Multi-statements/);
    expect(() => checkReadOnlyText('bi', "SELECT 1 INTO OUTFILE '/tmp/x'")).toThrow(/INTO OUTFILE.*ACCESS_DENIED/);
    expect(() => checkReadOnlyText('bi', "SELECT 'INTO OUTFILE' AS `outfile`")).not.toThrow();
  });

  it('explain a statement without its own FORMAT clause, and refuse functions that reach outside the tables', () => {
    expect(explainable("SELECT format('{}', 1) FROM t FORMAT JSONEachRow")).toBe("SELECT format('{}', 1) FROM t ");
    const ast = (fn: string) =>
      `SelectWithUnionQuery (children 1)\n ExpressionList (children 1)\n  SelectQuery (children 2)\n   Function ${fn} (alias x) (children 1)\n`;
    expect(() => checkReadOnlyAst('bi', ast('sum'), TABLE_FUNCTIONS)).not.toThrow();
    expect(() => checkReadOnlyAst('bi', ast('numbers'), TABLE_FUNCTIONS)).not.toThrow();
    for (const fn of ['file', 'FILE', 'merge', 'url', 'mergeTreeIndex', 'dictGetString', 'joinGet']) {
      expect(() => checkReadOnlyAst('bi', ast(fn), TABLE_FUNCTIONS)).toThrow(/ACCESS_DENIED/);
    }
    expect(() => checkReadOnlyAst('bi', '{"meta":[{"name":"explain"}]}', TABLE_FUNCTIONS)).toThrow(/cannot check/);
    expect(() => checkReadOnlyAst('bi', '', TABLE_FUNCTIONS)).toThrow(/cannot check/);
  });
});

describe('tenant table filters', () => {
  it('keep the tenant in marts, show marts only in the schema, and empty every other table', () => {
    const filters = tenantFilters(
      [
        { database: 'marts', name: 'member_rfm', tenanted: true },
        { database: 'marts', name: 'lookup', tenanted: false },
        { database: 'raw', name: 'members', tenanted: true },
        { database: 'system', name: 'tables', tenanted: false },
        { database: 'system', name: 'one', tenanted: false },
        { database: 'system', name: 'processes', tenanted: false },
        { database: 'information_schema', name: 'tables', tenanted: false },
      ],
      TENANT,
    );
    expect(Object.fromEntries(filters)).toEqual({
      'marts.member_rfm': `tenant_id = toUUID('${TENANT}')`,
      'marts.lookup': '0',
      'raw.members': '0',
      'system.tables': "database = 'marts'",
      'system.processes': '0',
    });
    expect(filtersLiteral(filters)).toContain(`'marts.member_rfm': 'tenant_id = toUUID(\\'${TENANT}\\')'`);
  });

  it('refuse a tenant id that is not a UUID', () => {
    expect(() => tenantFilters([], "x') OR 1 OR ('")).toThrow(/not a tenant id/);
  });
});
