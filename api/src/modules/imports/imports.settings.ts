import { type EnvValues, readEnv, vars } from '@loyaltystudio/config';
import type { Resolver } from '../webhooks/webhooks.destination.ts';

/** The variables imports read; their defaults in config/src/vars.ts are the only ones. */
export const importsVars = {
  IMPORTS_MAX_BYTES: vars.IMPORTS_MAX_BYTES,
  IMPORTS_CHUNK_MEMBERS: vars.IMPORTS_CHUNK_MEMBERS,
} as const;

export interface ImportSettings {
  /**
   * Postgres, for the COPY connection an import writes on (the api's own DATABASE_URL). Unset: dry runs only, and a
   * real import answers 503.
   */
  databaseUrl?: string;
  /** Largest request body of POST /v1/imports, and largest file fetched by URL, in bytes. */
  maxBytes: number;
  /** Members per transaction; the cursor moves by chunks. */
  chunkMembers: number;
  /** Longest a file fetched by URL may take, in ms. */
  fetchTimeoutMs: number;
  /** Files may be fetched from loopback addresses (the webhooks' development setting, WEBHOOK_ALLOW_LOOPBACK). */
  allowLoopback: boolean;
  /** How URL hosts are resolved; the system resolver by default (tests inject one). */
  resolve?: Resolver;
  /** Told after each committed chunk (tests interrupt an import there). */
  onChunk?: (importId: string, membersDone: number) => unknown;
}

export function importSettings(env: EnvValues<typeof importsVars>): ImportSettings {
  return {
    maxBytes: env.IMPORTS_MAX_BYTES,
    chunkMembers: env.IMPORTS_CHUNK_MEMBERS,
    fetchTimeoutMs: 300_000,
    allowLoopback: false,
  };
}

/** The documented defaults, for callers (tests, tools) that build the app without reading the environment. */
export const DEFAULT_IMPORT_SETTINGS: ImportSettings = importSettings(readEnv(importsVars, {}));
