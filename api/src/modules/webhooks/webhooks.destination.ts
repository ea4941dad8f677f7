import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { type AddressPolicy, hostOf, isAllowedAddress, isMetadataHost } from './webhooks.address.ts';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to all its addresses. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The system resolver (getaddrinfo: hosts file, then DNS), as the connection would use it. */
export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export interface DestinationPolicy extends AddressPolicy {
  /** How host names are resolved; the system resolver when left out. Tests inject one. */
  resolve?: Resolver;
}

/**
 * What the tenant reads when a delivery is refused. It names no address and no range, and it is the same whether
 * the host is loopback, private or a metadata service, so the delivery log cannot be used to map the network.
 */
export const REFUSED_DESTINATION = 'address refused: webhooks are only sent to public addresses';

/** The destination is not one webhooks may reach; nothing was sent. */
export class RefusedDestinationError extends Error {
  constructor() {
    super(REFUSED_DESTINATION);
    this.name = 'RefusedDestinationError';
  }
}

/** The host resolved to no address at all. */
export class UnresolvedHostError extends Error {
  readonly code = 'ENOTFOUND';
  constructor() {
    super('host not found');
    this.name = 'UnresolvedHostError';
  }
}

/**
 * Resolves the URL's host and answers its addresses once every one of them is allowed for the URL's scheme (see
 * isAllowedAddress): one refused address refuses the host, so which record a resolver returns first cannot matter.
 * An IP literal is checked as it is. Metadata host names are refused without being resolved. `signal` bounds the wait
 * for the resolver.
 */
export async function resolveDestination(
  url: URL,
  policy: DestinationPolicy,
  signal?: AbortSignal,
): Promise<ResolvedAddress[]> {
  const host = hostOf(url);
  if (isMetadataHost(host)) throw new RefusedDestinationError();
  const family = isIP(host);
  const resolving = family ? Promise.resolve([{ address: host, family }]) : (policy.resolve ?? systemResolver)(host);
  const addresses = signal ? await untilAborted(resolving, signal) : await resolving;
  if (addresses.length === 0) throw new UnresolvedHostError();
  if (!addresses.every((a) => isAllowedAddress(a.address, url.protocol, policy))) throw new RefusedDestinationError();
  return addresses;
}

/** Settles with `work`, or rejects when `signal` aborts first (a resolution cannot be cancelled, only left behind). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([work, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}

/**
 * A `lookup` for net.connect and tls.connect that answers only the addresses already checked, so the connection goes
 * to an address resolveDestination allowed, never to one a second resolution would give (DNS rebinding). Node does
 * not call `lookup` for an IP literal: it connects to the literal, which resolveDestination checked as it is.
 */
export function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = options.family === 4 || options.family === 6 ? options.family : 0;
    const usable = family ? addresses.filter((a) => a.family === family) : addresses;
    const first = usable[0];
    if (!first) {
      callback(new UnresolvedHostError(), '', 0);
      return;
    }
    if (options.all) callback(null, usable);
    else callback(null, first.address, first.family);
  };
}
