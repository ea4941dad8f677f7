import { buildApp } from '@loyaltystudio/api';
import { createAccessTokens, createSystemService, createTemporalProvider } from '@loyaltystudio/api/core';
import { createPrismaClient } from '@loyaltystudio/prisma';
import { createClickHouseClient } from '@loyaltystudio/warehouse';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';

export const GENERATED_DIR = new URL('../src/generated/', import.meta.url);
export const SPEC_FILE = new URL('openapi.json', GENERATED_DIR);
export const TYPES_FILE = new URL('schema.ts', GENERATED_DIR);

/**
 * The api's OpenAPI document as the running api serves it at /openapi.json: the app is built without listening and
 * without touching any engine (clients are created, never connected), so this runs anywhere.
 */
export async function currentSpec(): Promise<Record<string, unknown>> {
  const prisma = createPrismaClient('postgres://spec:spec@127.0.0.1:9/spec');
  const clickhouse = createClickHouseClient({ url: 'http://127.0.0.1:9', username: 'spec', password: 'spec' });
  const temporal = createTemporalProvider('127.0.0.1:9', 'default');
  const app = await buildApp({
    // A fixed version: the document changes only when the api's routes or schemas do.
    version: '1',
    prisma,
    clickhouse,
    system: createSystemService({
      version: '1',
      prisma,
      clickhouse,
      temporal: temporal.get,
      urls: { postgres: 'none', clickhouse: 'none', temporal: 'none' },
    }),
    accessTokens: createAccessTokens('x'.repeat(32), 900),
  });
  try {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    if (res.statusCode !== 200) throw new Error(`GET /openapi.json answered ${res.statusCode}: ${res.body}`);
    return res.json();
  } finally {
    await app.close();
    await Promise.allSettled([prisma.$disconnect(), clickhouse.close(), temporal.close()]);
  }
}

export function specText(spec: Record<string, unknown>): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}

const HEADER =
  '// Generated from the api route schemas by `npm run -w @loyaltystudio/api-client generate`; do not edit.\n\n';

/** TypeScript types of every path, operation and schema of the document (openapi-typescript). */
export async function typesText(spec: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(spec as unknown as OpenAPI3, { alphabetize: true });
  return HEADER + astToString(ast);
}
