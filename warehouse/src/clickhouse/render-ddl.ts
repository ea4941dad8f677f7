import { splitStatements } from './split-statements.ts';
import { isBlank, tokens } from './sql-lexer.ts';

/**
 * How the warehouse's DDL is laid out: on one server (the embedded gateway, or one ClickHouse), every statement runs
 * as written; on a cluster, each table becomes a replicated local table on every shard plus a Distributed table of
 * the same name over them, and every statement runs `ON CLUSTER`.
 */
export type DdlLayout = { kind: 'server' } | { kind: 'cluster'; cluster: string };

/** Suffix of the local table behind a Distributed one: dbt-clickhouse's default (`local_suffix`), so raw and marts agree. */
export const LOCAL_SUFFIX = '_local';
/** Databases whose tables every node keeps whole (the runner's own records), replicated but not sharded. */
const UNSHARDED_DATABASES = new Set(['monet_meta']);

const CREATE_DATABASE = /^CREATE\s+DATABASE\s+(IF\s+NOT\s+EXISTS\s+)?([A-Za-z_][\w]*)\s*$/i;
const CREATE_TABLE =
  /^CREATE\s+TABLE\s+(IF\s+NOT\s+EXISTS\s+)?([A-Za-z_]\w*)\.([A-Za-z_]\w*)\s*(\([\s\S]*\))\s*ENGINE\s*=\s*(\w*ReplacingMergeTree|MergeTree)(?:\s*\(([^)]*)\))?\s*([\s\S]*)$/i;
const ALTER_TABLE = /^ALTER\s+TABLE\s+([A-Za-z_]\w*)\.([A-Za-z_]\w*)\s+([\s\S]*)$/i;

/** Splits a DDL file into statements and renders each for the layout: one statement in, one or more out. */
export function renderDdl(script: string, layout: DdlLayout): string[] {
  return splitStatements(script).flatMap((statement) => renderStatement(statement, layout));
}

/** A statement without its leading comments: the part the patterns read. */
function code(statement: string): { comments: string; body: string } {
  for (const token of tokens(statement)) {
    if (!isBlank(token)) return { comments: statement.slice(0, token.start), body: statement.slice(token.start) };
  }
  return { comments: statement, body: '' };
}

export function renderStatement(statement: string, layout: DdlLayout): string[] {
  if (layout.kind === 'server') return [statement];
  const on = `ON CLUSTER ${layout.cluster}`;
  const { comments, body } = code(statement);

  const database = CREATE_DATABASE.exec(body);
  if (database) return [`${comments}CREATE DATABASE ${database[1] ?? ''}${database[2]} ${on}`];

  const table = CREATE_TABLE.exec(body);
  if (table) {
    const [, ifNotExists = '', db, name, columns, engine, engineArgs, rest] = table as unknown as string[];
    const exists = ifNotExists ? 'IF NOT EXISTS ' : '';
    // One replica path per shard ({shard}); the runner's own tables have a single path, so every node holds them.
    const sharded = !UNSHARDED_DATABASES.has(db!);
    const local = sharded ? `${name}${LOCAL_SUFFIX}` : name!;
    const path = `'/clickhouse/tables/${sharded ? '{shard}' : 'all'}/${db}/${local}'`;
    const args = [path, "'{replica}'", ...(engineArgs?.trim() ? [engineArgs.trim()] : [])].join(', ');
    const replicated = `${comments}CREATE TABLE ${exists}${db}.${local} ${on}\n${columns}\nENGINE = Replicated${engine}(${args})\n${rest!.trim()}`;
    if (!sharded) return [replicated];
    const distributed = `CREATE TABLE ${exists}${db}.${name} ${on} AS ${db}.${local}\nENGINE = Distributed(${layout.cluster}, ${db}, ${local}, ${shardingKey(columns!, rest!)})`;
    return [replicated, distributed];
  }

  const alter = ALTER_TABLE.exec(body);
  if (alter) {
    const [, db, name, change] = alter as unknown as string[];
    if (UNSHARDED_DATABASES.has(db!)) return [`${comments}ALTER TABLE ${db}.${name} ${on} ${change}`];
    // The local tables hold the data; the Distributed table must show the same columns.
    return [
      `${comments}ALTER TABLE ${db}.${name}${LOCAL_SUFFIX} ${on} ${change}`,
      `ALTER TABLE ${db}.${name} ${on} ${change}`,
    ];
  }
  throw new Error(`No cluster rendering for this statement; add one to render-ddl.ts:\n${statement}`);
}

/**
 * Where a row goes: a member's rows (their events, ledger, balances…) to one shard, so the marts' per-member joins stay
 * on the shard; every version of a row to the same shard as the first (ReplacingMergeTree collapses versions only
 * within a shard), which holds because a row's member never changes. Tables without a member spread by their key.
 */
export function shardingKey(columns: string, rest: string): string {
  const names = new Set([...columns.matchAll(/^\s*([a-z_][a-z0-9_]*)\s+\S/gim)].map((m) => m[1]!.toLowerCase()));
  if (names.has('tenant_id') && names.has('member_id')) return 'cityHash64(tenant_id, member_id)';
  const orderBy = /ORDER\s+BY\s+\(?([^)\n;]+)\)?/i.exec(rest)?.[1]?.trim();
  if (!orderBy) throw new Error('A sharded table needs an ORDER BY to derive its sharding key from');
  return `cityHash64(${orderBy})`;
}
