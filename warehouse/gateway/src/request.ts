import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { gatewayError } from './errors.ts';

export interface Credentials {
  user: string;
  password: string;
}

/** What a ClickHouse HTTP request asks for, read from its URL parameters and headers (the body is read later). */
export interface QueryRequest {
  /** The `query` URL parameter; the body, if any, follows it. */
  urlQuery: string;
  database: string | undefined;
  /** `default_format` / `X-ClickHouse-Format`: the output format unless the query names its own. */
  defaultFormat: string;
  queryId: string;
  session: { id: string; timeoutSeconds: number | undefined; check: boolean } | undefined;
  /** `param_<name>` values for `{name:Type}` placeholders, unescaped: chDB escapes them again when it binds. */
  params: Record<string, string>;
  /** Every other parameter: a ClickHouse setting for this query. */
  settings: Map<string, string>;
  credentials: Credentials | undefined;
  /** `readonly=1|2` in the URL: run with the read-only role. */
  readonly: boolean;
  /** `enable_http_compression=1`: compress the response if the client accepts a method we produce. */
  compressResponse: boolean;
  /** `wait_end_of_query=1`: the whole result exists before the first byte is sent, so a late error keeps its status. */
  waitEndOfQuery: boolean;
}

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '0': '\0', a: '\x07', v: '\v' };

/**
 * A `param_` value as ClickHouse reads it: in its escaped text form (`\'` is a quote, `\\` a backslash, `\t` a
 * tab, a backslash before any other character is that character), so `x\'y` binds the string `x'y`. chDB's binding
 * escapes the values it is given, so they are passed on unescaped; `\N` (NULL) is left as it is.
 */
export function unescapeParam(text: string): string {
  if (text === '\\N' || !text.includes('\\')) return text;
  return text.replace(/\\(x[0-9a-fA-F]{2}|[\s\S])/g, (_, c: string) =>
    c.length === 3 ? String.fromCharCode(Number.parseInt(c.slice(1), 16)) : (ESCAPES[c] ?? c),
  );
}

/**
 * Parameters that steer the transport rather than the query. The progress and cancellation ones are settings
 * in ClickHouse, but they only describe HTTP behaviour the gateway does not have (progress headers, cancelling
 * on disconnect), so setting them on the engine would cost a statement and change nothing.
 */
const TRANSPORT_PARAMS = new Set([
  'query',
  'database',
  'default_format',
  'query_id',
  'session_id',
  'session_timeout',
  'session_check',
  'user',
  'password',
  'quota_key',
  'role',
  'buffer_size',
  'wait_end_of_query',
  'client_protocol_version',
  'stacktrace',
  'readonly',
  'compress',
  'decompress',
  'enable_http_compression',
  'http_zlib_compression_level',
  'http_native_compression_disable_checksumming_on_decompress',
  'send_progress_in_http_headers',
  'http_headers_progress_interval_ms',
  'http_wait_end_of_query',
  'http_response_buffer_size',
  'cancel_http_readonly_queries_on_client_close',
]);

const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const MAX_SESSION_TIMEOUT_SECONDS = 3600;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function credentialsFrom(params: URLSearchParams, headers: IncomingHttpHeaders): Credentials | undefined {
  const headerUser = header(headers, 'x-clickhouse-user');
  if (headerUser !== undefined) return { user: headerUser, password: header(headers, 'x-clickhouse-key') ?? '' };
  const authorization = header(headers, 'authorization');
  if (authorization?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon === -1) return { user: decoded, password: '' };
    return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  const user = params.get('user');
  if (user !== null) return { user, password: params.get('password') ?? '' };
  return undefined;
}

function flag(params: URLSearchParams, name: string): boolean {
  const value = params.get(name);
  return value !== null && value !== '0' && value.toLowerCase() !== 'false';
}

/** Reads a request's parameters and headers; throws a ClickHouse error for values ClickHouse would refuse. */
export function parseRequest(params: URLSearchParams, headers: IncomingHttpHeaders): QueryRequest {
  if (flag(params, 'compress') || flag(params, 'decompress')) {
    throw gatewayError(
      'NOT_IMPLEMENTED',
      "ClickHouse's native block compression (compress=1, decompress=1) is not supported by this gateway; use HTTP compression (enable_http_compression=1, Content-Encoding)",
    );
  }
  const settings = new Map<string, string>();
  const queryParams: Record<string, string> = {};
  for (const [name, value] of params) {
    if (name.startsWith('param_')) queryParams[name.slice(6)] = unescapeParam(value);
    else if (!TRANSPORT_PARAMS.has(name)) {
      if (!SETTING_NAME.test(name)) throw gatewayError('BAD_ARGUMENTS', `Invalid setting name ${JSON.stringify(name)}`);
      settings.set(name, value);
    }
  }

  const sessionId = params.get('session_id') || undefined;
  let session: QueryRequest['session'];
  if (sessionId) {
    const raw = params.get('session_timeout');
    let timeoutSeconds: number | undefined;
    if (raw !== null && raw !== '') {
      timeoutSeconds = Number(raw);
      if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 0) {
        throw gatewayError('BAD_ARGUMENTS', `Invalid session timeout: ${JSON.stringify(raw)}`);
      }
      if (timeoutSeconds > MAX_SESSION_TIMEOUT_SECONDS) {
        throw gatewayError(
          'BAD_ARGUMENTS',
          `Session timeout ${timeoutSeconds} is larger than max_session_timeout: ${MAX_SESSION_TIMEOUT_SECONDS}`,
        );
      }
    }
    session = { id: sessionId, timeoutSeconds, check: flag(params, 'session_check') };
  }

  return {
    urlQuery: params.get('query') ?? '',
    database: header(headers, 'x-clickhouse-database') || params.get('database') || undefined,
    defaultFormat: header(headers, 'x-clickhouse-format') || params.get('default_format') || 'TabSeparated',
    queryId: params.get('query_id') || randomUUID(),
    session,
    params: queryParams,
    settings,
    credentials: credentialsFrom(params, headers),
    readonly: flag(params, 'readonly'),
    compressResponse: flag(params, 'enable_http_compression'),
    waitEndOfQuery: flag(params, 'wait_end_of_query') || flag(params, 'http_wait_end_of_query'),
  };
}

/** ClickHouse reads the URL query first, then the body, joined by a newline. */
export function joinQuery(urlQuery: string, body: string): string {
  if (!urlQuery) return body;
  if (!body) return urlQuery;
  return `${urlQuery}\n${body}`;
}
