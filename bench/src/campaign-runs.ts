import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { join } from 'node:path';
import { seatAudience, startCampaign } from '@loyaltystudio/api/campaigns';
import { createAccessTokens } from '@loyaltystudio/api/core';
import { type ApiTest, startApiTest, TEST_SECRET, type TestTenant } from '@loyaltystudio/api/testing';
import {
  campaignBody,
  campaignMembers,
  campaignProgram,
  createCampaign,
  segmentsAudience,
  staticSegmentVersion,
} from '@loyaltystudio/api/testing/campaigns';
import { freePort, REPO_ROOT, spawnManaged, waitFor } from '@loyaltystudio/engines';
import { startTestTemporal } from '@loyaltystudio/engines/testing';
import { housekeepingJobs, taskQueues } from '@loyaltystudio/workflow-contracts';
import autocannon from 'autocannon';
import { AUDIENCE, activation, round, startRows, starts } from './campaign-launches.ts';
import { percentile, printTable } from './results.ts';

/** Seconds of each accrual phase (BENCH_SECONDS, default 15, as the accruals benchmark). */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = 32;
const ACCRUAL_MEMBERS = 1_000;
const HOUR = 3_600_000;

/** autocannon against POST /v1/events for `seconds`: purchases of the tenant's members, each with its own key. */
async function accrualLoad(url: string, token: string, externalIds: string[], seconds: number) {
  let n = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) =>
    autocannon(
      {
        url: `${url}/v1/events`,
        connections: CONNECTIONS,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              n += 1;
              return {
                ...req,
                headers: {
                  'content-type': 'application/json',
                  authorization: `Bearer ${token}`,
                  'idempotency-key': randomUUID(),
                },
                body: JSON.stringify({
                  externalId: randomUUID(),
                  type: 'purchase',
                  memberExternalId: externalIds[n % externalIds.length],
                  occurredAt: new Date().toISOString(),
                  amountMinor: 4_250,
                  currency: 'EUR',
                  channel: 'store',
                }),
              };
            },
          },
        ],
      },
      (err, done) => (err ? reject(err) : resolve(done)),
    ),
  );
  return { throughput: result.requests.total / seconds, errors: result.non2xx + result.errors + result.timeouts };
}

/** Sides of the accruals comparison: a tenant without campaigns, and two with one running campaign each. */
const SIDES = ['none', 'unbudgeted', 'budgeted'] as const;
type Side = (typeof SIDES)[number];

/**
 * Accruals: the api as a server (its own process, as in the accruals benchmark), three tenants alike but for
 * campaigns: none; one running 200% multiplier over all 1,000 members without a budget; the same with a budget
 * (so each bonus also takes its points from a budget slice). Short phases of purchases, each tenant in turn and in a
 * rotating order, so that the load of other work on the machine falls on all three alike; each round's throughput
 * with a campaign over the round's without, and the median of those ratios.
 */
async function accruals(api: ApiTest) {
  const tenants = {} as Record<Side, { tenant: TestTenant; externalIds: string[] }>;
  for (const side of SIDES) {
    const tenant = await api.tenant();
    const programId = await campaignProgram(api, tenant);
    const prefix = randomUUID().slice(0, 8);
    const members = await campaignMembers(api, tenant, ACCRUAL_MEMBERS, prefix);
    await api.prisma.balance.createMany({
      data: members.map((memberId) => ({ tenantId: tenant.id, memberId, programId })),
    });
    if (side !== 'none') {
      const version = await staticSegmentVersion(api, tenant, members);
      const { id } = await createCampaign(
        api,
        tenant,
        campaignBody(programId, version, {
          budgetPoints: side === 'budgeted' ? 1_000_000_000 : null,
          schedule: {
            startsAt: new Date(Date.now() - HOUR).toISOString(),
            endsAt: new Date(Date.now() + 24 * HOUR).toISOString(),
          },
        }),
      );
      await api.prisma.campaign.update({ where: { id }, data: { status: 'scheduled' } });
      await seatAudience(api.prisma, segmentsAudience(api), { tenantId: tenant.id, campaignId: id });
      await startCampaign(api.prisma, { tenantId: tenant.id, campaignId: id });
    }
    tenants[side] = { tenant, externalIds: Array.from({ length: ACCRUAL_MEMBERS }, (_, i) => `${prefix}-${i + 1}`) };
  }
  const port = await freePort();
  const server = spawnManaged('api', process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'api/src/server.ts')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: api.pg.url,
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      AUTH_TOKEN_SECRET: TEST_SECRET,
      LOG_LEVEL: 'warn',
      CLICKHOUSE_URL: 'http://127.0.0.1:9',
      TEMPORAL_ADDRESS: '127.0.0.1:9',
    },
  });
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitFor('api', async () => (await fetch(`${url}/healthz`)).ok, { timeoutMs: 60_000, process: server });
    const tokens = {} as Record<Side, string>;
    for (const side of SIDES) {
      const { tenant } = tenants[side];
      tokens[side] = await createAccessTokens(TEST_SECRET, 86_400).sign({
        userId: tenant.users.owner.id,
        tenantId: tenant.id,
        role: 'owner',
        sessionId: tenant.users.owner.sessionId,
      });
    }
    const phase = (side: Side, seconds: number) => accrualLoad(url, tokens[side], tenants[side].externalIds, seconds);
    for (const side of SIDES) await phase(side, 2); // warm-up: JIT, pools, caches
    const rounds = 9;
    const seconds = Math.max(2, SECONDS / 5);
    const per: Record<Side, number[]> = { none: [], unbudgeted: [], budgeted: [] };
    let errors = 0;
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < SIDES.length; k++) {
        const side = SIDES[(r + k) % SIDES.length]!;
        const result = await phase(side, seconds);
        per[side].push(result.throughput);
        errors += result.errors;
      }
    }
    for (const side of ['unbudgeted', 'budgeted'] as const) {
      const bonuses = await api.prisma.ledgerEntry.count({
        where: { tenantId: tenants[side].tenant.id, kind: 'bonus' },
      });
      if (bonuses === 0) throw new Error(`the ${side} campaign gave no bonus: the benchmark measured nothing`);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const median = (xs: number[]) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        50,
      );
    const ratios = (side: Side) => per[side].map((x, i) => x / per.none[i]!);
    // Each round's figures, for a median that needs explaining (the table keeps the means and the medians only).
    for (const side of SIDES) console.log(`accruals/s by round, ${side}: ${per[side].map((x) => round(x)).join(', ')}`);
    return {
      accruals_without_campaign_per_s: round(mean(per.none)),
      accruals_with_campaign_per_s: round(mean(per.budgeted)),
      accruals_with_campaign_ratio: round(median(ratios('budgeted'))),
      accruals_with_unbudgeted_campaign_per_s: round(mean(per.unbudgeted)),
      accruals_with_unbudgeted_campaign_ratio: round(median(ratios('unbudgeted'))),
      accruals_rounds: rounds,
      accrual_errors: errors,
    };
  } finally {
    await server.stop();
  }
}

