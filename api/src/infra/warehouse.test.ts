import { ClickHouseError, ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { apiMartReader, warehouseError } from './warehouse.ts';

const engineError = (type: string, code: string) => new ClickHouseError({ message: `${type} happened`, code, type });

describe('warehouseError', () => {
  it.each([
    ['TIMEOUT_EXCEEDED', '159', 504, 'query-timeout'],
    ['TOO_MANY_ROWS_OR_BYTES', '396', 422, 'result-too-large'],
    ['UNKNOWN_TABLE', '60', 503, 'warehouse-unavailable'],
    ['UNKNOWN_DATABASE', '81', 503, 'warehouse-unavailable'],
    ['TOO_MANY_SIMULTANEOUS_QUERIES', '202', 503, 'warehouse-unavailable'],
  ])('maps the engine error %s to %i %s', (type, code, status, problem) => {
    expect(warehouseError(engineError(type, code))).toMatchObject({ status, type: problem });
  });

  it('leaves a faulty query (a bug) to become a 500', () => {
    expect(warehouseError(engineError('SYNTAX_ERROR', '62'))).toBeUndefined();
    expect(warehouseError(new TypeError('x is undefined'))).toBeUndefined();
  });

  it('maps network failures to 503', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    expect(warehouseError(refused)).toMatchObject({ status: 503, type: 'warehouse-unavailable' });
    expect(warehouseError(new Error('Timeout error.'))).toMatchObject({ status: 503 });
  });
});

describe('apiMartReader', () => {
  it('answers 503 when nothing listens at the ClickHouse URL', async () => {
    const client = createClient({
      url: 'http://127.0.0.1:9',
      username: 'x',
      password: 'x',
      log: { level: ClickHouseLogLevel.OFF },
    });
    const reader = apiMartReader(client, { timeoutSeconds: 1, maxResultRows: 1000 });
    const failure = await reader.rows({ sql: 'SELECT 1', params: {} }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ status: 503, type: 'warehouse-unavailable' });
    await client.close();
  });
});
