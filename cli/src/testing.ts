import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '@loyaltystudio/engines';
import { REPO_ROOT } from './paths.ts';

// The cli's own test support (`@loyaltystudio/cli/testing`): `monet up` in a process of its own, as the system test
// and the stack benchmark run it.

/**
 * Environment for a whole stack of its own: its own MONET_HOME, every port free, no external engine, and no demo
 * seeded on its first start (the test of that seeding turns it on).
 */
export async function isolatedStackEnv(home: string): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MONET_HOME: home,
    LOG_LEVEL: 'warn',
    NO_COLOR: '1',
    MONET_SEED_DEMO: 'false',
  };
  for (const name of [
    'POSTGRES_PORT',
    'CLICKHOUSE_HTTP_PORT',
    'TEMPORAL_PORT',
    'TEMPORAL_UI_PORT',
    'API_PORT',
    'DASHBOARD_PORT',
    'CDC_METRICS_PORT',
    'MAIL_SMTP_PORT',
  ]) {
    env[name] = String(await freePort());
  }
  for (const name of ['DATABASE_URL', 'CLICKHOUSE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL', 'MAIL_OUTBOX_DIR'])
    delete env[name];
  return env;
}

export interface MonetUpProcess {
  child: ChildProcess;
  /** Seconds from spawn until the URL table was printed. */
  readyAfter: number;
  output(): string;
  exited: Promise<number | null>;
}

/** `monet up --quiet` as a user runs it, in its own process; resolves once it prints its URL table. */
export async function spawnMonetUp(env: NodeJS.ProcessEnv): Promise<MonetUpProcess> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(REPO_ROOT, 'cli/bin/monet.mjs'), 'up', '--quiet'], {
    env,
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const readyAfter = await new Promise<number>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Press Ctrl-C to stop')) resolve((performance.now() - t0) / 1000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    void exited.then((code) => reject(new Error(`monet up exited with ${code} before it was ready:\n${output}`)));
  });
  return { child, readyAfter, output: () => output, exited };
}
