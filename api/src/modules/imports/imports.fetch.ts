import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { UnprocessableError } from '../../errors.ts';
import {
  type DestinationPolicy,
  pinnedLookup,
  RefusedDestinationError,
  resolveDestination,
} from '../webhooks/webhooks.destination.ts';

export interface FetchPolicy extends DestinationPolicy {
  timeoutMs: number;
  maxBytes: number;
}

/**
 * Fetches an import's file from a URL under the webhooks' address rules (webhooks.destination.ts): the host is
 * resolved, every address must be public (loopback only under the development setting), the connection goes to a
 * checked address only (no DNS rebinding) and redirects are not followed. What is refused or fails is a 422 that
 * names no address, so the answer cannot be used to map the network behind the api.
 */
export async function fetchImportFile(url: string, field: string, policy: FetchPolicy): Promise<Buffer> {
  const signal = AbortSignal.timeout(policy.timeoutMs);
  const refuse = (why: string) =>
    new UnprocessableError('import-file-unavailable', `The file at ${field}.url could not be fetched: ${why}.`);
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw refuse('it is not a URL the api can fetch');
  }
  let addresses: Awaited<ReturnType<typeof resolveDestination>>;
  try {
    addresses = await resolveDestination(target, policy, signal);
  } catch (err) {
    if (err instanceof RefusedDestinationError) throw refuse('imports are only fetched from public https addresses');
    throw refuse('its host was not found');
  }
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Buffer>((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'GET',
        signal,
        agent: false,
        lookup: pinnedLookup(addresses),
        headers: { 'user-agent': 'Monet-Imports/1' },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          response.resume();
          reject(
            refuse(`it answered ${status}${status >= 300 && status < 400 ? ' (redirects are not followed)' : ''}`),
          );
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > policy.maxBytes) {
            response.destroy();
            reject(refuse(`it is larger than ${policy.maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve(Buffer.concat(chunks)));
        response.on('error', () => reject(refuse('the connection failed')));
      },
    );
    req.on('error', () => reject(refuse(signal.aborted ? 'it took too long' : 'the connection failed')));
    req.end();
  });
}
