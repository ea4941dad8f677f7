// Campaigns launched through the api until their workflows mark them running: one large audience's activation, and
// many small ones' starts (campaign-runs.ts runs them with the accruals).
import type { ApiTest, TestTenant } from '@loyaltystudio/api/testing';
import {
  campaignBody,
  campaignMembers,
  createCampaign,
  staticSegmentVersion,
} from '@loyaltystudio/api/testing/campaigns';
import { waitFor } from '@loyaltystudio/engines';
import { processCpuMs } from './cpu.ts';
import { percentile } from './results.ts';

/** Members of the activated campaign's audience (BENCH_CAMPAIGN_AUDIENCE, default 100,000). */
export const AUDIENCE = Number(process.env.BENCH_CAMPAIGN_AUDIENCE ?? 100_000);
/** Campaign workflows started for the start-to-running figures (BENCH_CAMPAIGN_STARTS, default 200). */
const STARTS = Number(process.env.BENCH_CAMPAIGN_STARTS ?? 200);
export const round = (x: number) => Number(x.toFixed(x < 10 ? 3 : 1));

/**
 * When each campaign started (the workflow's start step stamps started_at), once all have: one query every 50 ms
 * for all of them, so the waiting does not load the machine it measures.
 */
async function startedAt(api: ApiTest, ids: string[]): Promise<number[]> {
  const rows = await waitFor(
    `${ids.length} campaign(s) running`,
    async () => {
      const found = await api.prisma.campaign.findMany({
        where: { id: { in: ids } },
        select: { id: true, startedAt: true },
      });
      return found.every((c) => c.startedAt) && found;
    },
    { timeoutMs: 600_000, intervalMs: 50 },
  );
  const at = new Map(rows.map((r) => [r.id, r.startedAt!.getTime()]));
  return ids.map((id) => at.get(id)!);
}

const launch = async (api: ApiTest, tenant: TestTenant, id: string) => {
  const res = await api.app.inject({
    method: 'POST',
    url: `/v1/campaigns/${id}/launch`,
    headers: tenant.as('marketer'),
  });
  if (res.statusCode !== 200) throw new Error(`launch answered ${res.statusCode}: ${res.body}`);
};

/**
 * Activation: a campaign over AUDIENCE members (a static segment version), launched through the api, until its
 * workflow marks it running (every member seated with an arm), against one INSERT … SELECT of the same members
 * into campaign_members (Postgres alone: no hashing, no batches, no workflow).
 */
export async function activation(api: ApiTest, tenant: TestTenant, programId: string) {
  const members = await campaignMembers(api, tenant, AUDIENCE);
  const version = await staticSegmentVersion(api, tenant, members);
  const { id } = await createCampaign(
    api,
    tenant,
    campaignBody(programId, version, {
      holdoutPercent: 10,
      variants: [
        { key: 'a', percent: 50 },
        { key: 'b', percent: 50, config: { percent: 300 } },
      ],
    }),
  );
  const t0 = Date.now();
  await launch(api, tenant, id);
  const seconds = ((await startedAt(api, [id]))[0]! - t0) / 1000;
  const seated = await api.prisma.campaignMember.count({ where: { campaignId: id } });
  if (seated !== AUDIENCE) throw new Error(`activation seated ${seated} of ${AUDIENCE}`);

  const reference = await createCampaign(api, tenant, campaignBody(programId, version));
  const t1 = performance.now();
  await api.prisma.$executeRaw`
    INSERT INTO campaign_members (tenant_id, campaign_id, member_id, variant)
    SELECT tenant_id, ${reference.id}::uuid, member_id, 'treatment' FROM segment_version_members
    WHERE segment_version_id = ${version}::uuid`;
  const rawSeconds = (performance.now() - t1) / 1000;
  return {
    activation_members: AUDIENCE,
    activation_s: round(seconds),
    activation_raw_insert_s: round(rawSeconds),
    activation_vs_raw_insert: round(seconds / rawSeconds),
  };
}

/**
 * Workflows: how many campaigns reach running per second when STARTS are launched through the api, 20 at a time
 * (each launch to its workflow marking the campaign running, after seating its 10 members); and, below saturation,
 * the latency of each of 50 campaigns launched one after another.
 */
export async function starts(
  api: ApiTest,
  tenant: TestTenant,
  programId: string,
  pids: { server: number; worker: number },
) {
  const version = await staticSegmentVersion(api, tenant, await campaignMembers(api, tenant, 10));
  const created = async (n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await createCampaign(api, tenant, campaignBody(programId, version))).id);
    return ids;
  };
  const burst = await created(STARTS);
  // CPU of each process over the burst, per start: on shared cores the figure that says where a start's time goes.
  const cpu = () => {
    const own = process.cpuUsage();
    return {
      server: processCpuMs(pids.server),
      worker: processCpuMs(pids.worker),
      api: (own.user + own.system) / 1000,
    };
  };
  const cpuBefore = cpu();
  const t0 = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < burst.length) await launch(api, tenant, burst[next++]!);
    }),
  );
  const lastRunning = Math.max(...(await startedAt(api, burst)));
  const seconds = (lastRunning - t0) / 1000;
  const cpuAfter = cpu();
  const perStart = (k: keyof typeof cpuBefore) => round((cpuAfter[k] - cpuBefore[k]) / STARTS);

  const latencies: number[] = [];
  for (const id of await created(50)) {
    const at = Date.now();
    await launch(api, tenant, id);
    latencies.push((await startedAt(api, [id]))[0]! - at);
  }
  latencies.sort((a, b) => a - b);
  return {
    workflow_starts: STARTS,
    workflow_starts_to_running_per_s: round(STARTS / seconds),
    workflow_start_to_running_p50_ms: round(percentile(latencies, 50)),
    workflow_start_to_running_p95_ms: round(percentile(latencies, 95)),
    workflow_start_server_cpu_ms: perStart('server'),
    workflow_start_worker_cpu_ms: perStart('worker'),
    workflow_start_api_cpu_ms: perStart('api'),
  };
}

/** The starts' rows of a printed table. */
export function startRows(figures: Awaited<ReturnType<typeof starts>>): [string, number | undefined, string][] {
  return [
    [
      `${STARTS} launched, 20 at a time: running per second`,
      figures.workflow_starts_to_running_per_s,
      '/s  (target ≥ 20)',
    ],
    ['one at a time: launch to running, p50', figures.workflow_start_to_running_p50_ms, 'ms  (target ≤ 100)'],
    ['one at a time: launch to running, p95', figures.workflow_start_to_running_p95_ms, 'ms'],
    ['CPU per start: Temporal dev server', figures.workflow_start_server_cpu_ms, 'ms'],
    ['CPU per start: worker', figures.workflow_start_worker_cpu_ms, 'ms'],
    ['CPU per start: api (and the benchmark, in its process)', figures.workflow_start_api_cpu_ms, 'ms'],
  ];
}
