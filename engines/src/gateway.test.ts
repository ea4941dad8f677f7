import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayHandle } from './gateway.ts';
import { portInUse } from './process.ts';
import { startTestGateway } from './testing.ts';

describe('startGateway', () => {
  let gateway: GatewayHandle;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('answers /ping and runs queries as the configured user', async () => {
    expect(await (await fetch(`${gateway.url}/ping`)).text()).toBe('Ok.\n');
    const res = await fetch(`${gateway.url}/?query=${encodeURIComponent('SELECT 40 + 2')}`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('monet:monet').toString('base64')}` },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('42\n');
  });

  it('stops on stop(), exiting cleanly and freeing its port', async () => {
    const second = await startTestGateway();
    await second.stop();
    expect(await second.process.exited).toEqual({ code: 0, signal: null });
    expect(await portInUse(second.port)).toBe(false);
  });
});
