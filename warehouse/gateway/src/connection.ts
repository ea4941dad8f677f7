import { type ChdbResult, Session } from 'chdb';
import { quoteIdentifier, quoteString } from '../../src/clickhouse/quote.ts';
import { TABLES_SQL, type TableInfo, tenantFilters, tenantSettings } from './guard.ts';

// The gateway's users of the quoting (handler, sessions) import it from here.
export { quoteIdentifier, quoteString } from '../../src/clickhouse/quote.ts';

/** Marks a setting whose value is unknown after a failed SET, so the next request sets it again. */
const UNKNOWN = Symbol('unknown');

/**
 * One native connection to the engine. A request applies its settings and database as a difference from what
 * the previous request left: the same settings as last time cost no statement, and a request without a setting
 * an earlier one changed puts it back to its default first.
 */
export class Connection {
  private session: Session;
  /** Settings set from URL parameters, as they stand on the connection now. */
  private applied = new Map<string, string | typeof UNKNOWN>();
  /** The database a request without `database` runs in: `default`, or what `USE` chose in a session. */
  private homeDatabase = 'default';
  private currentDatabase: string | undefined = 'default';

  private constructor(
    private readonly path: string,
    readonly readonly: boolean,
  ) {
    this.session = new Session(path);
  }

  /** Opens a connection; a read-only one gets `readonly = 2`, which the engine never lets it undo. */
  static async open(path: string, readonly: boolean): Promise<Connection> {
    const connection = new Connection(path, readonly);
    await connection.restrict();
    return connection;
  }

  /**
   * A connection for one request of a user bound to a tenant: the client's settings, then the tenant's table
   * filters over every table the engine knows now and `readonly = 1`, after which nothing on this connection can
   * change a setting (URL, SET or a SETTINGS clause). Close it after the request.
   */
  static async openForTenant(
    path: string,
    tenantId: string,
    settings: ReadonlyMap<string, string>,
    database: string | undefined,
  ): Promise<Connection> {
    const connection = new Connection(path, true);
    try {
      const listed = await connection.session.queryAsync(TABLES_SQL, { format: 'JSONEachRow' });
      const tables = listed
        .text()
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as TableInfo);
      const assignments = [...settings].map(([name, value]) => `${name} = ${quoteString(value)}`);
      assignments.push(...tenantSettings(tenantFilters(tables, tenantId)));
      await connection.session.queryAsync(`SET ${assignments.join(', ')}`);
      if (database !== undefined) {
        await connection.session.queryAsync(`USE ${quoteIdentifier(database)}`);
        connection.currentDatabase = database;
      }
      connection.applied = new Map(settings);
    } catch (err) {
      connection.close();
      throw err;
    }
    return connection;
  }

  /** The engine's parse of a statement (`EXPLAIN AST`), with the request's parameters bound; runs nothing. */
  async explainAst(sql: string, params: Record<string, string>): Promise<string> {
    const result = await this.run(`EXPLAIN AST ${sql}`, 'TabSeparatedRaw', params);
    return result.text();
  }

  private async restrict(): Promise<void> {
    if (this.readonly) await this.session.queryAsync('SET readonly = 2');
  }

  /** Brings the connection to the settings (known names only) and database one request asks for. */
  async prepare(settings: ReadonlyMap<string, string>, database: string | undefined): Promise<void> {
    const changes: string[] = [];
    for (const name of this.applied.keys()) {
      if (!settings.has(name)) changes.push(`${name} = DEFAULT`);
    }
    for (const [name, value] of settings) {
      if (this.applied.get(name) !== value) changes.push(`${name} = ${quoteString(value)}`);
    }
    if (changes.length > 0) {
      const before = this.applied;
      this.applied = new Map(settings);
      try {
        await this.session.queryAsync(`SET ${changes.join(', ')}`);
      } catch (err) {
        // A bad value may leave some of the changes applied and others not.
        this.applied = new Map([...before.keys(), ...settings.keys()].map((name) => [name, UNKNOWN]));
        throw err;
      }
    }
    const target = database ?? this.homeDatabase;
    if (target !== this.currentDatabase) {
      this.currentDatabase = undefined;
      await this.session.queryAsync(`USE ${quoteIdentifier(target)}`);
      this.currentDatabase = target;
    }
  }

  run(sql: string, format: string, params: Record<string, string>): Promise<ChdbResult> {
    if (Object.keys(params).length > 0) return this.session.queryBindAsync(sql, params, { format });
    return this.session.queryAsync(sql, { format });
  }

  /**
   * A read's result as the engine produces it, chunk by chunk (one stream at a time per connection). Only for
   * formats whose chunks carry no header or footer of their own (see STREAMED_FORMATS), so they join into the whole.
   */
  async *stream(
    sql: string,
    format: string,
    params: Record<string, string>,
    signal: AbortSignal,
  ): AsyncGenerator<Buffer> {
    const chunks =
      Object.keys(params).length > 0
        ? this.session.queryStreamBind(sql, params, { format, signal })
        : this.session.queryStream(sql, { format, signal });
    try {
      // Not copied: each chunk's bytes are an ArrayBuffer of their own that stays valid after later chunks are read
      // (results.test.ts keeps every chunk of a many-chunk result and compares them with the engine's whole result).
      for await (const chunk of chunks) {
        const bytes = chunk.raw();
        yield Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      }
    } finally {
      if (!chunks.closed) chunks.cancel();
    }
  }

  /** After a `USE` statement: a session keeps the database it chose; a stateless request's choice is forgotten. */
  async databaseChanged(keep: boolean): Promise<void> {
    const result = await this.session.queryAsync('SELECT currentDatabase()', { format: 'TabSeparatedRaw' });
    this.currentDatabase = result.text().trim();
    if (keep) this.homeDatabase = this.currentDatabase;
  }

  /** Replaces the native connection: forgets SET state and temporary tables, keeps the read-only role. */
  async reset(): Promise<void> {
    this.session.close();
    this.session = new Session(this.path);
    this.applied = new Map();
    this.homeDatabase = 'default';
    this.currentDatabase = 'default';
    await this.restrict();
  }

  close(): void {
    this.session.close();
  }
}
