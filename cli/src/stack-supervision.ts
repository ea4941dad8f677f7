import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DamagedDataError, type ManagedProcess, portInUse } from '@loyaltystudio/engines';
import type { StackConfig } from './stack.ts';

// The supervisor's own housekeeping for `startStack`: its lock and home directory, the ports it needs, local secrets,
// and how it starts, restarts and settles the services it runs.

/**
 * Like Promise.all, but waits for every start to settle before failing, so a service still starting when another
 * fails is registered, and stopped, rather than left running.
 */
export async function settleAll<T extends readonly unknown[]>(starts: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(starts);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** A start-up problem the user can fix, worded for one line. */
export class StartupError extends Error {
  override name = 'StartupError';
}

export interface Stoppable {
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
export function keepRunning(
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

export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString().replace(/\/$/, '');
}

/** A secret for local use, generated on first start and kept in MONET_HOME/secrets (never in the repository). */
export function localSecret(home: string, name: string): string {
  const file = join(home, 'secrets', name);
  if (!existsSync(file)) {
    mkdirSync(join(home, 'secrets'), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

export function acquireLock(home: string): () => void {
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

export async function checkPorts(config: StackConfig): Promise<void> {
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

export function checkHome(home: string): void {
  if (!existsSync(home)) return;
  if (!statSync(home).isDirectory()) throw new DamagedDataError(home, 'is not a directory');
  for (const part of ['postgres', 'clickhouse', 'temporal']) {
    const path = join(home, part);
    if (existsSync(path) && !statSync(path).isDirectory()) throw new DamagedDataError(path, 'is not a directory');
  }
}
