import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type EnvValues, readEnv, vars } from '@loyaltystudio/config';
import {
  DamagedDataError,
  type ManagedProcess,
  portInUse,
  spawnManaged,
  startGateway,
  startMailServer,
  startPostgres,
  startTemporal,
  waitFor,
} from '@loyaltystudio/engines';
import { migrate } from '@loyaltystudio/prisma';
import type { DbtBuildResult } from '@loyaltystudio/workflow-contracts';
import { buildMartsOnFirstStart } from './marts.ts';
import { REPO_ROOT } from './paths.ts';
import { type DemoSignIn, FIRST_START_DEMO, seedDemoOnFirstStart } from './seed/first-start.ts';
import { migrateWarehouse } from './warehouse.ts';

export type StackConfig = EnvValues<typeof vars>;

export interface StackOptions {
  env?: NodeJS.ProcessEnv;
  /** Delete MONET_HOME first. Nothing is ever deleted without it. */
  reset?: boolean;
  /** Every line a service prints, with the service's name. */
  onLine?: (service: string, line: string) => void;
  /** Progress messages of the supervisor itself. */
  onStep?: (message: string) => void;
}

export interface Endpoint {
  service: string;
  url: string;
  note?: string;
  /** Seconds from the start of `startStack` until this service was ready. */
  readyAfter: number;
  embedded: boolean;
}

export interface Stack {
  config: StackConfig;
  home: string;
  endpoints: Endpoint[];
  /** Seconds from start to everything ready. */
  readyAfter: number;
  /** The demo tenant's sign-in, when this start seeded it (the first start, MONET_SEED_DEMO on). */
  demo: DemoSignIn | null;
  /** The first start's build of the marts, after the demo seed; null when none ran or it failed (a step says why). */
  marts: DbtBuildResult | null;
  /** Resolves with the first service that exits on its own. */
  unexpectedExit: Promise<{ service: string; code: number | null; signal: string | null; tail: string }>;
  /** Process ids of the services this supervisor started. */
  pids(): number[];
  stop(): Promise<void>;
}

/**
 * Like Promise.all, but waits for every start to settle before failing, so a service still starting when another
 * fails is registered, and stopped, rather than left running.
 */
async function settleAll<T extends readonly unknown[]>(starts: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(starts);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** A start-up problem the user can fix, worded for one line. */
export class StartupError extends Error {
  override name = 'StartupError';
}

interface Stoppable {
  name: string;
  stop(): Promise<void>;
  process?: ManagedProcess;
  /** Started again when it exits on its own, instead of stopping the stack. */
  restarts?: boolean;
}

const RESTART_MIN_MS = 1_000;
const RESTART_MAX_MS = 30_000;

/**
 * Keeps a service running: whenever it exits on its own, it is started again after a pause that doubles from 1 s to
 * 30 s while it keeps exiting, and returns to 1 s once a run has lasted a minute. For services that resume by
 * themselves from durable state (the change stream resumes from its replication slot).
 */
function keepRunning(
  name: string,
  start: () => ManagedProcess,
  onRestart: (message: string) => void,
): { current(): ManagedProcess; stop(): Promise<void> } {
  let current = start();
  let stopping = false;
  let pause = RESTART_MIN_MS;
  let timer: NodeJS.Timeout | undefined;
  const watch = (proc: ManagedProcess, since: number) => {
    void proc.exited.then(({ code, signal }) => {
      if (stopping) return;
      if (performance.now() - since > 60_000) pause = RESTART_MIN_MS;
      onRestart(`${name} exited (${signal ?? `code ${code}`}); starting it again in ${pause / 1000} s`);
      timer = setTimeout(() => {
        if (stopping) return;
        current = start();
        watch(current, performance.now());
      }, pause);
      pause = Math.min(pause * 2, RESTART_MAX_MS);
    });
  };
  watch(current, performance.now());
  return {
    current: () => current,
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await current.stop();
    },
  };
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString().replace(/\/$/, '');
}

