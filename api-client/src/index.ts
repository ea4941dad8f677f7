import createClient, { type ClientOptions } from 'openapi-fetch';
import type { paths } from './generated/schema.ts';

export type { paths } from './generated/schema.ts';

export interface MonetClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** A dashboard user's access token, or an API key (mk_…); sent as `Authorization: Bearer`. */
  token?: string;
}

/**
 * The Monet api, typed from its OpenAPI document: paths, parameters, bodies and answers are checked at compile time.
 *
 *     const monet = createMonetClient('http://127.0.0.1:4000', { token });
 *     const { data, error } = await monet.GET('/v1/programs/{programId}', { params: { path: { programId } } });
 */
export function createMonetClient(baseUrl: string, { token, headers, ...options }: MonetClientOptions = {}) {
  return createClient<paths>({
    ...options,
    baseUrl: baseUrl.replace(/\/$/, ''),
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
}

export type MonetClient = ReturnType<typeof createMonetClient>;
