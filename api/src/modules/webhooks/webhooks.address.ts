import ipaddr from 'ipaddr.js';

/**
 * Which addresses a webhook may be sent to. Pure: no resolution, no connection; the delivery resolves a host, asks
 * here about every address it got, and connects only to addresses allowed here.
 *
 * Only public unicast addresses are allowed, so a tenant cannot make the api call the services beside it (its own
 * machine, the private network, a cloud's metadata service). Loopback is allowed only when the development setting
 * says so (WEBHOOK_ALLOW_LOOPBACK).
 */

/** `public`, `loopback`, or the name of the range that refuses the address. */
export type AddressRange =
  | 'public'
  | 'loopback'
  | 'private'
  | 'linkLocal'
  | 'uniqueLocal'
  | 'carrierGradeNat'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'metadata'
  | 'notAnAddress';

/**
 * Cloud instance-metadata services. Most already sit in a refused range; this list names them so that no setting
 * ever opens them, and covers the one that is a public address (Azure's WireServer).
 */
const METADATA_ADDRESSES = new Set([
  '169.254.169.254', // AWS, GCP, Azure, OpenStack, DigitalOcean, Oracle…
  '169.254.169.123', // AWS time service
  '169.254.170.2', // AWS ECS task metadata
  '168.63.129.16', // Azure WireServer
  '100.100.100.200', // Alibaba Cloud
  '192.0.0.192', // Oracle Cloud (legacy)
  'fd00:ec2::254', // AWS IMDS over IPv6
  'fd00:ec2::23', // AWS DNS over IPv6
]);

/** Host names of metadata services, refused before any resolution (compared lower-case, without a final dot). */
const METADATA_HOSTS = new Set([
  'metadata.google.internal',
  'metadata.goog',
  'metadata',
  'instance-data',
  'instance-data.ec2.internal',
]);

/** IPv4 ranges of ipaddr.js that are not refused under another name here. */
const IPV4_RANGES: Partial<Record<string, AddressRange>> = {
  unicast: 'public',
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'linkLocal',
  carrierGradeNat: 'carrierGradeNat',
  unspecified: 'unspecified',
  multicast: 'multicast',
  broadcast: 'broadcast',
};

const IPV6_RANGES: Partial<Record<string, AddressRange>> = {
  unicast: 'public',
  loopback: 'loopback',
  linkLocal: 'linkLocal',
  uniqueLocal: 'uniqueLocal',
  unspecified: 'unspecified',
  multicast: 'multicast',
  deprecatedSiteLocal: 'private',
};

/** 2000::/3, the global unicast space: every other IPv6 address is special or unassigned. */
const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');
/** 64:ff9b::/96: NAT64, the IPv4 address in the last 32 bits (RFC 6052). */
const NAT64 = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

function rangeOfIPv4(addr: ipaddr.IPv4): AddressRange {
  if (METADATA_ADDRESSES.has(addr.toString())) return 'metadata';
  // Anything else ipaddr.js names (documentation, benchmarking, 240/4, AS112, AMT…) is reserved.
  return IPV4_RANGES[addr.range()] ?? 'reserved';
}

/** The IPv4 address in the last 32 bits of an IPv6 address. */
function lastIPv4(addr: ipaddr.IPv6): ipaddr.IPv4 {
  const [hi, lo] = addr.parts.slice(6) as [number, number];
  return new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
}

/** The range of one IP address as connect() takes it (dotted IPv4, or IPv6 without brackets). */
export function addressRange(ip: string): AddressRange {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  if (ipaddr.IPv4.isValidFourPartDecimal(ip)) addr = ipaddr.IPv4.parse(ip);
  else if (ipaddr.IPv6.isValid(ip) && !ip.includes('%')) addr = ipaddr.IPv6.parse(ip);
  else return 'notAnAddress';
  if (addr.kind() === 'ipv4') return rangeOfIPv4(addr as ipaddr.IPv4);

  const v6 = addr as ipaddr.IPv6;
  if (METADATA_ADDRESSES.has(v6.toString())) return 'metadata';
  const range = v6.range();
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d) and NAT64 addresses reach an IPv4 address:
  // they are what that address is.
  if (range === 'ipv4Mapped' || range === 'rfc6145' || v6.match(NAT64)) return rangeOfIPv4(lastIPv4(v6));
  const named = IPV6_RANGES[range];
  if (named !== 'public') return named ?? 'reserved';
  // 6to4, Teredo, documentation and the like are named by ipaddr.js; ::a.b.c.d (IPv4-compatible), discard and
  // unassigned space fall outside 2000::/3.
  return v6.match(GLOBAL_UNICAST) ? 'public' : 'reserved';
}

/** The host of a URL as it is resolved: lower-case, without an IPv6 literal's brackets or a final dot. */
export function hostOf(url: URL): string {
  const host = url.hostname.toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) return host.slice(1, -1);
  return host.replace(/\.+$/, '');
}

export function isMetadataHost(host: string): boolean {
  return METADATA_HOSTS.has(host.toLowerCase().replace(/\.+$/, ''));
}

export interface AddressPolicy {
  /** Loopback addresses (127.0.0.0/8, ::1) are allowed: development only. */
  allowLoopback: boolean;
}

/**
 * Whether a webhook of this scheme may connect to this address: https to a public address, or, when the policy
 * allows loopback, http or https to a loopback address. Plain http never leaves the machine.
 */
export function isAllowedAddress(ip: string, protocol: string, policy: AddressPolicy): boolean {
  const range = addressRange(ip);
  if (range === 'loopback') return policy.allowLoopback && (protocol === 'https:' || protocol === 'http:');
  return range === 'public' && protocol === 'https:';
}
