import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import type { GatewayHandle } from '@loyaltystudio/engines';
import { freePort, startTestGateway, tempDir } from '@loyaltystudio/engines/testing';
import { createClickHouseClient, migrateClickHouse } from '@loyaltystudio/warehouse';
import { BUILT_MARTS, loadMartsFixture, readMartsFixture } from '@loyaltystudio/warehouse/testing';
import { ApplicationFailure } from '@temporalio/activity';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities, DBT_BUILD_FAILED, type DbtBuildReport, parseDoneLine } from './activities.ts';

const MARTS = [...BUILT_MARTS, 'util_calendar'].sort();

describe('parseDoneLine', () => {
  it("reads dbt's closing tally, colours and all, and nothing when dbt stopped before it", () => {
    const output = [
      '03:01:02  Finished running 40 view models, 12 table models in 0 hours 0 minutes and 15.20 seconds (15.20s).',
      '',
      '\x1b[32m03:01:02  Done. PASS=97 WARN=1 ERROR=2 SKIP=3 NO-OP=0 TOTAL=103\x1b[0m',
    ].join('\n');
    expect(parseDoneLine(output)).toEqual({ pass: 97, warn: 1, error: 2, skip: 3, noOp: 0, total: 103 });
    expect(parseDoneLine('Encountered an error:\nDatabase Error\n  connection refused')).toBeNull();
  });
});

/** An activity environment that logs only what a test did not provoke on purpose. */
const mockEnvironment = () => new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });

describe('dbt-build activities against a real gateway', () => {
  let gateway: GatewayHandle;
  let client: ClickHouseClient;
  const work = tempDir('dbt-build');

  beforeAll(async () => {
    gateway = await startTestGateway();
    client = createClickHouseClient({ url: gateway.url, username: 'monet', password: 'monet' });
    await migrateClickHouse(client);
    await loadMartsFixture(client, readMartsFixture());
  });
  afterAll(async () => {
    await client?.close();
    await gateway?.stop();
    work.remove();
  });

  const activitiesFor = (url: string, workDir: string) =>
    createActivities({
      clickhouse: { url, username: 'monet', password: 'monet' },
      workDir,
      heartbeatMs: 200,
      now: () => new Date('2026-12-01T12:15:00.000Z'),
    });

  async function rows<T>(query: string): Promise<T[]> {
    return (await client.query({ query, format: 'JSONEachRow' })).json<T>();
  }

  it('builds every mart, heartbeating while dbt runs, and reports its tally', async () => {
    const env = mockEnvironment();
    const heartbeats: unknown[] = [];
    env.on('heartbeat', (details) => heartbeats.push(details));
    const workDir = join(work.path, 'worker');

    const report: DbtBuildReport = await env.run(activitiesFor(gateway.url, workDir).buildMarts);

    expect(report.startedAt).toBe('2026-12-01T12:15:00.000Z');
    expect(report.seconds).toBeGreaterThan(0);
    expect(report.counts).toMatchObject({ warn: 0, error: 0, skip: 0 });
    expect(report.counts.pass).toBe(report.counts.total);
    expect(report.counts.total).toBeGreaterThan(100);
    expect(heartbeats.length).toBeGreaterThan(0);
    expect(heartbeats[0]).toEqual({ seconds: expect.any(Number) });

    const tables = await rows<{ name: string }>(
      "SELECT name FROM system.tables WHERE database = 'marts' AND engine LIKE '%MergeTree' ORDER BY name",
    );
    expect(tables.map((t) => t.name)).toEqual(MARTS);
    const [members] = await rows<{ n: number }>('SELECT toUInt32(count()) AS n FROM marts.member_360');
    expect(members?.n).toBeGreaterThan(0);
    // dbt wrote its artefacts to the worker's directory.
    expect(existsSync(join(workDir, 'target', 'run_results.json'))).toBe(true);
  });

  it("fails for good, with dbt's output, when models fail (a warehouse without raw tables)", async () => {
    const empty = await startTestGateway();
    try {
      const failure = await mockEnvironment()
        .run(activitiesFor(empty.url, join(work.path, 'empty')).buildMarts)
        .catch((err: unknown) => err);

      expect(failure).toBeInstanceOf(ApplicationFailure);
      const { type, nonRetryable, message, details } = failure as ApplicationFailure;
      expect(type).toBe(DBT_BUILD_FAILED);
      expect(nonRetryable).toBe(true);
      expect(message).toMatch(/^dbt build failed: \d+ of \d+ nodes errored, \d+ skipped:\n/);
      // dbt's own words: the model that failed and ClickHouse's reason.
      expect(message).toMatch(/Database Error in model stg_monet__\w+/);
      expect(message).toMatch(/UNKNOWN_(TABLE|DATABASE)/);
      expect(message).toMatch(/Done\. PASS=\d+ WARN=\d+ ERROR=[1-9]\d* SKIP=\d+/);
      expect(details?.[0]).toMatchObject({ error: expect.any(Number), total: expect.any(Number) });
    } finally {
      await empty.stop();
    }
  });

  it('fails so that Temporal tries again when dbt cannot reach ClickHouse', async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const failure = await mockEnvironment()
      .run(activitiesFor(nobody, join(work.path, 'unreachable')).buildMarts)
      .catch((err: unknown) => err);

    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect((failure as ApplicationFailure).nonRetryable).toBe(false);
    expect((failure as ApplicationFailure).message).toMatch(/^dbt build failed \(exit 2\):/);
  });

  it('stops dbt when the activity is cancelled', async () => {
    const env = mockEnvironment();
    const t0 = performance.now();
    let cancelledAfter = 0;
    env.once('heartbeat', () => {
      cancelledAfter = performance.now() - t0;
      env.cancel('CANCELLED');
    });
    const failure = await env
      .run(activitiesFor(gateway.url, join(work.path, 'cancelled')).buildMarts)
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).name).toBe('CancelledFailure');
    // Well before a build would have finished: dbt was stopped, not awaited.
    expect(performance.now() - t0 - cancelledAfter).toBeLessThan(3_000);
  });
});
