import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('gateway configuration', () => {
  it('fills defaults around the one required variable', () => {
    expect(loadConfig({ GATEWAY_DATA_DIR: '/data' })).toEqual({
      logLevel: 'info',
      host: '127.0.0.1',
      port: 8123,
      dataDir: '/data',
      poolSize: 4,
      readonlyPoolSize: 2,
      sessionTimeoutSeconds: 60,
      users: [
        { name: 'monet', password: 'monet', readonly: false },
        { name: 'monet_reader', password: 'monet_reader', readonly: true },
      ],
    });
  });

  it('names the bad variable and what it expects, in one line', () => {
    expect(() => loadConfig({})).toThrow(
      'GATEWAY_DATA_DIR is required: expected the directory holding the warehouse data',
    );
    expect(() => loadConfig({ GATEWAY_DATA_DIR: '/d', GATEWAY_POOL_SIZE: '0' })).toThrow(
      'GATEWAY_POOL_SIZE="0" is invalid: expected an integer from 1 to 64',
    );
    expect(() => loadConfig({ GATEWAY_DATA_DIR: '/d', CLICKHOUSE_READONLY_USER: 'monet' })).toThrow(
      'CLICKHOUSE_READONLY_USER="monet" is invalid: expected a user name other than CLICKHOUSE_USER',
    );
  });
});
