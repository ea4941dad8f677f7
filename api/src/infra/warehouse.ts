import { type ClickHouseClient, ClickHouseError } from '@clickhouse/client';
import { clickhouseMartReader, type MartReader, type ReadLimits } from '@loyaltystudio/warehouse';
import { AppError } from '../errors.ts';

/** ClickHouse cannot be reached or cannot serve the query now; the request may succeed later. */
export class WarehouseUnavailableError extends AppError {
  constructor(detail: string) {
    super(503, 'warehouse-unavailable', 'Service Unavailable', detail);
  }
}

/** Engine errors that say "not now" or "not built yet" rather than "this query is wrong". */
const UNAVAILABLE: Record<string, string> = {
  UNKNOWN_DATABASE: 'The marts are not built yet: run `dbt build` (the dbt schedule does it).',
  UNKNOWN_TABLE: 'The marts are not built yet: run `dbt build` (the dbt schedule does it).',
  TOO_MANY_SIMULTANEOUS_QUERIES: 'The warehouse is busy; try again shortly.',
  MEMORY_LIMIT_EXCEEDED: 'The warehouse ran out of memory for this query; narrow the range or filters.',
  AUTHENTICATION_FAILED: 'The warehouse refused the api’s ClickHouse credentials (CLICKHOUSE_USER).',
};

/** Network failures of the HTTP client, as Node names them. */
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);

/**
 * The api error a failed ClickHouse call stands for, or undefined when it is a fault of the query itself (a bug,
 * which stays a 500). Shared by every module that reads ClickHouse.
 */
export function warehouseError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err instanceof ClickHouseError) {
    if (err.type === 'TIMEOUT_EXCEEDED') {
      return new AppError(
        504,
        'query-timeout',
        'Gateway Timeout',
        'The query ran past its time limit; narrow the range or filters.',
      );
    }
    if (err.type === 'TOO_MANY_ROWS_OR_BYTES') {
      return new AppError(
        422,
        'result-too-large',
        'Unprocessable Content',
        'The result is larger than the api returns; narrow the range or filters.',
      );
    }
    const detail = err.type ? UNAVAILABLE[err.type] : undefined;
    return detail ? new WarehouseUnavailableError(detail) : undefined;
  }
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if ((code && NETWORK.has(code)) || (err instanceof Error && /^Timeout error\.|socket hang up/.test(err.message))) {
    return new WarehouseUnavailableError('The warehouse (ClickHouse) does not answer; try again shortly.');
  }
  return undefined;
}

/** A mart reader with the api's limits whose failures leave as problem+json (503, 504, 422) instead of 500. */
export function apiMartReader(client: ClickHouseClient, limits: ReadLimits): MartReader {
  const reader = clickhouseMartReader(client, limits);
  return {
    async rows(query) {
      try {
        return await reader.rows(query);
      } catch (err) {
        throw warehouseError(err) ?? err;
      }
    },
  };
}