/**
 * The campaigns' own figures (`npm run bench -- campaigns`, beside the segment preview): activation of a large
 * audience, accrual throughput with a running campaign against none, and campaign workflows started on the
 * Temporal dev server. A Postgres (the tests' throwaway one: fsync off) and a Temporal of its own, the worker entry in its
 * own process, the api in this one (launches) and as a server (accruals).
 */
export async function benchCampaignRuns(only?: 'starts'): Promise<Record<string, number>> {
  const loadAtStart = os.loadavg()[0]!;
  const temporal = await startTestTemporal();
  const api = await startApiTest({ temporal: { address: temporal.address, namespace: temporal.namespace } });
  // The worker entry as production runs it: its own process and Postgres pool (schedules it creates never fire here).
  const quiet = '0 0 1 1 *';
  const crons = Object.fromEntries(
    housekeepingJobs.map((job) => [`HOUSEKEEPING_${job.toUpperCase().replaceAll('-', '_')}_CRON`, quiet]),
  );
  const lines: string[] = [];
  const worker = spawnManaged(
    'worker',
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'workflows/src/worker.ts')],
    {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH,
        TEMPORAL_ADDRESS: temporal.address,
        DATABASE_URL: api.pg.url,
        LOG_LEVEL: 'warn',
        DBT_BUILD_CRON: quiet,
        CHURN_SCORING_CRON: quiet,
        ...crons,
      },
      onLine: (line) => lines.push(line),
    },
  );
  await waitFor('worker', async () => lines.includes(`worker ready task-queue=${taskQueues.system}`), {
    timeoutMs: 120_000,
    process: worker,
  });
  const pids = { server: temporal.process.child.pid!, worker: worker.child.pid! };
  try {
    const tenant = await api.tenant();
    const programId = await campaignProgram(api, tenant);
    if (only === 'starts') {
      // The starts alone (BENCH_SECTIONS=starts): the section's other figures stay as the last full run measured them.
      const started = await starts(api, tenant, programId, pids);
      const figures = {
        ...started,
        workflow_starts_load_average_at_start: round(loadAtStart),
        workflow_starts_load_average_at_end: round(os.loadavg()[0]!),
      };
      printTable('Campaign workflows on the Temporal dev server', [
        ...startRows(figures),
        [
          'load average (1 min) at start',
          figures.workflow_starts_load_average_at_start,
          `on ${os.cpus().length} cores`,
        ],
        ['load average (1 min) at end', figures.workflow_starts_load_average_at_end, ''],
      ]);
      return figures;
    }
    const activated = await activation(api, tenant, programId);
    const started = await starts(api, tenant, programId, pids);
    const accrued = await accruals(api);
    const figures = {
      ...activated,
      ...started,
      ...accrued,
      campaigns_load_average_at_start: round(loadAtStart),
      campaigns_load_average_at_end: round(os.loadavg()[0]!),
      workflow_starts_load_average_at_start: round(loadAtStart),
      workflow_starts_load_average_at_end: round(os.loadavg()[0]!),
    };
    printTable('Campaigns: activation, accruals with a running campaign, workflows (same run)', [
      [`activation of ${AUDIENCE} members, launch to running`, figures.activation_s, 's  (target ≤ 10)'],
      ['one INSERT … SELECT of the same members', figures.activation_raw_insert_s, 's'],
      ['activation ÷ that insert', figures.activation_vs_raw_insert, '×'],
      ['accruals/s, no campaign', figures.accruals_without_campaign_per_s, ''],
      ['accruals/s, a running campaign with a budget', figures.accruals_with_campaign_per_s, ''],
      ['with ÷ without, median of rounds', figures.accruals_with_campaign_ratio, '×  (target ≥ 0.9)'],
      ['accruals/s, a running campaign, no budget', figures.accruals_with_unbudgeted_campaign_per_s, ''],
      ['with ÷ without, median of rounds', figures.accruals_with_unbudgeted_campaign_ratio, '×'],
      ...startRows(figures),
      ['non-2xx answers and errors', figures.accrual_errors, ''],
      ['load average (1 min) at start', figures.campaigns_load_average_at_start, `on ${os.cpus().length} cores`],
      ['load average (1 min) at end', figures.campaigns_load_average_at_end, ''],
    ]);
    return figures;
  } finally {
    await worker.stop();
    await api.stop();
    await temporal.stop();
  }
}
