import { randomUUID } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { readStatement, type Statement } from './body.ts';
import { Connection, quoteString } from './connection.ts';
import { type ClickHouseError, gatewayError, toClickHouseError } from './errors.ts';
import { checkReadOnlyAst, checkReadOnlyText, explainable, TENANT_FIXED_SETTINGS } from './guard.ts';
import type { ConnectionPool } from './pool.ts';
import { parseRequest, type QueryRequest } from './request.ts';
import {
  baseHeaders,
  contentTypeFor,
  responseEncoding,
  type ServerInfo,
  sendError,
  sendFile,
  sendResult,
  sendStream,
  summaryHeader,
} from './response.ts';
import type { SessionRegistry } from './sessions.ts';
import { formatClause, hasKeyword, intoOutfile, leadingWords } from './sql.ts';
import type { Users } from './users.ts';

export interface HandlerDeps {
  info: ServerInfo;
  users: Users;
  pool: ConnectionPool;
  readonlyPool: ConnectionPool;
  sessions: SessionRegistry;
  /** Setting names the engine knows, so a typo fails before it touches a connection. */
  knownSettings: ReadonlySet<string>;
  /** Table function names the engine knows, lower-cased: read-only users may call only those that generate rows. */
  tableFunctions: ReadonlySet<string>;
  /** The engine's data directory, for the connections of tenant-bound users. */
  dataDir: string;
  sessionTimeoutSeconds: number;
  /** Where INSERT rows are spooled and where the engine writes results that are sent from a file. */
  uploadDir: string;
  /** Unexpected failures (not query errors), for the log. */
  onError: (err: unknown) => void;
}

interface Lease {
  connection: Connection;
  stateful: boolean;
  release(): void;
}

const OK = Buffer.from('Ok.\n');
const NOTHING_YET = { readRows: 0, readBytes: 0, writtenRows: 0, writtenBytes: 0, resultBytes: 0, elapsedNs: 0 };

function sendOk(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8', 'Content-Length': String(OK.length) });
  res.end(OK);
}

async function lease(
  deps: HandlerDeps,
  request: QueryRequest,
  user: string,
  readonly: boolean,
  signal: AbortSignal,
): Promise<Lease> {
  if (request.session) {
    const { id, check, timeoutSeconds } = request.session;
    const session = await deps.sessions.acquire(user, id, { check, readonly });
    return {
      connection: session.connection,
      stateful: true,
      release: () => session.release(timeoutSeconds ?? deps.sessionTimeoutSeconds),
    };
  }
  const pool = readonly ? deps.readonlyPool : deps.pool;
  const connection = await pool.acquire(signal);
  return { connection, stateful: false, release: () => pool.release(connection) };
}

/**
 * A connection for one request of a user bound to a tenant (see Connection.openForTenant); `session_id` is ignored,
 * since nothing a session could keep (settings, temporary tables) can be made under `readonly = 1`. A connection
 * of the read-only pool is held as the request's place in line, so the pool's size also caps these requests.
 */
async function leaseForTenant(
  deps: HandlerDeps,
  request: QueryRequest,
  tenantId: string,
  signal: AbortSignal,
): Promise<Lease> {
  const place = await deps.readonlyPool.acquire(signal);
  try {
    const connection = await Connection.openForTenant(deps.dataDir, tenantId, request.settings, request.database);
    return {
      connection,
      stateful: false,
      release: () => {
        connection.close();
        deps.readonlyPool.release(place);
      },
    };
  } catch (err) {
    deps.readonlyPool.release(place);
    throw err;
  }
}

/** Output formats whose chunks carry no header or footer of their own, so the chunks join into the whole result. */
const STREAMED_FORMATS = new Set(
  [
    'JSONEachRow',
    'JSONStringsEachRow',
    'JSONCompactEachRow',
    'JSONCompactStringsEachRow',
    'JSONLines',
    'NDJSON',
    'TabSeparated',
    'TSV',
    'TabSeparatedRaw',
    'TSVRaw',
    'CSV',
    'CustomSeparated',
    'RowBinary',
    'Native',
  ].map((f) => f.toLowerCase()),
);

/**
 * How a result reaches the client. A read is never held in the gateway's memory: in a format whose chunks join,
 * it streams as the engine produces it; in any other (Parquet, JSON, …WithNames) or under `wait_end_of_query=1`,
 * the engine writes it to a file that is then sent from disk. Other statements answer little and are buffered.
 */
function resultRoute(statement: Statement, format: string, request: QueryRequest): 'stream' | 'file' | 'buffer' {
  if (statement.kind !== 'query') return 'buffer';
  const [first] = leadingWords(statement.sql, 1);
  if ((first !== 'SELECT' && first !== 'WITH') || hasKeyword(statement.sql, 'OUTFILE')) return 'buffer';
  return STREAMED_FORMATS.has(format.toLowerCase()) && !request.waitEndOfQuery ? 'stream' : 'file';
}

function checkSettings(deps: HandlerDeps, settings: ReadonlyMap<string, string>, tenantBound: boolean): void {
  for (const name of settings.keys()) {
    if (!deps.knownSettings.has(name)) throw gatewayError('UNKNOWN_SETTING', `Unknown setting '${name}'`);
    if (tenantBound && TENANT_FIXED_SETTINGS.has(name)) {
      throw gatewayError('READONLY', `Cannot modify '${name}' setting in readonly mode`);
    }
  }
}

