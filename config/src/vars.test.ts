import { describe, expect, it } from 'vitest';
import { readEnv } from './env.ts';
import { apiVars } from './vars.ts';

describe('TRUST_PROXY', () => {
  const read = (value?: string) => readEnv({ TRUST_PROXY: apiVars.TRUST_PROXY }, { TRUST_PROXY: value }).TRUST_PROXY;

  it('trusts no proxy unless told', () => {
    expect(read()).toBe(false);
    expect(read('false')).toBe(false);
  });

  it("takes true, or the proxies' addresses, CIDRs and proxy-addr's named ranges", () => {
    expect(read('true')).toBe(true);
    expect(read('10.0.0.5')).toEqual(['10.0.0.5']);
    expect(read(' 10.0.0.0/8, fd00::/8 ,loopback')).toEqual(['10.0.0.0/8', 'fd00::/8', 'loopback']);
  });

  it('refuses anything else with one line naming the variable', () => {
    for (const bad of ['yes', '2', '10.0.0.0/33', '::1/129', 'proxy.internal', '10.0.0.1,', '1.2.3.4/8/9']) {
      expect(() => read(bad), bad).toThrow(`TRUST_PROXY=${JSON.stringify(bad)} is invalid: expected false, true`);
    }
  });
});
