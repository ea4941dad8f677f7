import { join } from 'node:path';
import { isolatedStackEnv, spawnMonetUp } from '@loyaltystudio/cli/testing';
import { freePort, startPostgres } from '@loyaltystudio/engines';
import { tempDir } from '@loyaltystudio/engines/testing';
import { printTable, writeResults } from './results.ts';

/** Seconds until `monet up` prints its table, as a user runs it; then stops it. */
async function timeUp(home: string): Promise<number> {
  const up = await spawnMonetUp(await isolatedStackEnv(home));
  up.child.kill('SIGTERM');
  await up.exited;
  return up.readyAfter;
}

async function timePostgres(dataDir: string): Promise<number> {
  const t0 = performance.now();
  const pg = await startPostgres({ dataDir, port: await freePort() });
  const seconds = (performance.now() - t0) / 1000;
  await pg.stop();
  return seconds;
}

/** `npm run bench -- stack`: start-up times against Postgres alone. */
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
    console.log(`\nwrote ${writeResults('stack', startFigures)}`);
    return startFigures;
  } finally {
    dir.remove();
  }
}