async function execute(
  deps: HandlerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  request: QueryRequest,
): Promise<void> {
  const headers = baseHeaders(deps.info, request.queryId);
  const abort = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) abort.abort();
  };
  res.once('close', onClose);
  let held: Lease | undefined;
  let statement: Statement | undefined;
  let outfile: string | undefined;
  try {
    const user = await deps.users.authenticate(request.credentials);
    // As ClickHouse: GET and `readonly` in the URL only read.
    const readonly = user.readonly || request.readonly || req.method === 'GET';
    checkSettings(deps, request.settings, user.tenantId !== undefined);
    // The body is read before a connection is taken, so a slow upload holds none.
    statement = await readStatement(req, request.urlQuery, req.headers['content-encoding'], deps.uploadDir);
    if (!statement.sql.trim()) throw gatewayError('SYNTAX_ERROR', 'Empty query');
    if (user.readonly) {
      if (statement.kind === 'insert')
        throw gatewayError('READONLY', `${user.name}: Cannot execute query in readonly mode`);
      checkReadOnlyText(user.name, statement.sql);
    }
    held = user.tenantId
      ? await leaseForTenant(deps, request, user.tenantId, abort.signal)
      : await lease(deps, request, user.name, readonly, abort.signal);

    const { connection } = held;
    if (!user.tenantId) await connection.prepare(request.settings, request.database);
    if (user.readonly) {
      const ast = await connection.explainAst(explainable(statement.sql), request.params);
      checkReadOnlyAst(user.name, ast, deps.tableFunctions);
    }
    const format =
      statement.kind === 'insert' ? request.defaultFormat : (formatClause(statement.sql) ?? request.defaultFormat);
    headers['X-ClickHouse-Format'] = format;
    headers['Content-Type'] = contentTypeFor(format);
    const encoding = request.compressResponse ? responseEncoding(req.headers) : undefined;
    const route = resultRoute(statement, format, request);
    if (route === 'stream') {
      // The status line goes before the engine has counted anything, as with ClickHouse's streamed results.
      headers['X-ClickHouse-Summary'] = summaryHeader(NOTHING_YET);
      const chunks = connection.stream(statement.sql, format, request.params, abort.signal);
      try {
        await sendStream(res, headers, chunks, encoding);
      } finally {
        // A client that hung up fails the send before the stream has let go of the engine: wait for it, or the
        // connection would serve its next request while a stream is still open on it.
        await chunks.return(undefined);
      }
      return;
    }
    if (route === 'file') outfile = join(deps.uploadDir, randomUUID());
    const sql = outfile ? intoOutfile(statement.sql, quoteString(outfile), format) : statement.sql;
    const started = process.hrtime.bigint();
    const result = await connection.run(sql, format, request.params);
    const elapsedNs = Number(process.hrtime.bigint() - started);
    if (!user.tenantId) await afterStatement(connection, statement.sql, held.stateful);
    held.release();
    held = undefined;

    const inserted = statement.kind === 'insert';
    const summary = (resultBytes: number) =>
      summaryHeader({
        readRows: result.rowsRead,
        readBytes: result.bytesRead,
        writtenRows: inserted ? result.rowsRead : 0,
        writtenBytes: inserted ? result.bytesRead : 0,
        resultBytes,
        elapsedNs,
      });
    if (outfile === undefined) {
      const body = result.bytes();
      headers['X-ClickHouse-Summary'] = summary(body.length);
      await sendResult(res, headers, body, encoding);
    } else {
      headers['X-ClickHouse-Summary'] = summary((await stat(outfile)).size);
      await sendFile(res, headers, outfile, encoding);
    }
  } catch (err) {
    const error: ClickHouseError = toClickHouseError(err);
    // A client that hangs up mid-result is not a failure of the gateway.
    if (error.code === 1001 && !abort.signal.aborted) deps.onError(err);
    sendError(res, headers, error, deps.info.version);
  } finally {
    held?.release();
    res.off('close', onClose);
    if (statement?.kind === 'insert') await rm(statement.file, { force: true });
    if (outfile) await rm(outfile, { force: true });
  }
}

/**
 * What a statement leaves on its connection that ClickHouse would not keep: a stateless request's SET and
 * temporary tables live only for that request, so its connection is replaced; a USE is tracked.
 */
async function afterStatement(connection: Connection, sql: string, stateful: boolean): Promise<void> {
  const [first, second] = leadingWords(sql);
  if (first === 'USE') await connection.databaseChanged(stateful);
  else if (!stateful && (first === 'SET' || (first === 'CREATE' && second === 'TEMPORARY'))) await connection.reset();
}

/** The HTTP handler: `/ping`, `/` and queries, everything else 404. Never throws; every failure is a response. */
export function createHandler(deps: HandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    if (url.pathname === '/ping' && (req.method === 'GET' || req.method === 'HEAD')) return sendOk(res);
    if (url.pathname === '/' && (req.method === 'GET' || req.method === 'HEAD') && !url.searchParams.has('query')) {
      return sendOk(res);
    }
    let request: QueryRequest;
    try {
      if (url.pathname !== '/') {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=UTF-8' });
        res.end(`There is no handle ${url.pathname}\n`);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'POST') {
        throw gatewayError('BAD_ARGUMENTS', `HTTP method ${req.method} is not supported; use GET or POST`);
      }
      request = parseRequest(url.searchParams, req.headers);
    } catch (err) {
      sendError(res, baseHeaders(deps.info, ''), toClickHouseError(err), deps.info.version);
      return;
    }
    void execute(deps, req, res, request);
  };
}
