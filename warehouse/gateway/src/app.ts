import { mkdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import type { GatewayConfig } from './config.ts';
import { Connection } from './connection.ts';
import { createHandler } from './handler.ts';
import { ConnectionPool } from './pool.ts';
import type { ServerInfo } from './response.ts';
import { SessionRegistry } from './sessions.ts';
import { Users } from './users.ts';

export interface Gateway {
  server: http.Server;
  info: ServerInfo;
  /** Stops accepting, lets in-flight requests finish, then closes sessions and connections. */
  close(): Promise<void>;
}

async function engineFacts(
  session: Session,
): Promise<{ info: Omit<ServerInfo, 'displayName'>; settings: Set<string>; tableFunctions: Set<string> }> {
  const facts = await session.queryAsync('SELECT timezone(), version()', { format: 'TabSeparatedRaw' });
  const [timezone = 'UTC', version = ''] = facts.text().trim().split('\t');
  const names = await session.queryAsync('SELECT name FROM system.settings', { format: 'TabSeparatedRaw' });
  const functions = await session.queryAsync('SELECT lower(name) FROM system.table_functions', {
    format: 'TabSeparatedRaw',
  });
  return {
    info: { timezone, version },
    settings: new Set(names.text().trim().split('\n')),
    tableFunctions: new Set(functions.text().trim().split('\n')),
  };
}

/** Where the gateway reports what no client hears of: engine errors outside a query, and warnings about its users. */
export interface GatewayLog {
  error(obj: { err: unknown }, message: string): void;
  warn(message: string): void;
}

/** Builds the gateway on its data directory without listening: the caller decides where. */
export async function createGateway(config: GatewayConfig, log: GatewayLog): Promise<Gateway> {
  mkdirSync(config.dataDir, { recursive: true });
  const uploadDir = join(config.dataDir, 'gateway-uploads');
  rmSync(uploadDir, { recursive: true, force: true }); // leftovers of a process that was killed mid-insert
  mkdirSync(uploadDir, { recursive: true });

  const open = (readonly: boolean) => Connection.open(config.dataDir, readonly);
  const pool = new ConnectionPool(await Promise.all(Array.from({ length: config.poolSize }, () => open(false))));
  const readonlyPool = new ConnectionPool(
    await Promise.all(Array.from({ length: config.readonlyPoolSize }, () => open(true))),
  );
  const probe = new Session(config.dataDir);
  const facts = await engineFacts(probe).finally(() => probe.close());
  const info: ServerInfo = { displayName: hostname(), ...facts.info };
  const sessions = new SessionRegistry(open);

  const inFlight = new Set<Promise<void>>();
  const handler = createHandler({
    info,
    users: new Users(config.users, config.tenantUsersFile, (message) => log.warn(message)),
    dataDir: config.dataDir,
    tableFunctions: facts.tableFunctions,
    pool,
    readonlyPool,
    sessions,
    knownSettings: facts.settings,
    sessionTimeoutSeconds: config.sessionTimeoutSeconds,
    uploadDir,
    onError: (err) => log.error({ err }, 'unexpected engine error'),
  });
  const server = http.createServer((req, res) => {
    const done = new Promise<void>((resolve) => res.once('close', resolve));
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
    handler(req, res);
  });
  // Longer than the clients' idle-socket lifetimes (@clickhouse/client: 2.5 s), so they never reuse a closed socket.
  server.keepAliveTimeout = 10_000;

  return {
    server,
    info,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await Promise.all(inFlight);
      await sessions.close();
      pool.close();
      readonlyPool.close();
    },
  };
}
