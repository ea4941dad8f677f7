import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startPostgres } from '../../cli/src/engines/postgres.ts';
import { freePort } from '../../cli/src/engines/process.ts';
import { tempDir } from '../../cli/src/engines/testing.ts';
import { REPO_ROOT } from '../../cli/src/paths.ts';
import { benchGateway } from './gateway.ts';
import { printTable, writeResults } from './results.ts';

/** Runs `monet up` as a user would and returns the seconds until it prints its table, then stops it. */
async function timeUp(home: string): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, MONET_HOME: home, NO_COLOR: '1' };
  for (const name of [
    'POSTGRES_PORT',
    'CLICKHOUSE_HTTP_PORT',
    'TEMPORAL_PORT',
    'TEMPORAL_UI_PORT',
    'API_PORT',
    'DASHBOARD_PORT',
  ]) {
    env[name] = String(await freePort());
  }
  for (const name of ['DATABASE_URL', 'CLICKHOUSE_URL', 'TEMPORAL_ADDRESS']) delete env[name];
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(REPO_ROOT, 'cli/bin/monet.mjs'), 'up', '--quiet'], {
    env,
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const seconds = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Monet is ready')) resolve((performance.now() - t0) / 1000);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.once('exit', (code) => reject(new Error(`monet up exited with ${code} before it was ready:\n${output}`)));
  });
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return seconds;
}

async function timePostgres(dataDir: string): Promise<number> {
  const t0 = performance.now();
  const pg = await startPostgres({ dataDir, port: await freePort() });
  const seconds = (performance.now() - t0) / 1000;
  await pg.stop();
  return seconds;
}

/** `npm run bench -- stack`: start-up times against Postgres alone, and the gateway's figures. */
export async function benchStack(): Promise<Record<string, number>> {
  const dir = tempDir('bench-stack');
  try {
    const pgCold = await timePostgres(join(dir.path, 'pg'));
    const pgWarm = await timePostgres(join(dir.path, 'pg'));
    const upCold = await timeUp(join(dir.path, 'home'));
    const upWarm = await timeUp(join(dir.path, 'home'));
    const startFigures = {
      postgres_alone_cold_s: pgCold,
      postgres_alone_warm_s: pgWarm,
      up_cold_s: upCold,
      up_warm_s: upWarm,
      up_cold_ratio_to_postgres: upCold / pgCold,
      up_warm_ratio_to_postgres: upWarm / pgWarm,
    };
    printTable('Start-up (ratios against embedded Postgres alone, same run)', [
      ['embedded Postgres alone, cold (initdb)', pgCold, 's'],
      ['embedded Postgres alone, warm', pgWarm, 's'],
      ['npm start to ready, cold (new .monet)', upCold, 's'],
      ['npm start to ready, warm', upWarm, 's  (target ≤ 10 s)'],
      ['cold ÷ Postgres cold', startFigures.up_cold_ratio_to_postgres, '×'],
      ['warm ÷ Postgres warm', startFigures.up_warm_ratio_to_postgres, '×'],
    ]);
    const gateway = await benchGateway();
    const figures = { ...startFigures, ...gateway };
    console.log(`\nwrote ${writeResults('stack', figures)}`);
    return figures;
  } finally {
    dir.remove();
  }
}
