import { quoteString } from '../../src/clickhouse/quote.ts';
import { gatewayError } from './errors.ts';
import { formatClauseStart, hasKeyword, hasSecondStatement, leadingWords } from './sql.ts';

/**
 * What read-only users of the gateway may run. chDB has no access control of its own (no users, grants or row
 * policies: the engine refuses CREATE USER and CREATE ROW POLICY), and `readonly` alone still lets a query read
 * local files (`file()`), write them (`INTO OUTFILE`), and read through table functions. So the gateway checks a
 * read-only user's statement before the engine runs it, and never rewrites it:
 *
 * - one statement (the engine would run every statement of a multi-statement text);
 * - a statement that reads: SELECT, WITH, SHOW, DESCRIBE, EXISTS, EXPLAIN, USE; no INTO OUTFILE;
 * - in the engine's own parse of it (`EXPLAIN AST`), no function that reaches outside the tables (`file`,
 *   dictionaries, Join tables, models) and no table function but those that generate rows.
 *
 * For a user bound to a tenant, the engine also enforces `additional_table_filters` on every table it knows (see
 * `tenantFilters`) under `readonly = 1`, which the statement cannot change.
 */

/** First keywords of the statements a read-only user may send. */
const READ_STATEMENTS = new Set(['SELECT', 'WITH', 'SHOW', 'DESCRIBE', 'DESC', 'EXISTS', 'EXPLAIN', 'USE']);

/** Table functions that only generate rows or read the query's own text; every other one is refused. */
const ROW_GENERATORS = new Set([
  'numbers',
  'numbers_mt',
  'zeros',
  'zeros_mt',
  'values',
  'null',
  'generaterandom',
  'generateseries',
  'generate_series',
  'primes',
  'view',
  'format',
]);

/** Scalar functions that read outside the tables a query names. */
function readsOutside(name: string): boolean {
  return (
    name === 'file' ||
    name.startsWith('dict') ||
    name === 'joinget' ||
    name === 'joingetornull' ||
    name === 'catboostevaluate'
  );
}

const refuse = (user: string, what: string) =>
  gatewayError('ACCESS_DENIED', `${user}: Not enough privileges. ${what} is not available to read-only users`);

/** Checks the text of a read-only user's statement, before any engine call. */
export function checkReadOnlyText(user: string, sql: string): void {
  if (hasSecondStatement(sql)) throw gatewayError('SYNTAX_ERROR', 'Multi-statements are not allowed');
  const [first = ''] = leadingWords(sql, 1);
  if (!READ_STATEMENTS.has(first)) throw gatewayError('READONLY', `${user}: Cannot execute query in readonly mode`);
  if (hasKeyword(sql, 'OUTFILE')) throw refuse(user, 'INTO OUTFILE');
}

/**
 * The statement to give `EXPLAIN AST`: without its own FORMAT clause, which would otherwise choose the format of the
 * dump (the clause only concerns the output, so the parse is the same).
 */
export function explainable(sql: string): string {
  const format = formatClauseStart(sql);
  return format === undefined ? sql : sql.slice(0, format);
}

/** An AST dump as `EXPLAIN AST` prints it in TabSeparatedRaw: one node per line, indented. */
const AST_LINE = /^ *[A-Z][A-Za-z]*( |$)/;

/** The functions an `EXPLAIN AST` dump names (`Function <name>` lines), lower-cased. */
export function astFunctions(ast: string): string[] {
  return [...ast.matchAll(/^\s*Function (\S+)/gm)].map((m) => (m[1] as string).toLowerCase());
}

/**
 * Checks the engine's parse of a read-only user's statement; `tableFunctions` are the engine's, lower-cased. A dump
 * that is not one node per line (another output format slipped through, a literal with a line break) is refused
 * rather than guessed at.
 */
