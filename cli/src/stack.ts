import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type EnvValues, readEnv, vars } from '@loyaltystudio/config';
import { spawnManaged, waitFor } from '@loyaltystudio/engines';
import { serviceArgs } from '@loyaltystudio/engines/service-bundles';
import type { DbtBuildResult } from '@loyaltystudio/workflow-contracts';
import { buildMartsOnFirstStart } from './marts.ts';
import { REPO_ROOT } from './paths.ts';
import { type DemoSignIn, FIRST_START_DEMO, seedDemoOnFirstStart } from './seed/first-start.ts';
import { startEngines } from './stack-engines.ts';
import {
  acquireLock,
  checkHome,
  checkPorts,
  keepRunning,
  localSecret,
  StartupError,
  type Stoppable,
  settleAll,
} from './stack-supervision.ts';

// The error `startStack` throws for a problem the user can fix, for the command that prints it.
export { StartupError };

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

    const {
      pgUrl,
      chUrl,
      temporal: tmp,
      smtpUrl,
      outboxDir,
    } = await startEngines({
      config,
      env,
      home,
      step,
      line,
      logFile,
      since,
      started,
      endpoints,
    });

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
    const spawnNode = (name: 'api' | 'worker' | 'cdc', nodeFlags: string[] = []) =>
      spawnManaged(name, process.execPath, [...nodeFlags, ...serviceArgs(name).args], {
        cwd: REPO_ROOT,
        env: serviceEnv,
        onLine: line(name),
        logFile: logFile(name),
      });
    const node = (name: 'api' | 'worker', nodeFlags: string[] = []) => {
      const proc = spawnNode(name, nodeFlags);
      started.push({ name, stop: () => proc.stop(), process: proc });
      return proc;
    };

    const { stale } = serviceArgs('api');
    if (stale)
      step(`services: running from TypeScript, slower to start (bundles: ${stale}; \`npm run bundle\` builds them)`);
    step('api, worker, cdc, dashboard: starting');
    const apiUrl = `http://127.0.0.1:${config.API_PORT}`;
    const dashboardUrl = `http://127.0.0.1:${config.DASHBOARD_PORT}`;
    const workerReady = (async () => {
      let ready = false;
      // A larger first heap: with V8's default, churn scoring runs a full collection about once a page (ml/README.md).
      const proc = node('worker', ['--initial-heap-size=256']);
      proc.child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('worker ready')) ready = true;
      });
      // A worker whose prebuilt workflow bundle is stale (workflow code changed since `npm run setup`) bundles it in
      // memory first, which takes minutes on a busy two-core machine: the wait is a safety net, not a target.
      await waitFor('worker', async () => ready, { timeoutMs: 180_000, process: proc });
      endpoints.push({ service: 'worker', url: 'task queue monet-system', readyAfter: since(), embedded: true });
    })();
    const cdcReady = (async () => {
      // The change stream, started after the demo seed so its first snapshot copies it. It resumes from its slot,
      // so a crash only costs a restart. Ready once it streams, that is after the first start's snapshot.
      const cdc = keepRunning('cdc', () => spawnNode('cdc'), step);
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
        const proc = node('api');
        // Like the worker's, a safety net sized for a busy two-core machine (seen past a minute at a load of 28).
        await waitFor('api', async () => (await fetch(`${apiUrl}/readyz`)).ok, { timeoutMs: 180_000, process: proc });
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