/** A secret for local use, generated on first start and kept in MONET_HOME/secrets (never in the repository). */
function localSecret(home: string, name: string): string {
  const file = join(home, 'secrets', name);
  if (!existsSync(file)) {
    mkdirSync(join(home, 'secrets'), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

function acquireLock(home: string): () => void {
  const lock = join(home, 'supervisor.pid');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {}
    if (alive)
      throw new StartupError(`Monet is already running from ${home} (pid ${pid}). Stop it first, or set MONET_HOME.`);
  }
  writeFileSync(lock, String(process.pid));
  return () => rmSync(lock, { force: true });
}

async function checkPorts(config: StackConfig): Promise<void> {
  const wanted: [number, string, string][] = [
    [config.API_PORT, 'API_PORT', 'the api'],
    [config.DASHBOARD_PORT, 'DASHBOARD_PORT', 'the dashboard'],
    [config.CDC_METRICS_PORT, 'CDC_METRICS_PORT', "the change stream's metrics"],
  ];
  if (!config.DATABASE_URL) wanted.push([config.POSTGRES_PORT, 'POSTGRES_PORT', 'embedded Postgres']);
  if (!config.CLICKHOUSE_URL)
    wanted.push([config.CLICKHOUSE_HTTP_PORT, 'CLICKHOUSE_HTTP_PORT', 'the ClickHouse gateway']);
  if (!config.SMTP_URL) wanted.push([config.MAIL_SMTP_PORT, 'MAIL_SMTP_PORT', 'the local SMTP server']);
  if (!config.TEMPORAL_ADDRESS) {
    wanted.push([config.TEMPORAL_PORT, 'TEMPORAL_PORT', 'the Temporal dev server']);
    wanted.push([config.TEMPORAL_UI_PORT, 'TEMPORAL_UI_PORT', 'the Temporal web UI']);
  }
  const seen = new Map<number, string>();
  for (const [port, variable, what] of wanted) {
    const other = seen.get(port);
    if (other) throw new StartupError(`${variable} and ${other} are both ${port}: give each service its own port.`);
    seen.set(port, variable);
    if (await portInUse(port)) {
      throw new StartupError(`Port ${port} is taken, so ${what} cannot start: set ${variable} to another port.`);
    }
  }
}

function checkHome(home: string): void {
  if (!existsSync(home)) return;
  if (!statSync(home).isDirectory()) throw new DamagedDataError(home, 'is not a directory');
  for (const part of ['postgres', 'clickhouse', 'temporal']) {
    const path = join(home, part);
    if (existsSync(path) && !statSync(path).isDirectory()) throw new DamagedDataError(path, 'is not a directory');
  }
}

/**
 * Starts the whole platform in dependency order: the engines (embedded unless an external one is configured),
 * their migrations, then the api, the workflows worker, the change stream (cdc) and the dashboard; resolves once every
 * one is ready. A first start that seeded the demo also builds the marts, once the change stream has copied it. If
 * anything fails on the way, whatever started is stopped again. Once started, a service that exits stops the whole
 * stack, except the change stream, which is started again.
 */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const t0 = performance.now();
  const since = () => Math.round(performance.now() - t0) / 1000;
  const env = opts.env ?? process.env;
  const config = readEnv(vars, env);
  const home = resolve(REPO_ROOT, config.MONET_HOME);
  const step = opts.onStep ?? (() => {});
  const line = (service: string) => (text: string) => opts.onLine?.(service, text);
  const logFile = (service: string) => join(home, 'logs', `${service}.log`);

  if (opts.reset && existsSync(home)) {
    step(`reset: deleting ${home}`);
    rmSync(home, { recursive: true, force: true });
  }
  checkHome(home);
  mkdirSync(join(home, 'logs'), { recursive: true });
  const releaseLock = acquireLock(home);
  const started: Stoppable[] = [];
  const endpoints: Endpoint[] = [];

  const stopAll = async () => {
    // Consumers first, engines last.
    const order = ['dashboard', 'api', 'worker', 'cdc', 'mail', 'temporal', 'clickhouse', 'postgres'];
    for (const tier of [order.slice(0, 4), order.slice(4)]) {
      await Promise.allSettled(started.filter((s) => tier.includes(s.name)).map((s) => s.stop()));
    }
    releaseLock();
  };

  try {
    await checkPorts(config);

    const databaseUrl = async (): Promise<string> => {
      if (config.DATABASE_URL) return config.DATABASE_URL;
      step('postgres: starting');
      const pg = await startPostgres({
        dataDir: join(home, 'postgres'),
        port: config.POSTGRES_PORT,
        onLine: line('postgres'),
        logFile: logFile('postgres'),
      });
      started.push({ name: 'postgres', stop: pg.stop, process: pg.process });
      return pg.url;
    };
    const clickhouseUrl = async (): Promise<string> => {
      if (config.CLICKHOUSE_URL) return config.CLICKHOUSE_URL;
      step('clickhouse gateway: starting');
      const gw = await startGateway({
        dataDir: join(home, 'clickhouse'),
        port: config.CLICKHOUSE_HTTP_PORT,
        onLine: line('clickhouse'),
        logFile: logFile('clickhouse'),
        env: { ...env, GATEWAY_BI_USERS_FILE: config.GATEWAY_BI_USERS_FILE ?? join(home, 'bi-users.json') },
      });
      started.push({ name: 'clickhouse', stop: gw.stop, process: gw.process });
      return gw.url;
    };
    const temporal = async (): Promise<{ address: string; uiUrl?: string }> => {
      if (config.TEMPORAL_ADDRESS) return { address: config.TEMPORAL_ADDRESS };
      step('temporal: starting');
      const t = await startTemporal({
        dataDir: join(home, 'temporal'),
        port: config.TEMPORAL_PORT,
        uiPort: config.TEMPORAL_UI_PORT,
        onLine: line('temporal'),
        logFile: logFile('temporal'),
      });
      started.push({ name: 'temporal', stop: t.stop, process: t.process });
      return { address: t.address, uiUrl: t.uiUrl };
    };

    // Engines have no dependencies on each other: start them together; migrate each as soon as it is up.
    const [pgUrl, chUrl, tmp] = await settleAll([
      databaseUrl().then(async (url) => {
        const applied = await migrate(url, { log: (m: string) => line('postgres')(m) });
        step(`postgres: ready (${applied.length} migration(s) applied)`);
        endpoints.push({ service: 'postgres', url: redact(url), readyAfter: since(), embedded: !config.DATABASE_URL });
        return url;
      }),
      clickhouseUrl().then(async (url) => {
        const applied = await migrateWarehouse(url, config);
        step(`clickhouse: ready (${applied.length} migration(s) applied)`);
        endpoints.push({
          service: 'clickhouse',
          url: redact(url),
          note: config.CLICKHOUSE_URL
            ? undefined
            : `users ${config.CLICKHOUSE_USER}, ${config.CLICKHOUSE_READONLY_USER} (read-only)`,
          readyAfter: since(),
          embedded: !config.CLICKHOUSE_URL,
        });
        return url;
      }),
      temporal().then((t) => {
        step('temporal: ready');
        endpoints.push({
          service: 'temporal',
          url: t.address,
          readyAfter: since(),
          embedded: !config.TEMPORAL_ADDRESS,
        });
        if (t.uiUrl) endpoints.push({ service: 'temporal ui', url: t.uiUrl, readyAfter: since(), embedded: true });
        return t;
      }),
    ]);

    // Mail: the local SMTP server, in this process, keeping every message for the outbox; or the configured relay.
    const outboxDir = resolve(config.MAIL_OUTBOX_DIR ?? join(home, 'outbox'));
    let smtpUrl = config.SMTP_URL;
    if (!smtpUrl) {
      const smtp = await startMailServer({ dir: outboxDir, port: config.MAIL_SMTP_PORT });
      started.push({ name: 'mail', stop: smtp.stop });
      smtpUrl = smtp.url;
      endpoints.push({
        service: 'mail',
        url: smtp.url,
        note: `keeps every message: ${outboxDir}, GET /v1/system/outbox`,
        readyAfter: since(),
        embedded: true,
      });
      step('mail: local SMTP server ready');
    }

    // Before the services start, so the api's first answers already show the demo; a failed seed only warns.
    const { members, months } = FIRST_START_DEMO;
    const demo = config.MONET_SEED_DEMO
      ? await seedDemoOnFirstStart(pgUrl, home, {
          onSeeding: () => step(`demo: no tenant yet, seeding Demo Coffee Co. (${members} members, ${months} months)`),
        }).catch((err: unknown) => {
          step(`demo: not seeded: ${err instanceof Error ? err.message : err}`);
          return null;
        })
      : null;
    if (demo) step(`demo: seeded in ${demo.seconds.toFixed(1)} s`);

    const serviceEnv: NodeJS.ProcessEnv = {
      ...env,
      AUTH_TOKEN_SECRET: config.AUTH_TOKEN_SECRET ?? localSecret(home, 'auth-token-secret'),
      EXPORTS_DIR: resolve(config.EXPORTS_DIR ?? join(home, 'exports')),
      MONET_HOME: home,
      DATABASE_URL: pgUrl,
      CLICKHOUSE_URL: chUrl,
      TEMPORAL_ADDRESS: tmp.address,
      API_URL: `http://127.0.0.1:${config.API_PORT}`,
      SMTP_URL: smtpUrl,
      // The api lists what the local SMTP server kept; with a relay there is no outbox.
      ...(config.SMTP_URL ? {} : { MAIL_OUTBOX_DIR: outboxDir }),
      // The dashboard signs users in from its own server and forwards each browser's address; the api's limits on
      // sign-in see that address only when it trusts the dashboard, which runs on loopback here.
      TRUST_PROXY: env.TRUST_PROXY ?? 'loopback',
      NEXT_TELEMETRY_DISABLED: '1',
    };
    const spawnNode = (name: string, entry: string) =>
      spawnManaged(name, process.execPath, ['--import', 'tsx', join(REPO_ROOT, entry)], {
        cwd: REPO_ROOT,
        env: serviceEnv,
        onLine: line(name),
        logFile: logFile(name),
      });
    const node = (name: string, entry: string) => {
      const proc = spawnNode(name, entry);
      started.push({ name, stop: () => proc.stop(), process: proc });
      return proc;
    };

    step('api, worker, cdc, dashboard: starting');
    const apiUrl = `http://127.0.0.1:${config.API_PORT}`;
    const dashboardUrl = `http://127.0.0.1:${config.DASHBOARD_PORT}`;
    const workerReady = (async () => {
      let ready = false;
      const proc = node('worker', 'workflows/src/worker.ts');
      proc.child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('worker ready')) ready = true;
      });
      await waitFor('worker', async () => ready, { timeoutMs: 60_000, process: proc });
      endpoints.push({ service: 'worker', url: 'task queue monet-system', readyAfter: since(), embedded: true });
    })();
    const cdcReady = (async () => {
      // The change stream, started after the demo seed so its first snapshot copies it. It resumes from its slot,
      // so a crash only costs a restart. Ready once it streams, that is after the first start's snapshot.
      const cdc = keepRunning('cdc', () => spawnNode('cdc', 'warehouse/cdc/src/main.ts'), step);
      started.push({
        name: 'cdc',
        stop: cdc.stop,
        restarts: true,
        get process() {
          return cdc.current();
        },
      });
      const cdcUrl = `http://127.0.0.1:${config.CDC_METRICS_PORT}`;
      await waitFor('cdc', async () => (await fetch(`${cdcUrl}/healthz`)).ok, {
        timeoutMs: 120_000,
        process: cdc.current(),
      });
      endpoints.push({
        service: 'cdc',
        url: `${cdcUrl}/metrics`,
        note: `${config.CDC_TABLES.length} tables into ClickHouse raw.*; lag: monet_cdc_lag_seconds`,
        readyAfter: since(),
        embedded: true,
      });
    })();
    // The demo's analytics at first start: one build once the worker runs and the change stream has copied the
    // demo; later builds come from the dbt-build schedule. A failed build only warns, like a failed seed.
    const firstBuild = async (): Promise<DbtBuildResult | null> => {
      if (!demo) return null;
      await Promise.all([workerReady, cdcReady]);
      const t = performance.now();
      try {
        const result = await buildMartsOnFirstStart({
          databaseUrl: pgUrl,
          clickhouse: { url: chUrl, username: config.CLICKHOUSE_USER, password: config.CLICKHOUSE_PASSWORD },
          temporal: { address: tmp.address, namespace: config.TEMPORAL_NAMESPACE },
          tenantSlug: demo.tenant,
          step,
        });
        const { pass, warn, total } = result.counts;
        const seconds = (performance.now() - t) / 1000;
        step(`marts: built in ${seconds.toFixed(1)} s (${pass} of ${total} models and tests passed, ${warn} warned)`);
        return result;
      } catch (err) {
        const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0];
        step(
          `marts: not built: ${reason}; the dbt-build schedule tries again (DBT_BUILD_CRON), or run \`monet dbt build\``,
        );
        return null;
      }
    };

    const [, , , , marts] = await settleAll([
      workerReady,
      cdcReady,
      (async () => {
        const proc = node('api', 'api/src/server.ts');
        await waitFor('api', async () => (await fetch(`${apiUrl}/readyz`)).ok, { timeoutMs: 60_000, process: proc });
        endpoints.push({
          service: 'api',
          url: apiUrl,
          note: `reference ${apiUrl}/docs`,
          readyAfter: since(),
          embedded: true,
        });
      })(),
      (async () => {
        const dashboardDir = join(REPO_ROOT, 'dashboard');
        if (!existsSync(join(dashboardDir, '.next', 'BUILD_ID'))) {
          throw new StartupError('The dashboard is not built: run `npm run setup` first.');
        }
        const next = join(REPO_ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
        const proc = spawnManaged(
          'dashboard',
          process.execPath,
          [next, 'start', '-p', String(config.DASHBOARD_PORT), '-H', '127.0.0.1'],
          { cwd: dashboardDir, env: serviceEnv, onLine: line('dashboard'), logFile: logFile('dashboard') },
        );
        started.push({ name: 'dashboard', stop: () => proc.stop(), process: proc });
        await waitFor('dashboard', async () => (await fetch(`${dashboardUrl}/status`)).ok, {
          timeoutMs: 60_000,
          process: proc,
        });
        endpoints.push({ service: 'dashboard', url: dashboardUrl, readyAfter: since(), embedded: true });
      })(),
      firstBuild(),
    ]);

    const unexpectedExit = Promise.race(
      started
        .filter((s) => s.process && !s.restarts)
        .map((s) =>
          s.process!.exited.then(({ code, signal }) => ({ service: s.name, code, signal, tail: s.process!.tail() })),
        ),
    );
    const pids = () => started.flatMap((s) => (s.process?.child.pid ? [s.process.child.pid] : []));
    return { config, home, endpoints, readyAfter: since(), demo, marts, unexpectedExit, pids, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
