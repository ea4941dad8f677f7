import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressRange, hostOf, isAllowedAddress, isMetadataHost } from './webhooks.address.ts';

// Pure: nothing here resolves or connects.
const off = { allowLoopback: false };
const on = { allowLoopback: true };

describe('webhook address ranges', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:0:192.168.0.1', 'private'],
    ['fec0::1', 'private'],
    ['169.254.0.1', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['febf:ffff::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fdff:ffff::1', 'uniqueLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['203.0.113.9', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['::7f00:1', 'reserved'], // IPv4-compatible ::127.0.0.1
    ['2002:7f00:1::1', 'reserved'], // 6to4
    ['2001:0:4136:e378::1', 'reserved'], // Teredo
    ['64:ff9b:1::a00:1', 'reserved'], // local-use NAT64
    ['100::1', 'reserved'], // discard
    ['169.254.169.254', 'metadata'],
    ['169.254.170.2', 'metadata'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['168.63.129.16', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['192.0.0.192', 'metadata'],
    ['64:ff9b::7f00:1', 'loopback'], // NAT64 of 127.0.0.1
    ['64:ff9b::a9fe:a9fe', 'metadata'], // NAT64 of 169.254.169.254
    ['64:ff9b::5db8:d70e', 'public'], // NAT64 of 93.184.215.14
    ['93.184.215.14', 'public'],
    ['8.8.8.8', 'public'],
    ['172.32.0.1', 'public'],
    ['100.128.0.1', 'public'],
    ['2606:4700::1111', 'public'],
    ['2a00:1450:4007:80e::200e', 'public'],
    ['::ffff:93.184.215.14', 'public'],
    ['localhost', 'notAnAddress'],
    ['0x7f.1', 'notAnAddress'],
    ['127.1', 'notAnAddress'],
    ['fe80::1%eth0', 'notAnAddress'],
    ['', 'notAnAddress'],
  ])('%s is %s', (ip, range) => {
    expect(addressRange(ip)).toBe(range);
  });

  it('allows https to public addresses, and loopback (http or https) only under the development setting', () => {
    expect(isAllowedAddress('93.184.215.14', 'https:', off)).toBe(true);
    expect(isAllowedAddress('2606:4700::1111', 'https:', off)).toBe(true);
    expect(isAllowedAddress('93.184.215.14', 'http:', off)).toBe(false);
    expect(isAllowedAddress('93.184.215.14', 'http:', on)).toBe(false);
    for (const ip of ['127.0.0.1', '127.0.0.2', '::1', '::ffff:127.0.0.1']) {
      expect([ip, isAllowedAddress(ip, 'https:', off), isAllowedAddress(ip, 'http:', off)]).toEqual([ip, false, false]);
      expect([ip, isAllowedAddress(ip, 'https:', on), isAllowedAddress(ip, 'http:', on)]).toEqual([ip, true, true]);
    }
    expect(isAllowedAddress('127.0.0.1', 'ftp:', on)).toBe(false);
    // The setting opens loopback and nothing else: not 0.0.0.0 (which also reaches this machine), not metadata.
    for (const ip of ['0.0.0.0', '::', '10.0.0.1', '169.254.169.254', 'fd00:ec2::254', 'fc00::1', '100.64.0.1']) {
      expect([ip, isAllowedAddress(ip, 'https:', on)]).toEqual([ip, false]);
    }
  });

  it('refuses every address of a private range, and its IPv4-mapped form, whatever the setting', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const inRange = fc.oneof(
      fc.tuple(octet, octet, octet).map(([b, c, d]) => `10.${b}.${c}.${d}`),
      fc.tuple(fc.integer({ min: 16, max: 31 }), octet, octet).map(([b, c, d]) => `172.${b}.${c}.${d}`),
      fc.tuple(octet, octet).map(([c, d]) => `192.168.${c}.${d}`),
      fc.tuple(octet, octet).map(([c, d]) => `169.254.${c}.${d}`),
      fc.tuple(fc.integer({ min: 64, max: 127 }), octet, octet).map(([b, c, d]) => `100.${b}.${c}.${d}`),
    );
    fc.assert(
      fc.property(inRange, (ip) => {
        for (const form of [ip, `::ffff:${ip}`]) {
          expect([form, isAllowedAddress(form, 'https:', on)]).toEqual([form, false]);
        }
      }),
    );
  });

  it('reads the host of a URL as a connection would, and knows metadata host names', () => {
    expect(hostOf(new URL('https://[::ffff:127.0.0.1]:8443/'))).toBe('::ffff:7f00:1');
    expect(addressRange(hostOf(new URL('https://[::ffff:127.0.0.1]:8443/')))).toBe('loopback');
    // WHATWG URL parsing turns the old shorthand forms into the address they reach.
    expect(hostOf(new URL('https://0x7f.1/'))).toBe('127.0.0.1');
    expect(hostOf(new URL('https://2130706433/'))).toBe('127.0.0.1');
    expect(hostOf(new URL('https://0251.0376.0251.0376/'))).toBe('169.254.169.254');
    expect(hostOf(new URL('https://Hooks.Example.COM./x'))).toBe('hooks.example.com');
    for (const host of ['metadata.google.internal', 'METADATA.google.internal.', 'metadata', 'instance-data']) {
      expect([host, isMetadataHost(host)]).toEqual([host, true]);
    }
    expect(isMetadataHost('metadata.example.com')).toBe(false);
  });
});