export function checkReadOnlyAst(user: string, ast: string, tableFunctions: ReadonlySet<string>): void {
  const lines = ast.split('\n').filter((line) => line !== '');
  if (lines.length === 0 || !lines.every((line) => AST_LINE.test(line))) {
    throw refuse(user, 'A statement the gateway cannot check (a line break inside a literal?)');
  }
  for (const name of astFunctions(ast)) {
    if (readsOutside(name)) throw refuse(user, `The function ${name}`);
    if (tableFunctions.has(name) && !ROW_GENERATORS.has(name)) throw refuse(user, `The table function ${name}`);
  }
}

/** A table the engine knows, and whether it has a `tenant_id` column. */
export interface TableInfo {
  database: string;
  name: string;
  tenanted: boolean;
}

/** The query that lists them, run on the tenant's connection before it turns read-only. */
export const TABLES_SQL = `SELECT database, name,
  (database, name) IN (SELECT database, table FROM system.columns WHERE name = 'tenant_id') AS tenanted
FROM system.tables`;

/** System tables a BI tool reads to learn the schema, limited to the marts. */
const SYSTEM_FILTERS: Record<string, string> = {
  databases: "name = 'marts'",
  tables: "database = 'marts'",
  columns: "database = 'marts'",
  data_skipping_indices: "database = 'marts'",
};

/** System tables of the engine's own constants (no data, no other queries, no sizes): left unfiltered. */
const SYSTEM_OPEN = new Set([
  'one',
  'numbers',
  'numbers_mt',
  'zeros',
  'zeros_mt',
  'functions',
  'table_functions',
  'aggregate_function_combinators',
  'data_type_families',
  'formats',
  'settings',
  'time_zones',
  'collations',
  'table_engines',
  'database_engines',
  'keywords',
  'build_options',
  'licenses',
  'contributors',
]);

/** Views over the system tables above, which their filters already limit. */
const SCHEMA_VIEWS = new Set(['information_schema', 'INFORMATION_SCHEMA']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `additional_table_filters` for a user bound to one tenant, deny by default: every marts table with a
 * `tenant_id` keeps the tenant's rows; the schema tables show the marts only; the engine's constant tables stay
 * open; every other table of every database (raw, staging, system tables of queries, parts and processes, a
 * marts table without `tenant_id`) reads as empty. Built from the tables as they are at the request, so a table
 * created later is covered from its first request.
 */
export function tenantFilters(tables: readonly TableInfo[], tenantId: string): Map<string, string> {
  if (!UUID.test(tenantId)) throw new Error(`not a tenant id: ${tenantId}`);
  const filters = new Map<string, string>();
  for (const t of tables) {
    const key = `${t.database}.${t.name}`;
    if (t.database === 'marts') filters.set(key, t.tenanted ? `tenant_id = toUUID('${tenantId}')` : '0');
    else if (t.database === 'system') {
      const filter = SYSTEM_FILTERS[t.name];
      if (filter) filters.set(key, filter);
      else if (!SYSTEM_OPEN.has(t.name)) filters.set(key, '0');
    } else if (!SCHEMA_VIEWS.has(t.database)) filters.set(key, '0');
  }
  return filters;
}

/** The filters as a ClickHouse Map literal for `SET additional_table_filters = …`. */
export function filtersLiteral(filters: ReadonlyMap<string, string>): string {
  return `{${[...filters].map(([table, filter]) => `${quoteString(table)}: ${quoteString(filter)}`).join(', ')}}`;
}

/**
 * URL settings a tenant's user may not send: the gateway sets them itself. ClickHouse answers a read-only user
 * who tries the same way.
 */
export const TENANT_FIXED_SETTINGS = new Set([
  'additional_table_filters',
  'additional_result_filter',
  'readonly',
  'enable_analyzer',
  'allow_experimental_analyzer',
  'use_query_cache',
  'enable_reads_from_query_cache',
  'enable_writes_to_query_cache',
  'allow_introspection_functions',
]);

/** The settings the gateway fixes on a tenant's connection, after the client's own; `readonly = 1` goes last. */
export function tenantSettings(filters: ReadonlyMap<string, string>): string[] {
  return [
    `additional_table_filters = ${filtersLiteral(filters)}`,
    'use_query_cache = 0',
    'enable_analyzer = 1',
    'allow_introspection_functions = 0',
    'readonly = 1',
  ];
}
