// Prisma's own schema differ, run offline: the WASM build of Prisma's schema engine (the one Prisma 6.19 ships)
// diffs two datamodels into migration SQL without a database. Prisma 7's CLI only runs the native engine,
// which cannot be downloaded everywhere; the SQL is the same either way.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

type SchemaEngineModule = typeof import('@prisma/schema-engine-wasm/schema_engine_bg') & {
  __wbg_set_wasm(exports: Record<string, unknown>): void;
};

// Node's global; the project's lib (ES2023 without DOM) does not declare it.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, unknown>) => { exports: Record<string, unknown> };
};

/** The oldest PostgreSQL Monet supports; the engine asks for a server version even when it diffs files only. */
const TARGET_SERVER = { version: 'PostgreSQL 14.0', versionNum: 140000 };

/**
 * A driver adapter with no database behind it. Datamodel-to-datamodel diffs only ask for the server version;
 * anything else is a bug in how the differ is called, so it fails loudly.
 */
function offlineAdapter(): SqlDriverAdapter {
  const noDatabase = async (): Promise<never> => {
    throw new Error('the offline schema differ has no database; diff datamodels only');
  };
  return {
    provider: 'postgres',
    adapterName: 'monet-offline-differ',
    async queryRaw(query) {
      if (!query.sql.includes("current_setting('server_version_num')")) return noDatabase();
      return {
        columnNames: ['exists', 'version', 'numeric_version'],
        columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
        rows: [[true, TARGET_SERVER.version, TARGET_SERVER.versionNum]],
      };
    },
    executeRaw: noDatabase,
    executeScript: noDatabase,
    startTransaction: noDatabase,
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    async dispose() {},
  };
}

const offlineFactory: SqlMigrationAwareDriverAdapterFactory = {
  provider: 'postgres',
  adapterName: 'monet-offline-differ',
  connect: async () => offlineAdapter(),
  connectToShadowDb: async () => offlineAdapter(),
};

let engine: Promise<SchemaEngine> | undefined;

/** Loads the engine's WASM by hand: Node 20 cannot `import` a .wasm file, which the package's entry point does. */
async function loadEngine(): Promise<SchemaEngine> {
  const bindingsFile = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bindings = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as SchemaEngineModule;
  const module = new WebAssembly.Module(readFileSync(join(dirname(bindingsFile), 'schema_engine_bg.wasm')));
  const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': bindings });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bindings.SchemaEngine.new(
    { datamodels: undefined },
    () => {},
    bindMigrationAwareSqlAdapterFactory(offlineFactory),
  );
}

/** The PSL of this engine still requires a datasource `url`; Prisma 7 forbids it, so it is added in memory only. */
function withPlaceholderUrl(schema: string): string {
  const withUrl = schema.replace(/(^datasource\s+\w+\s*\{)/m, '$1\n  url = "postgresql://offline"');
  if (withUrl === schema) throw new Error('schema has no datasource block');
  return withUrl;
}

/** The datamodel of a database with no tables: the starting point of the first migration. */
export const EMPTY_SCHEMA = 'datasource db {\n  provider = "postgresql"\n}\n';

/** Prisma's migration SQL taking a database from datamodel `from` to datamodel `to`; empty when they agree. */
export async function diffSchemas(from: string, to: string): Promise<string> {
  engine ??= loadEngine();
  const target = (content: string, path: string) => ({
    tag: 'schemaDatamodel' as const,
    files: [{ path, content: withPlaceholderUrl(content) }],
  });
  const result = await (await engine).diff({
    from: target(from, 'from.prisma'),
    to: target(to, 'to.prisma'),
    shadowDatabaseUrl: null,
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  const script = result.stdout ?? '';
  return script.trim() === '-- This is an empty migration.' ? '' : script;
}
