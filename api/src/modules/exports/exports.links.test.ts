import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLink, linkSecret, signLink } from './exports.links.ts';

const SECRET = 'a-secret-of-thirty-two-characters-or-more';
const grant = {
  tenantId: '0b4a8a4e-5c43-4a57-9d2c-3f1e9a7c1d20',
  exportId: '5e1f0c2a-1b9e-4c57-8d0a-0f7a2c9b4e11',
  expires: 2_000_000_000,
};
const before = new Date((grant.expires - 1) * 1000);

describe('download links', () => {
  it('accept their own signature until they expire', () => {
    const signature = signLink(SECRET, grant);
    expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(checkLink(SECRET, grant, signature, before)).toBe('valid');
    expect(checkLink(SECRET, grant, signature, new Date(grant.expires * 1000))).toBe('expired');
  });

  it('refuse a signature made for another tenant, export, expiry or secret', () => {
    const signature = signLink(SECRET, grant);
    expect(checkLink(SECRET, { ...grant, tenantId: grant.exportId }, signature, before)).toBe('bad-signature');
    expect(checkLink(SECRET, { ...grant, exportId: grant.tenantId }, signature, before)).toBe('bad-signature');
    expect(checkLink(SECRET, { ...grant, expires: grant.expires + 1 }, signature, before)).toBe('bad-signature');
    expect(checkLink(`${SECRET}x`, grant, signature, before)).toBe('bad-signature');
  });

  it('refuse any other string', () => {
    const signature = signLink(SECRET, grant);
    fc.assert(
      fc.property(fc.string({ maxLength: 128 }), (other) => {
        fc.pre(other !== signature);
        return checkLink(SECRET, grant, other, before) === 'bad-signature';
      }),
    );
  });

  it('derive their secret from the access-token secret unless one is given', () => {
    expect(linkSecret('explicit-secret', 'token-secret')).toBe('explicit-secret');
    expect(linkSecret(undefined, 'token-secret')).toBe(linkSecret(undefined, 'token-secret'));
    expect(linkSecret(undefined, 'token-secret')).not.toBe('token-secret');
    expect(linkSecret(undefined, 'token-secret')).not.toBe(linkSecret(undefined, 'other-secret'));
  });
});
