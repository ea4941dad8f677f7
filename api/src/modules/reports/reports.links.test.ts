import { describe, expect, it } from 'vitest';
import { reportLinkSecret, signUnsubscribe, unsubscribeUrl, verifyUnsubscribe } from './reports.links.ts';
import { UnsubscribeQuery } from './reports.schemas.ts';

const secret = 'a-secret-of-at-least-thirty-two-characters';
const grant = { tenantId: 't-1', reportId: 'r-1', email: 'Ada@Example.com' };

describe('unsubscribe links', () => {
  it('carry their grant, the email lower-cased', () => {
    expect(verifyUnsubscribe(secret, signUnsubscribe(secret, grant))).toEqual({ ...grant, email: 'ada@example.com' });
    expect(unsubscribeUrl('http://api.test/', secret, grant)).toMatch(
      /^http:\/\/api\.test\/v1\/reports\/unsubscribe\?token=[\w-]+\.[\w-]+$/,
    );
  });

  it('refuse a changed grant, another secret, and anything that is not a token', () => {
    const token = signUnsubscribe(secret, grant);
    const [, signature] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ t: 't-1', r: 'r-2', e: 'ada@example.com' })).toString('base64url')}.${signature}`;
    expect(verifyUnsubscribe(secret, forged)).toBeNull();
    expect(verifyUnsubscribe(`${secret}!`, token)).toBeNull();
    for (const bad of ['', '.', 'abc', 'a.b.c', `${token}.x`]) expect(verifyUnsubscribe(secret, bad)).toBeNull();
  });

  it('derive their secret from the access-token secret unless given one', () => {
    expect(reportLinkSecret(undefined, 'x'.repeat(32))).toBe(reportLinkSecret(undefined, 'x'.repeat(32)));
    expect(reportLinkSecret(undefined, 'x'.repeat(32))).not.toBe(reportLinkSecret(undefined, 'y'.repeat(32)));
    expect(reportLinkSecret(secret, 'x'.repeat(32))).toBe(secret);
  });

  it('fit the route that takes them, for the longest email a recipient may have', () => {
    const longest = {
      tenantId: crypto.randomUUID(),
      reportId: crypto.randomUUID(),
      email: `${'a'.repeat(64)}@${'b'.repeat(184)}.test`,
    };
    expect(longest.email).toHaveLength(254);
    const { maxLength } = UnsubscribeQuery.properties.token as unknown as { maxLength: number };
    expect(signUnsubscribe(secret, longest).length).toBeLessThanOrEqual(maxLength);
  });
});
