import { describe, expect, it } from 'vitest';
import { readWorkerConfig } from './config.ts';

describe('worker config', () => {
  it('defaults to the local dev server and the default namespace', () => {
    expect(readWorkerConfig({})).toEqual({
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
      LOG_LEVEL: 'info',
    });
  });

  it('rejects an address without a port, naming the variable and the expected form', () => {
    expect(() => readWorkerConfig({ TEMPORAL_ADDRESS: 'temporal.internal' })).toThrow(
      'TEMPORAL_ADDRESS="temporal.internal" is invalid: expected host:port',
    );
  });
});
