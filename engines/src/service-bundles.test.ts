import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServiceBundles, bundlesState, SERVICE_ENTRIES, serviceArgs } from './service-bundles.mjs';
import { tempDir } from './testing.ts';

describe('service bundles', () => {
  const dir = tempDir('service-bundles');
  const outdir = join(dir.path, 'services');

  beforeAll(async () => {
    await buildServiceBundles(outdir);
  }, 60_000);
  afterAll(() => dir.remove());

  it('builds one bundle per process, each run from its bundle while the sources match', () => {
    expect(bundlesState(outdir)).toEqual({ fresh: true });
    for (const name of Object.keys(SERVICE_ENTRIES) as (keyof typeof SERVICE_ENTRIES)[]) {
      const { args, bundled } = serviceArgs(name, outdir);
      expect(bundled).toBe(true);
      expect(args).toEqual([join(outdir, `${name}.mjs`)]);
      expect(existsSync(args[0] as string)).toBe(true);
    }
    // The cli's bundle runs on its own: its sources' files (the env reference) are found from the sources' places.
    const printed = execFileSync(process.execPath, [join(outdir, 'monet.mjs'), 'config'], { encoding: 'utf8' });
    expect(printed).toContain('DATABASE_URL');
  });

  it('reports bundles that no longer match their sources, and runs the TypeScript entry instead', () => {
    const stale = join(dir.path, 'stale');
    execFileSync('cp', ['-r', outdir, stale]);
    const stampFile = join(stale, 'stamp.json');
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as { hash: string; inputs: string[] };
    writeFileSync(stampFile, JSON.stringify({ ...stamp, hash: '0'.repeat(64) }));
    expect(bundlesState(stale)).toEqual({ fresh: false, reason: 'their sources changed since they were built' });
    const { args, bundled, stale: why } = serviceArgs('api', stale);
    expect(bundled).toBe(false);
    expect(why).toBe('their sources changed since they were built');
    expect(args.slice(0, 2)).toEqual(['--import', 'tsx']);
    expect(args[2]).toMatch(/api\/src\/server\.ts$/);

    expect(bundlesState(join(dir.path, 'never-built'))).toEqual({ fresh: false, reason: 'they are not built' });
  });

  it('refuses a process it does not know', () => {
    expect(() => serviceArgs('dashboard' as 'api', outdir)).toThrow(/no process named dashboard/);
  });
});
