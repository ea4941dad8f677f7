import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { AT_RISK_HIGH_SPENDERS, compileDefinition, readPreview } from '@loyaltystudio/api/core';
import { freePort, startGateway } from '@loyaltystudio/engines';
import { tempDir } from '@loyaltystudio/engines/testing';
import {
  clickhouseMartReader,
  createClickHouseClient,
  type MartReader,
  migrateClickHouse,
  runDbt,
} from '@loyaltystudio/warehouse';
import { benchCampaignRuns } from './campaign-runs.ts';
import { percentile, previousFigures, printTable, writeResults } from './results.ts';
import { SPAN, type SyntheticTenant, syntheticTenant, writeSyntheticTenant } from './warehouse-synthetic.ts';

/** Members of the benchmark's merchant (BENCH_MEMBERS, default 1,000,000); a second one has a tenth as many. */
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_000_000);
/** Timed runs of each measurement (BENCH_RUNS, default 20), after 3 warm-up runs. */
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

/**
 * Columns a preview of the at-risk high spenders reads: the definition's (rfm_segment, revenue_minor,
 * recency_days, tags), the tenant and status, the distribution's tier, and the sample's member columns.
 */
const PREVIEW_COLUMNS = [
  'status',
  'rfm_segment',
  'revenue_minor',
  'recency_days',
  'tags',
  'tier_id',
  'tier_name',
  'member_id',
  'external_id',
  'enrolled_at',
  'points_available',
  'purchases',
  'last_purchase_at',
  'frequency',
  'monetary_minor',
];

interface Timings {
  p50: number;
  p95: number;
}

async function timings(runs: number, work: () => Promise<unknown>): Promise<Timings> {
  for (let i = 0; i < 3; i++) await work();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    ms.push(performance.now() - t0);
  }
  ms.sort((x, y) => x - y);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

const round = (x: number) => Number(x.toFixed(x < 10 ? 3 : 1));

/**
 * Segment preview: the api's preview of the README's "at-risk high spenders" (compile, then the distribution,
 * sample and tenant count at once, as `POST /v1/segments:preview` runs them, without HTTP), warm, against a raw
 * scan of the same tenant's member_360 rows reading the columns the preview reads (`NOT ignore(…)`: every row,
 * no predicate, no grouping), alternating so both see the same machine.
 */
async function benchSegmentPreview(reader: MartReader, t: SyntheticTenant) {
  const preview = () => readPreview(reader, compileDefinition(AT_RISK_HIGH_SPENDERS, t.tenantId), t.tenantId);
  const scan = () =>
    reader.rows({
      sql: `SELECT count() AS members FROM marts.member_360
        WHERE tenant_id = {tenant:UUID} AND NOT ignore(${PREVIEW_COLUMNS.join(', ')})`,
      params: { tenant: t.tenantId },
    });
  // The same spenders without the RFM test: no range of member_360's RFM projection serves it, so it reads the tenant.
  const withoutRfm = { all: AT_RISK_HIGH_SPENDERS.all.slice(1) };
  const previewWithoutRfm = () => readPreview(reader, compileDefinition(withoutRfm, t.tenantId), t.tenantId);
  const result = await preview();
  const previewMs = await timings(RUNS, preview);
  const scanMs = await timings(RUNS, scan);
  const withoutRfmMs = await timings(RUNS, previewWithoutRfm);
  return {
    segment_preview_members: result.activeMembers,
    segment_preview_size: result.size,
    segment_preview_share: round(result.share ?? 0),
    segment_preview_p50_ms: round(previewMs.p50),
    segment_preview_p95_ms: round(previewMs.p95),
    segment_preview_raw_scan_p50_ms: round(scanMs.p50),
    segment_preview_raw_scan_p95_ms: round(scanMs.p95),
    segment_preview_vs_raw_scan: round(previewMs.p95 / scanMs.p95),
    segment_preview_without_rfm_p50_ms: round(withoutRfmMs.p50),
    segment_preview_without_rfm_p95_ms: round(withoutRfmMs.p95),
    segment_preview_without_rfm_vs_raw_scan: round(withoutRfmMs.p95 / scanMs.p95),
  };
}

