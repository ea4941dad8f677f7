import type { ClickHouseClient } from '@clickhouse/client';
import type { GatewayHandle } from '@loyaltystudio/engines';
import { startTestGateway, tempDir } from '@loyaltystudio/engines/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickHouseClient } from '../src/clickhouse/client.ts';
import { migrateClickHouse } from '../src/clickhouse/migrate.ts';
import { runDbt } from '../src/dbt/run-dbt.ts';
import { loadMartsFixture, readMartsFixture } from './marts-fixture.ts';

// The marts of the models (member_predictions, model_quality, model_calibration) on the fixture, with scoring runs
// written as the churn-scoring workflow writes them. Realised quality is recomputed here from member_features'
// own 90-day label, independently of the SQL under test.
const fixture = readMartsFixture();
const SCORED_ON = '2026-03-01'; // a member_features snapshot whose 90 days are over by the fixture's 30 June
const RUN = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

interface Labelled {
  tenant_id: string;
  member_id: string;
  churned: number;
}

/** Probabilities all distinct, so a ranking has no ties to break. */
const probability = (i: number, run: number) =>
  Math.round((((i * 0.6180339887 + run * 0.137) % 1) * 0.98 + 0.01) * 1e4) / 1e4;

function auc(rows: { p: number; y: number }[]): number {
  const pos = rows.filter((r) => r.y === 1);
  const neg = rows.filter((r) => r.y === 0);
  let wins = 0;
  for (const a of pos) for (const b of neg) wins += a.p > b.p ? 1 : a.p === b.p ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

describe('model marts on the gateway', () => {
  let gateway: GatewayHandle;
  let client: ClickHouseClient;
  const work = tempDir('model-marts');
  let labelled: Labelled[] = [];
  const scored = new Map<string, { p: number; y: number }[]>();

  const dbt = (...args: string[]) =>
    runDbt({
      args,
      clickhouseUrl: gateway.url,
      username: 'monet',
      password: 'monet',
      workDir: work.path,
      vars: { as_of_date: fixture.as_of_date },
    });
  async function rows<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
    return (await client.query({ query, query_params: params, format: 'JSONEachRow' })).json<T>();
  }

  beforeAll(async () => {
    gateway = await startTestGateway();
    client = createClickHouseClient({ url: gateway.url, username: 'monet', password: 'monet' });
    await migrateClickHouse(client);
    await loadMartsFixture(client, fixture);
    await dbt('run', '--select', '+member_features');
    labelled = await rows<Labelled>(
      `SELECT toString(tenant_id) AS tenant_id, toString(member_id) AS member_id, toUInt8(churned) AS churned
       FROM marts.member_features WHERE as_of_date = {d:Date} ORDER BY tenant_id, member_id`,
      { d: SCORED_ON },
    );
    const tenants = [...new Set(labelled.map((r) => r.tenant_id))].sort();
    // Tenant 1: run 1 completed, run 2 stopped halfway (scores, no run). Tenant 2: runs 3 and 4 completed, 4 later.
    const runs: [string, number, string | null][] = [
      [tenants[0]!, 1, '2026-03-02 04:00:05.000'],
      [tenants[0]!, 2, null],
      [tenants[1]!, 3, '2026-03-02 04:00:05.000'],
      [tenants[1]!, 4, '2026-03-03 04:00:05.000'],
    ];
    for (const [tenant, run, completedAt] of runs) {
      const members = labelled.filter((r) => r.tenant_id === tenant);
      const values = members.map((m, i) => {
        const p = probability(i, run);
        return {
          tenant_id: tenant,
          run_id: RUN(run),
          member_id: m.member_id,
          as_of_date: SCORED_ON,
          scored_at: '2026-03-02 04:00:00.000',
          churn_model_version: `v${run}`,
          churn_horizon_days: 90,
          churn_probability: p,
          churn_risk_band: p >= 0.6 ? 'high' : p >= 0.3 ? 'medium' : 'low',
          clv_model_version: 'c1',
          clv_horizon_days: 365,
          expected_purchases: 2,
          probability_alive: 0.5,
          expected_spend_per_purchase_minor: 500,
          predicted_clv_minor: 1000,
        };
      });
      scored.set(
        RUN(run),
        members.map((m, i) => ({ p: Math.fround(probability(i, run)), y: m.churned })),
      );
      await client.insert({ table: 'raw.member_scores', values, format: 'JSONEachRow' });
      if (completedAt) {
        await client.insert({
          table: 'raw.scoring_runs',
          values: [
            {
              tenant_id: tenant,
              run_id: RUN(run),
              workflow_id: 'test',
              as_of_date: SCORED_ON,
              started_at: '2026-03-02 04:00:00.000',
              completed_at: completedAt,
              churn_model_version: `v${run}`,
              churn_model_source: 'default',
              churn_horizon_days: 90,
              clv_model_version: 'c1',
              clv_horizon_days: 365,
              members_scored: values.length,
              members_refused: 0,
            },
          ],
          format: 'JSONEachRow',
        });
      }
    }
    // Models only: their data tests run in dbt-build.test.ts; here the values are under test.
    await dbt('run', '--select', 'stg_models__member_scores+', 'stg_models__scoring_runs+');
  }, 300_000);
  afterAll(async () => {
    await client?.close();
    await gateway?.stop();
    work.remove();
  });

  it("shows each tenant's latest completed run, never one that stopped halfway", async () => {
    const shown = await rows<{ tenant_id: string; run_id: string; members: string }>(
      `SELECT toString(tenant_id) AS tenant_id, toString(run_id) AS run_id, count() AS members
       FROM marts.member_predictions GROUP BY tenant_id, run_id ORDER BY tenant_id`,
    );
    expect(shown.map((r) => r.run_id)).toEqual([RUN(1), RUN(4)]);
    // Every member scored (all current members: the snapshot holds no deleted one).
    expect(shown.map((r) => Number(r.members))).toEqual([scored.get(RUN(1))!.length, scored.get(RUN(4))!.length]);
  });

  it('judges each completed run on what members did in the 90 days after, as recomputed here', async () => {
    const quality = await rows<Record<string, number | string | null>>(
      'SELECT * FROM marts.model_quality ORDER BY run_id',
    );
    expect(quality.map((q) => q.run_id)).toEqual([RUN(1), RUN(3), RUN(4)]);
    for (const q of quality) {
      const pairs = scored.get(String(q.run_id))!;
      const n = pairs.length;
      const churned = pairs.filter((r) => r.y === 1).length;
      const rate = churned / n;
      const top = [...pairs].sort((a, b) => b.p - a.p).slice(0, Math.max(Math.ceil(n / 10), 1));
      expect(Number(q.members)).toBe(n);
      expect(Number(q.churned_members)).toBe(churned);
      expect(q.churn_rate).toBeCloseTo(rate, 12);
      expect(q.roc_auc).toBeCloseTo(auc(pairs), 9);
      expect(q.brier_score).toBeCloseTo(pairs.reduce((s, r) => s + (r.p - r.y) ** 2, 0) / n, 6);
      expect(q.top_decile_lift).toBeCloseTo(top.filter((r) => r.y === 1).length / top.length / rate, 9);
      // The lifetime-value horizon (365 days) is not over by 30 June: no actual revenue yet.
      expect(q.actual_revenue_minor).toBeNull();
      expect(Number(q.predicted_revenue_minor)).toBe(1000 * n);
    }
  });

  it('bins each judged run by tenths of probability', async () => {
    const bins = await rows<{ bin: number; members: string; churn_rate: number }>(
      'SELECT bin, members, churn_rate FROM marts.model_calibration WHERE run_id = {run:UUID} ORDER BY bin',
      { run: RUN(1) },
    );
    const pairs = scored.get(RUN(1))!;
    const expected = new Map<number, { p: number; y: number }[]>();
    for (const r of pairs) {
      const bin = Math.min(Math.floor(r.p * 10), 9);
      expected.set(bin, [...(expected.get(bin) ?? []), r]);
    }
    expect(bins.map((b) => b.bin)).toEqual([...expected.keys()].sort((a, b) => a - b));
    for (const b of bins) {
      const members = expected.get(b.bin)!;
      expect(Number(b.members)).toBe(members.length);
      expect(b.churn_rate).toBeCloseTo(members.filter((r) => r.y === 1).length / members.length, 12);
    }
  });
});
