import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { GatewayHandle } from '@loyaltystudio/engines';
import { freePort, startTestGateway, tempDir } from '@loyaltystudio/engines/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/paths.ts';

/** `monet dbt …` as a user runs it; resolves with its exit code and everything it printed. */
function monetDbt(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'cli/bin/monet.mjs'), 'dbt', ...args], {
    env,
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk;
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, out, err })));
}

describe('monet dbt', () => {
  let gateway: GatewayHandle;
  const home = tempDir('dbt-cli');
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    // A warehouse without Monet's raw tables: dbt connects, and every staging model fails.
    gateway = await startTestGateway();
    env = { ...process.env, MONET_HOME: home.path, CLICKHOUSE_URL: gateway.url, NO_COLOR: '1' };
  });
  afterAll(async () => {
    await gateway?.stop();
    home.remove();
  });

  it("runs dbt against the configured ClickHouse with its work files in MONET_HOME, and exits with dbt's code", async () => {
    const debug = await monetDbt(['debug'], env);
    expect(debug.out).toContain('All checks passed!');
    expect(debug.out).toContain(`port: ${new URL(gateway.url).port}`);
    expect(debug.code).toBe(0);
    expect(debug.out.trim().split('\n').at(-1)).toBe(`dbt's target/ and logs/ are in ${join(home.path, 'dbt', 'cli')}`);
    expect(existsSync(join(home.path, 'dbt', 'cli', 'logs', 'dbt.log'))).toBe(true);

    const failed = await monetDbt(['run', '--select', 'stg_monet__members'], env);
    expect(failed.out).toMatch(/Database Error in model stg_monet__members/);
    expect(failed.out).toMatch(/Done\. PASS=0 WARN=0 ERROR=1/);
    expect(failed.code).toBe(1);
  });

  it('says how to start Monet when ClickHouse does not answer', async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const result = await monetDbt(['build'], { ...env, CLICKHOUSE_URL: nobody });
    expect(result.code).toBe(1);
    expect(result.err.trim()).toBe(
      `monet dbt: ClickHouse does not answer at ${nobody}: start Monet first (\`npm start\`), or set CLICKHOUSE_URL.`,
    );
  });

  it('prints its usage without a dbt command', async () => {
    const result = await monetDbt([], env);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^Usage: monet dbt <dbt command and flags>/);
    expect(result.err).toContain('monet dbt docs generate');
  });
});