/**
 * Sections to run (BENCH_SECTIONS, comma-separated; default both): `preview`, `campaigns`; or `starts`, the campaign
 * workflows' starts alone (a part of `campaigns`, without its activation and accruals).
 */
const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? 'preview,campaigns').split(',').map((s) => s.trim()));

/**
 * `npm run bench -- campaigns`: figures of the marketers' features. Sections: the segment preview (below), and the
 * campaigns' own (campaign-runs.ts: activation of a large audience, accruals with a running campaign against none,
 * campaign workflows started on the Temporal dev server). Writes bench/results/campaigns.json.
 */
export async function benchCampaigns(): Promise<Record<string, number>> {
  const runs = SECTIONS.has('campaigns')
    ? await benchCampaignRuns()
    : SECTIONS.has('starts')
      ? await benchCampaignRuns('starts')
      : {};
  const preview = SECTIONS.has('preview') ? await benchPreviewSection() : {};
  // One section run alone keeps the other's figures from the last results file (the README dates each section).
  const kept = SECTIONS.has('campaigns') && SECTIONS.has('preview') ? {} : previousFigures('campaigns');
  const figures = { ...kept, ...preview, ...runs };
  console.log(`\nwrote ${writeResults('campaigns', figures)}`);
  return figures;
}

/**
 * The segment preview's section: a synthetic merchant of BENCH_MEMBERS members (10 events and 20 ledger entries
 * each, beside a merchant a tenth of its size) written straight into raw.* and built into marts by dbt.
 */
async function benchPreviewSection(): Promise<Record<string, number>> {
  const dir = tempDir('bench-campaigns');
  const gateway = await startGateway({ dataDir: join(dir.path, 'gateway'), port: await freePort() });
  // Writing a million members' history takes minutes on a busy machine: far beyond the client's 30 s default.
  const client: ClickHouseClient = createClickHouseClient({
    url: gateway.url,
    username: 'monet',
    password: 'monet',
    requestTimeoutMs: 30 * 60_000,
  });
  try {
    await migrateClickHouse(client);
    const main = syntheticTenant(1, MEMBERS);
    const t0 = performance.now();
    await writeSyntheticTenant(client, main);
    await writeSyntheticTenant(client, syntheticTenant(2, Math.max(1, Math.floor(MEMBERS / 10))));
    const generateSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    await runDbt({
      args: ['run', '--select', '+member_360', '+member_campaigns'],
      clickhouseUrl: gateway.url,
      username: 'monet',
      password: 'monet',
      workDir: join(dir.path, 'dbt'),
      vars: { as_of_date: SPAN.end },
      threads: 2,
      // A million members' marts on a busy machine: one model may outlast dbt's default 600 s wait.
      statementTimeoutSeconds: 3600,
    });
    const dbtSeconds = (performance.now() - t1) / 1000;
    // The api's limits for analytics reads (ANALYTICS_QUERY_TIMEOUT, ANALYTICS_MAX_RESULT_ROWS).
    const reader = clickhouseMartReader(client, { timeoutSeconds: 10, maxResultRows: 100_000 });
    const preview = await benchSegmentPreview(reader, main);
    const figures = {
      members: MEMBERS,
      runs: RUNS,
      generate_s: round(generateSeconds),
      dbt_member_marts_s: round(dbtSeconds),
      ...preview,
    };
    printTable(`Segment preview (${MEMBERS} members; at-risk high spenders: ${preview.segment_preview_size})`, [
      ['preview p50', preview.segment_preview_p50_ms, 'ms'],
      ['preview p95 (target ≤ 300)', preview.segment_preview_p95_ms, 'ms'],
      ['raw scan of member_360 p50', preview.segment_preview_raw_scan_p50_ms, 'ms'],
      ['raw scan of member_360 p95', preview.segment_preview_raw_scan_p95_ms, 'ms'],
      ['preview ÷ raw scan, p95 (target ≤ 1.5)', preview.segment_preview_vs_raw_scan, '×'],
      ['preview without the RFM test p95', preview.segment_preview_without_rfm_p95_ms, 'ms'],
      ['  ÷ raw scan, p95', preview.segment_preview_without_rfm_vs_raw_scan, '×'],
    ]);
    return figures;
  } finally {
    await client.close();
    await gateway.stop();
    dir.remove();
  }
}
