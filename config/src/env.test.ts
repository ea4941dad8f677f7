import { describe, expect, it } from 'vitest';
import { ConfigError, optionalUrl, port, readEnv, text } from './env.ts';

const spec = {
  API_PORT: port('HTTP port of the api', 4000),
  DATABASE_URL: optionalUrl('External Postgres', ['postgres', 'postgresql']),
  NAME: text('A name'),
};

describe('readEnv', () => {
  it('applies defaults and coerces values', () => {
    expect(readEnv(spec, { NAME: 'x' })).toEqual({ API_PORT: 4000, DATABASE_URL: undefined, NAME: 'x' });
    expect(readEnv(spec, { NAME: 'x', API_PORT: '8080', DATABASE_URL: 'postgres://h/db' }).API_PORT).toBe(8080);
  });

  it('treats an empty value as unset', () => {
    expect(readEnv(spec, { NAME: 'x', API_PORT: '' }).API_PORT).toBe(4000);
  });

  it('names the variable, what it expects and what it got', () => {
    expect(() => readEnv(spec, { NAME: 'x', API_PORT: '99999' })).toThrow(
      'API_PORT="99999" is invalid: expected a TCP port (1-65535)',
    );
    expect(() => readEnv(spec, { NAME: 'x', DATABASE_URL: 'mysql://h/db' })).toThrow(ConfigError);
    expect(() => readEnv(spec, {})).toThrow('NAME is required: expected a non-empty string');
  });
});
