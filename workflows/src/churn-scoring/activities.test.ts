import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import type { GatewayHandle } from '@loyaltystudio/engines';
import { startTestGateway } from '@loyaltystudio/engines/testing';
import { clvPredictor, loadChurnModel, loadClvModel, resolveModel, toInput } from '@loyaltystudio/ml';
import { createClickHouseClient, migrateClickHouse } from '@loyaltystudio/warehouse';
import { ApplicationFailure } from '@temporalio/activity';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantScoring } from '../contracts.ts';
import {
  type ChurnScoringDeps,
  createActivities,
  FEATURE_SPEC_MISMATCH,
  NO_FEATURES,
  type ScoringProgress,
} from './activities.ts';
import { createFeatureMarts, insertMembers, memberId } from './test-marts.ts';

const A = '0000000a-0000-4000-8000-00000000000a';
const B = '0000000b-0000-4000-8000-00000000000b';
const AS_OF = '2026-12-01';
const MEMBERS = 2_500;

const environment = (info?: ConstructorParameters<typeof MockActivityEnvironment>[0]) =>
  new MockActivityEnvironment(info, { logger: new DefaultLogger('ERROR') });

describe('churn-scoring activities against a real gateway', () => {
  let gateway: GatewayHandle;
  let client: ClickHouseClient;
  const modelsDir = mkdtempSync(join(tmpdir(), 'monet-models-'));

  beforeAll(async () => {
    gateway = await startTestGateway();
    client = createClickHouseClient({ url: gateway.url, username: 'monet', password: 'monet' });
    await migrateClickHouse(client);
    await createFeatureMarts(client);
    await insertMembers(client, { tenantId: A, tenant: 1, members: MEMBERS, asOf: AS_OF, nonFinite: 1000 });
    await insertMembers(client, { tenantId: B, tenant: 2, members: 5, asOf: AS_OF });
  });
  afterAll(async () => {
    await client?.close();
    await gateway?.stop();
    rmSync(modelsDir, { recursive: true, force: true });
  });

  const activities = (deps: Partial<ChurnScoringDeps> = {}) =>
    createActivities({
      clickhouse: client,
      modelsDir,
      clvHorizonDays: 365,
      batchRows: 1_000,
      now: () => new Date('2026-12-02T04:00:00.000Z'),
      ...deps,
    });

  async function rows<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
    return (await client.query({ query, query_params: params, format: 'JSONEachRow' })).json<T>();
  }
  const scoresOf = async (runId: string) =>
    (
      await rows<{ n: string; members: string; tenants: string; dates: string[] }>(
        `SELECT count() AS n, uniqExact(member_id) AS members, uniqExact(tenant_id) AS tenants,
         groupUniqArray(toString(as_of_date)) AS dates
       FROM raw.member_scores FINAL WHERE run_id = {run:UUID}`,
        { run: runId },
      )
    ).map((r) => ({ n: Number(r.n), members: Number(r.members), tenants: Number(r.tenants), dates: r.dates }));

  it('lists the tenants with features', async () => {
    expect(await environment().run(activities().listScoringTenants)).toEqual([A, B]);
  });

  it("scores one tenant's members at the as-of date in batches, refuses non-finite rows, then records the run", async () => {
    const env = environment();
    const beats: ScoringProgress[] = [];
    env.on('heartbeat', (d: ScoringProgress) => beats.push(d));
    const runId = '00000000-0000-4000-8000-0000000000a1';

    const result = await env.run(activities().scoreTenant, { tenantId: A, runId, workflowId: 'wf-a1' });

    const refused = Math.floor(MEMBERS / 1000) + (MEMBERS % 1000 > 3 ? 1 : 0);
    expect(result).toMatchObject({
      tenantId: A,
      runId,
      asOfDate: AS_OF,
      churnModelSource: 'default',
      churnModelVersion: resolveModel('churn', { tenantId: A }).version,
      clvModelVersion: resolveModel('clv', { tenantId: A }).version,
      membersScored: MEMBERS - refused,
      membersRefused: refused,
    });
    expect(beats.map((b) => b.scored + b.refused)).toEqual([1000, 2000, 2500]);
    expect(beats.at(-1)?.after).toBe(memberId(1, MEMBERS - 1));
    expect(await scoresOf(runId)).toEqual([
      { n: MEMBERS - refused, members: MEMBERS - refused, tenants: 1, dates: [AS_OF] },
    ]);
    const [run] = await rows<Record<string, unknown>>('SELECT * FROM raw.scoring_runs WHERE run_id = {run:UUID}', {
      run: runId,
    });
    expect(run).toMatchObject({
      tenant_id: A,
      workflow_id: 'wf-a1',
      as_of_date: AS_OF,
      churn_model_source: 'default',
      churn_horizon_days: 90,
      clv_horizon_days: 365,
      members_scored: MEMBERS - refused,
      members_refused: refused,
    });
    // Scores are probabilities with their band, and lifetime values are finite and non-negative.
    const [check] = await rows<Record<string, number>>(
      `SELECT min(churn_probability) AS pmin, max(churn_probability) AS pmax,
         countIf(churn_risk_band != multiIf(churn_probability >= 0.6, 'high', churn_probability >= 0.3, 'medium', 'low'))
           AS wrong_bands,
         countIf(NOT isFinite(predicted_clv_minor) OR predicted_clv_minor < 0) AS bad_clv,
         countIf(probability_alive < 0 OR probability_alive > 1) AS bad_alive,
         uniqExact(churn_risk_band) AS bands
       FROM raw.member_scores WHERE run_id = {run:UUID}`,
      { run: runId },
    );
    expect([check?.wrong_bands, check?.bad_clv, check?.bad_alive].map(Number)).toEqual([0, 0, 0]);
    expect(Number(check?.pmin)).toBeGreaterThanOrEqual(0);
    expect(Number(check?.pmax)).toBeLessThanOrEqual(1);
    // Every score names a member of the tenant's features, as written in binary and read back.
    const [named] = await rows<{ n: number }>(
      `SELECT count() AS n FROM raw.member_scores WHERE run_id = {run:UUID} AND member_id IN
         (SELECT member_id FROM marts.member_features WHERE tenant_id = {tenant:UUID} AND as_of_date = {asOf:Date})`,
      { run: runId, tenant: A, asOf: AS_OF },
    );
    expect(Number(named?.n)).toBe(MEMBERS - refused);
    // The spend trend's infinity refused member 3, 1003, 2003; never silently scored.
    const refusedScored = await rows('SELECT 1 FROM raw.member_scores WHERE member_id = {m:UUID}', {
      m: memberId(1, 3),
    });
    expect(refusedScored).toEqual([]);
  });

  it('scores exactly what the spec and the models say, member by member (text rows and toInput as the reference)', async () => {
    const runId = '00000000-0000-4000-8000-0000000000a4';
    await environment().run(activities().scoreTenant, { tenantId: A, runId, workflowId: 'wf-a4' });
    // The reference reads the same members as text, applies the spec with toInput and predicts with predictClv.
    const model = await loadChurnModel(resolveModel('churn', { tenantId: A }).dir);
    const clv = clvPredictor(await loadClvModel(resolveModel('clv', { tenantId: A }).dir), 365);
    const names = model.spec.features.map((f) => f.name);
    // Infinities as the text "inf" (JSON would write null, which the spec reads as NULL).
    const features = await (
      await client.query({
        query: `SELECT toString(member_id) AS member, ${names.join(', ')}, tenure_days FROM marts.member_features
          WHERE tenant_id = {t:UUID} AND as_of_date = {d:Date} ORDER BY member_id`,
        query_params: { t: A, d: AS_OF },
        format: 'JSONEachRow',
        clickhouse_settings: { output_format_json_quote_denormals: 1 },
      })
    ).json<Record<string, number | string | null> & { member: string; tenure_days: number }>();
    const histories = new Map(
      (
        await rows<{ member: string; x: number; tx: number; T: number; m: number | null }>(
          `SELECT toString(member_id) AS member, repeat_purchase_days AS x, last_purchase_day AS tx,
             observed_days AS T, mean_repeat_value_minor AS m
           FROM marts.member_repeat_purchases WHERE tenant_id = {t:UUID}`,
          { t: A },
        )
      ).map((h) => [h.member, h]),
    );
    const { matrix, accepted } = toInput(
      model.spec,
      features.map((f) =>
        names.map((n) => (f[n] === null ? null : f[n] === 'inf' ? Number.POSITIVE_INFINITY : Number(f[n]))),
      ),
    );
    const probabilities = await model.score(matrix, accepted.length);
    const written = new Map(
      (
        await rows<{ member: string; p: number; clv: number; alive: number }>(
          `SELECT toString(member_id) AS member, churn_probability AS p, predicted_clv_minor AS clv,
             probability_alive AS alive FROM raw.member_scores FINAL WHERE run_id = {run:UUID}`,
          { run: runId },
        )
      ).map((r) => [r.member, r]),
    );
    expect(written.size).toBe(accepted.length);
    accepted.forEach((r, i) => {
      const f = features[r]!;
      const h = histories.get(f.member);
      const expected = clv(
        h ? { x: h.x, tx: h.tx, T: h.T, meanValue: h.m } : { x: 0, tx: 0, T: f.tenure_days, meanValue: null },
      );
      const got = written.get(f.member);
      expect(got, f.member).toBeDefined();
      expect(Math.abs(got!.p - probabilities[i]!), f.member).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(got!.clv - expected.predictedClvMinor)).toBeLessThanOrEqual(
        1e-9 * Math.max(1, expected.predictedClvMinor),
      );
      expect(Math.abs(got!.alive - expected.probabilityAlive)).toBeLessThanOrEqual(1e-12);
    });
    await model.release();
  });

  it('leaves no run record when a run stops halfway, and resumes after the last batch written on retry', async () => {
    const runId = '00000000-0000-4000-8000-0000000000a2';
    const input = { tenantId: A, runId, workflowId: 'wf-a2' };
    let last: ScoringProgress | undefined;
    const stopping = activities({
      afterBatch: (p) => {
        last = p;
        if (p.scored + p.refused >= 2000) throw new Error('worker lost');
      },
    });
    await expect(environment().run(stopping.scoreTenant, input)).rejects.toThrow('worker lost');
    expect(await rows('SELECT 1 FROM raw.scoring_runs WHERE run_id = {run:UUID}', { run: runId })).toEqual([]);
    expect(Number((await scoresOf(runId))[0]?.n)).toBe(last!.scored);

    // The retry starts from the heartbeat's progress: only the last 500 members are read and written.
    const beats: ScoringProgress[] = [];
    const env = environment({ heartbeatDetails: last });
    env.on('heartbeat', (d: ScoringProgress) => beats.push(d));
    const result = (await env.run(activities().scoreTenant, input)) as TenantScoring;
    expect(beats.map((b) => b.scored + b.refused)).toEqual([2500]);
    expect(result.membersScored + result.membersRefused).toBe(MEMBERS);
    const [scores] = await scoresOf(runId);
    expect(Number(scores?.members)).toBe(result.membersScored);
    expect(await rows('SELECT 1 FROM raw.scoring_runs WHERE run_id = {run:UUID}', { run: runId })).toHaveLength(1);
  });

  it('starts over when the marts moved to another date since the attempt that stopped', async () => {
    const runId = '00000000-0000-4000-8000-0000000000a3';
    const beats: ScoringProgress[] = [];
    const env = environment({
      heartbeatDetails: { asOf: '2026-11-30', after: memberId(1, 1999), scored: 1998, refused: 2 },
    });
    env.on('heartbeat', (d: ScoringProgress) => beats.push(d));
    const result = (await env.run(activities().scoreTenant, {
      tenantId: A,
      runId,
      workflowId: 'wf-a3',
    })) as TenantScoring;
    expect(beats.map((b) => b.scored + b.refused)).toEqual([1000, 2000, 2500]);
    expect(result.membersScored + result.membersRefused).toBe(MEMBERS);
  });

  it("scores with the tenant's own model when it has one, and refuses one whose spec differs from the mart", async () => {
    const shipped = resolveModel('churn', { tenantId: B });
    const own = join(modelsDir, 'tenants', B, 'churn', '20991231T000000Z');
    cpSync(shipped.dir, own, { recursive: true });
    const ok = await environment().run(activities().scoreTenant, {
      tenantId: B,
      runId: '00000000-0000-4000-8000-0000000000b1',
      workflowId: 'wf-b1',
    });
    expect(ok).toMatchObject({ churnModelSource: 'tenant', membersScored: 5 });

    const broken = join(modelsDir, 'tenants', B, 'churn', '20991231T000001Z');
    cpSync(shipped.dir, broken, { recursive: true });
    const spec = JSON.parse(readFileSync(join(broken, 'feature-spec.json'), 'utf8'));
    spec.features[1].name = 'recency_weeks';
    spec.version = '20991231T000001Z';
    writeFileSync(join(broken, 'feature-spec.json'), JSON.stringify(spec));
    const card = JSON.parse(readFileSync(join(broken, 'model-card.json'), 'utf8'));
    writeFileSync(join(broken, 'model-card.json'), JSON.stringify({ ...card, version: spec.version }));

    const runId = '00000000-0000-4000-8000-0000000000b2';
    const failure = await environment()
      .run(activities().scoreTenant, { tenantId: B, runId, workflowId: 'wf-b2' })
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect((failure as ApplicationFailure).type).toBe(FEATURE_SPEC_MISMATCH);
    expect((failure as ApplicationFailure).nonRetryable).toBe(true);
    expect((failure as Error).message).toContain('recency_weeks: not a column of marts.member_features');
    expect(await scoresOf(runId)).toEqual([{ n: 0, members: 0, tenants: 0, dates: [] }]);
    rmSync(broken, { recursive: true });
  });

  it('refuses a tenant without features', async () => {
    const failure = await environment()
      .run(activities().scoreTenant, {
        tenantId: '0000000c-0000-4000-8000-00000000000c',
        runId: '00000000-0000-4000-8000-0000000000c1',
        workflowId: 'wf-c1',
      })
      .catch((err: unknown) => err);
    expect((failure as ApplicationFailure).type).toBe(NO_FEATURES);
  });
});
