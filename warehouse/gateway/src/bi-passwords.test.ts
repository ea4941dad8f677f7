import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  BI_PASSWORD_PARAMS,
  BiPasswordVerifier,
  checkBiPassword,
  hashBiPassword,
  parseBiPasswordHash,
} from './bi-passwords.ts';

const sha256Hex = (value: string) => createHash('sha256').update(value).digest('hex');

describe('BI user passwords', () => {
  it('stores scrypt with a salt of its own: the same password never gives the same string, nor its SHA-256', async () => {
    const [a, b] = await Promise.all([hashBiPassword('same password'), hashBiPassword('same password')]);
    expect(a).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    for (const stored of [a, b]) {
      expect(stored).not.toContain(sha256Hex('same password'));
      expect(stored).not.toContain(Buffer.from(sha256Hex('same password'), 'hex').toString('base64').slice(0, 20));
      expect(stored).not.toContain('same password');
    }
    const parsed = parseBiPasswordHash(a);
    expect(parsed).toMatchObject(BI_PASSWORD_PARAMS);
    expect(await checkBiPassword(parsed!, 'same password')).toBe(true);
    expect(await checkBiPassword(parsed!, 'same passwore')).toBe(false);
    expect(await checkBiPassword(parseBiPasswordHash(b)!, 'same password')).toBe(true);
  });

  it('reads the parameters from the stored string, within sane bounds', async () => {
    const light = await hashBiPassword('pw', { ln: 14, r: 8, p: 1 });
    expect(await checkBiPassword(parseBiPasswordHash(light)!, 'pw')).toBe(true);
    const [, , , salt, hash] = light.split('$');
    for (const params of ['ln=25,r=8,p=1', 'ln=10,r=8,p=1', 'ln=15,r=64,p=1', 'ln=15,r=8,p=99']) {
      expect(parseBiPasswordHash(`$scrypt$${params}$${salt}$${hash}`), params).toBeUndefined();
    }
    expect(parseBiPasswordHash(sha256Hex('pw'))).toBeUndefined();
    expect(parseBiPasswordHash(`$scrypt$ln=14,r=8,p=1$${salt}$${hash?.slice(1)}`)).toBeUndefined();
  });

  it('pays scrypt once per stored hash and password, and once for concurrent checks of the same pair', async () => {
    const verifier = new BiPasswordVerifier();
    const stored = parseBiPasswordHash(await hashBiPassword('right password'))!;
    expect(await Promise.all([1, 2, 3].map(() => verifier.verify(stored, 'right password')))).toEqual([
      true,
      true,
      true,
    ]);
    expect(verifier.derivations).toBe(1);
    expect(await verifier.verify(stored, 'right password')).toBe(true);
    expect(verifier.derivations).toBe(1);
    // A wrong password is checked once, then refused from memory.
    expect(await verifier.verify(stored, 'wrong password')).toBe(false);
    expect(await verifier.verify(stored, 'wrong password')).toBe(false);
    expect(verifier.derivations).toBe(2);
    // A new password for the user is a new salt: nothing remembered for the old hash applies to it.
    const renewed = parseBiPasswordHash(await hashBiPassword('right password'))!;
    expect(await verifier.verify(renewed, 'right password')).toBe(true);
    expect(verifier.derivations).toBe(3);
  });

  it('keeps a bounded memory of refusals, and of matches', async () => {
    const verifier = new BiPasswordVerifier(2, 2);
    const stored = parseBiPasswordHash(await hashBiPassword('right', { ln: 14, r: 8, p: 1 }))!;
    expect(await verifier.verify(stored, 'right')).toBe(true);
    for (const guess of ['a', 'b', 'c']) expect(await verifier.verify(stored, guess)).toBe(false);
    expect(verifier.derivations).toBe(4);
    // Refusals turned over without touching the match; the oldest refusal is checked again.
    expect(await verifier.verify(stored, 'right')).toBe(true);
    expect(await verifier.verify(stored, 'a')).toBe(false);
    expect(verifier.derivations).toBe(5);
  });
});
