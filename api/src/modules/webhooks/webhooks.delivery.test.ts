import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../errors.ts';
import { retryDelayMs, signature, webhookBody } from './webhooks.delivery.ts';
import { checkEndpointUrl } from './webhooks.service.ts';

describe('webhook delivery', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256 of the secret', () => {
    const body = webhookBody({
      eventId: '00000000-0000-4000-8000-000000000001',
      type: 'points.earned',
      createdAt: new Date('2026-11-24T10:00:00.000Z'),
      tenantId: '00000000-0000-4000-8000-000000000002',
      data: { points: 120 },
    });
    expect(JSON.parse(body)).toEqual({
      id: '00000000-0000-4000-8000-000000000001',
      type: 'points.earned',
      createdAt: '2026-11-24T10:00:00.000Z',
      tenantId: '00000000-0000-4000-8000-000000000002',
      data: { points: 120 },
    });
    const expected = createHmac('sha256', 'whsec_test').update(`1700000000.${body}`).digest('hex');
    expect(signature('whsec_test', 1_700_000_000, body)).toBe(`v1=${expected}`);
  });

  it('backs off exponentially with equal jitter, up to the ceiling', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1000, 60_000, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1000, 60_000, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(30, 1000, 60_000, () => 1)).toBe(60_000);
    expect(retryDelayMs(1000, 1000, 60_000, () => 0)).toBe(30_000);
  });

  it('takes https anywhere and http only on loopback, only when allowed', () => {
    expect(() => checkEndpointUrl('https://example.com/hook', false)).not.toThrow();
    expect(() => checkEndpointUrl('http://127.0.0.1:9000/hook', true)).not.toThrow();
    expect(() => checkEndpointUrl('http://localhost/hook', true)).not.toThrow();
    expect(() => checkEndpointUrl('http://[::1]:8080/', true)).not.toThrow();
    for (const [url, allow] of [
      ['http://127.0.0.1:9000/hook', false],
      ['http://example.com/hook', true],
      ['http://127.0.0.2/hook', true],
      ['ftp://example.com/', true],
      ['not a url', true],
    ] as const) {
      const refused = (() => {
        try {
          checkEndpointUrl(url, allow);
        } catch (err) {
          return err;
        }
      })();
      expect(refused, url).toBeInstanceOf(InvalidRequestError);
      expect((refused as InvalidRequestError).extensions.errors).toEqual([
        { path: 'body.url', message: expect.stringMatching(/must be an https URL|is not a URL/) },
      ]);
    }
  });
});
