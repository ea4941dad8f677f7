import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '@loyaltystudio/api/core';
import { type ApiTest, startApiTest, startFixtureMarts } from '@loyaltystudio/api/testing';
import { freePort, type ManagedProcess, REPO_ROOT, spawnManaged, waitFor } from '@loyaltystudio/engines';
import { startTestGateway, tempDir } from '@loyaltystudio/engines/testing';
import { createClickHouseClient, runDbt } from '@loyaltystudio/warehouse';
import { treeCpuMs } from './cpu.ts';
import { cookieHeader, type LighthouseFigures, launchAuditBrowser, type Session, signIn } from './dashboard-browser.ts';
import { firstLoadJs } from './dashboard-bundle.ts';
import { percentile, printTable, resultsName, writeResults } from './results.ts';
import { SPAN, syntheticTenant, writeSyntheticTenant } from './warehouse-synthetic.ts';

/** Members of the merchant the pages are rendered for (BENCH_MEMBERS, default 1,000,000). */
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_000_000);
/** Timed renders of each page (BENCH_RUNS, default 20), after three warm-up renders. */
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
/** Lighthouse audits of each page (BENCH_LIGHTHOUSE_RUNS, default 3); the run of median performance is kept. */
const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
/**
 * Where that run's whole Lighthouse report and its trace (for Chromium's performance panel) are written as JSON, per
 * page (BENCH_LIGHTHOUSE_REPORTS; none by default).
 */
const REPORTS = process.env.BENCH_LIGHTHOUSE_REPORTS;
const PASSWORD = 'a long passphrase for the benchmark';
const IMAGES = join(REPO_ROOT, 'docs', 'images');
/** The synthetic merchant's last year. */
const RANGE = `from=2025-12-01&to=${SPAN.end}`;
/** The fixture's merchants trade in the spring of 2026. */
const FIXTURE_RANGE = 'from=2026-04-01&to=2026-06-30';
const nextBin = createRequire(join(REPO_ROOT, 'dashboard', 'package.json')).resolve('next/dist/bin/next');

const loadAverage = () => round(loadavg()[0]!, 1);
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

async function p95(work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  return percentile(
    times.sort((x, y) => x - y),
    95,
  );
}

/** p95 of the time to the first bytes of a page's body (its streamed shell), the whole body read each time. */
async function firstByteP95(url: string, headers: Record<string, string>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3 + RUNS; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers, redirect: 'manual' });
    if (res.status !== 200 || !res.body) throw new Error(`${url} answered ${res.status}`);
    const reader = res.body.getReader();
    await reader.read();
    if (i >= 3) times.push(performance.now() - t0);
    while (!(await reader.read()).done) {}
  }
  return percentile(
    times.sort((x, y) => x - y),
    95,
  );
}

/** GETs `url` with the headers and reads the whole body (a page streams its figures after its shell); fails on non-2xx. */
async function get(url: string, headers: Record<string, string>): Promise<string> {
  const res = await fetch(url, { headers, redirect: 'manual' });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return body;
}

/**
 * `npm run bench -- dashboard`: the dashboard's production build (`next start`) against the api on Postgres and marts
 * dbt built from the proven fixture (Harbor Coffee) — first-load JavaScript per route from the build's manifests,
 * Lighthouse's performance and accessibility scores of the overview, cohorts, members and a campaign's results, and
 * the README's screenshots (docs/images) — then a synthetic merchant of MEMBERS members written into the same
 * warehouse, whose overview, cohorts and members pages are rendered by the dashboard's server against the api calls
 * the pages make (the reference, same run).
 */
export async function benchDashboard(): Promise<Record<string, number>> {
  const build = spawnManaged('dashboard-build', process.execPath, ['scripts/build.mjs'], {
    cwd: join(REPO_ROOT, 'dashboard'),
  });
  if ((await build.exited).code !== 0) throw new Error(`dashboard build failed:\n${build.tail()}`);
  const bundles = firstLoadJs(join(REPO_ROOT, 'dashboard', '.next'));
  const pages = ['/', '/analytics/cohorts', '/members', '/campaigns/[campaignId]'];
  const figures: Record<string, number> = {};
  for (const route of pages) figures[`first_load_js_kb${slug(route)}`] = round(bundles.get(route)! / 1024, 1);
  figures.first_load_js_kb_max = round(Math.max(...bundles.values()) / 1024, 1);
  const heaviest = [...bundles].sort((x, y) => y[1] - x[1])[0]!;
  // Each part's figures are kept as soon as they are measured, so a stack that fails to start later loses no more.
  const keep = () => writeResults(resultsName('dashboard'), figures);
  keep();

  const work = tempDir('bench-dashboard');
  const gateway = await startTestGateway();
  const t = await startApiTest({ clickhouseUrl: gateway.url });
  let dashboard: ManagedProcess | undefined;
  const browser = await launchAuditBrowser();
  try {
    // The proven fixture's first merchant (Harbor Coffee): deterministic data, so the screenshots can be made again.
    const { a, programs } = await startFixtureMarts(t, gateway.url, join(work.path, 'dbt'));
    await t.prisma.tenant.update({ where: { id: a.id }, data: { name: 'Harbor Coffee' } });
    await t.prisma.user.update({
      where: { id: a.users.owner.id },
      data: { passwordHash: await hashPassword(PASSWORD) },
    });
    const apiPort = await freePort();
    await t.app.listen({ port: apiPort, host: '127.0.0.1' });
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const port = await freePort();
    const dashboardUrl = `http://127.0.0.1:${port}`;
    dashboard = spawnManaged('dashboard', process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
      cwd: join(REPO_ROOT, 'dashboard'),
      env: { ...process.env, API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: '1' },
    });
    await waitFor('dashboard', async () => (await fetch(`${dashboardUrl}/status`)).ok, { process: dashboard });
    const owner = { tenant: a.slug, email: a.users.owner.email, password: PASSWORD };
    let session = await signIn(apiUrl, owner);

    // The fixture's campaigns live in the warehouse; the one with results gets its row in Postgres, as launched.
    const rows = await t.clickhouse.query({
      query: `SELECT toString(id) AS id, name, toString(starts_at) AS starts, toString(ends_at) AS ends
        FROM raw.campaigns FINAL WHERE tenant_id = {tenant:UUID} ORDER BY starts_at DESC`,
      query_params: { tenant: a.id },
      format: 'JSONEachRow',
    });
    let campaignId: string | undefined;
    let firstCampaign: string | undefined;
    for (const c of await rows.json<{ id: string; name: string; starts: string; ends: string }>()) {
      await t.prisma.campaign.create({
        data: {
          id: c.id,
          tenantId: a.id,
          programId: programs.a,
          name: c.name,
          status: 'completed',
          type: 'multiplier',
          config: { percent: 200 },
          startsAt: new Date(`${c.starts.replace(' ', 'T')}Z`),
          endsAt: new Date(`${c.ends.replace(' ', 'T')}Z`),
          variants: [{ key: 'treatment', percent: 100 }],
          holdoutPercent: 10,
          startedAt: new Date(`${c.starts.replace(' ', 'T')}Z`),
          completedAt: new Date(`${c.ends.replace(' ', 'T')}Z`),
          stopReason: 'ended',
        },
      });
      firstCampaign ??= c.id;
      const results = await fetch(`${apiUrl}/v1/campaigns/${c.id}/results`, {
        headers: { authorization: `Bearer ${session.accessToken}` },
      });
      if (results.ok && ((await results.json()) as { comparisons?: unknown[] }).comparisons?.length) {
        campaignId = c.id;
        break;
      }
    }
    if (!campaignId) console.log('no campaign of the fixture has results: its page is audited as it says so');
    campaignId ??= firstCampaign;
    if (!campaignId) throw new Error('the fixture has no campaign');
    const demoPages = {
      overview: `/?${FIXTURE_RANGE}`,
      cohorts: `/analytics/cohorts?${FIXTURE_RANGE}&grain=month`,
      members: '/members',
      campaign_results: `/campaigns/${campaignId}`,
    };

    for (const [name, path] of [
      ['overview', demoPages.overview],
      ['cohorts', demoPages.cohorts],
      ['campaign-results', demoPages.campaign_results],
    ] as const) {
      await browser.screenshot(`${dashboardUrl}${path}`, session, join(IMAGES, `${name}.png`));
    }
    figures.lighthouse_runs = LIGHTHOUSE_RUNS;
    for (const [name, path] of Object.entries(demoPages)) {
      // Lighthouse's scores vary from run to run, the more so on a shared machine: the run of median performance.
      const runs: { figures: LighthouseFigures; report: string; trace: string; load: number }[] = [];
      for (let i = 0; i < LIGHTHOUSE_RUNS; i++) {
        // A fresh session per audit: the proxy may exchange a refresh token, which is single-use.
        session = await signIn(apiUrl, owner);
        const load = loadAverage();
        runs.push({ ...(await browser.lighthouse(`${dashboardUrl}${path}`, session)), load });
      }
      runs.sort((x, y) => x.figures.performance - y.figures.performance);
      const median = runs[Math.floor(runs.length / 2)]!;
      for (const [metric, n] of Object.entries(median.figures)) figures[`lighthouse_${metric}_${name}`] = n;
      // Lighthouse simulates a slow phone from the work it observes, so the machine's load moves the figures.
      figures[`lighthouse_load_average_${name}`] = median.load;
      if (REPORTS) {
        mkdirSync(REPORTS, { recursive: true });
        writeFileSync(join(REPORTS, `${name}.json`), median.report);
        writeFileSync(join(REPORTS, `${name}.trace.json`), median.trace);
      }
      console.log(
        `Lighthouse ${name}: performance ${runs.map((r) => r.figures.performance).join(', ')}; median run ${JSON.stringify(median.figures)} at load ${median.load}`,
      );
    }
    keep();

    // CPU of every process a render runs in: this one (the api, and the benchmark's own requests), the dashboard's
    // server, the warehouse gateway (ClickHouse) and Postgres.
    const pids = [process.pid, dashboard.child.pid!, gateway.process.child.pid!, t.pg.process.child.pid!];
    Object.assign(figures, await benchRenders(t, gateway.url, join(work.path, 'dbt'), apiUrl, dashboardUrl, pids));
    printTable(`Dashboard, production build (first-load JS gzip; Lighthouse ${'12.2.3'} mobile defaults)`, [
      ...pages.map((r): [string, number, string] => [
        `first-load JS ${r}`,
        figures[`first_load_js_kb${slug(r)}`]!,
        'kB',
      ]),
      [`first-load JS, heaviest (${heaviest[0]})`, figures.first_load_js_kb_max!, 'kB  (target ≤ 250)'],
      ...Object.keys(demoPages).flatMap((n): [string, number, string][] => [
        [`Lighthouse performance, ${n}`, figures[`lighthouse_performance_${n}`]!, '(target ≥ 90)'],
        [`Lighthouse accessibility, ${n}`, figures[`lighthouse_accessibility_${n}`]!, '(target ≥ 90)'],
      ]),
      ...['overview', 'cohorts', 'members'].flatMap((n): [string, number, string][] => [
        [`server render p95, ${n}`, figures[`render_p95_ms_${n}`]!, 'ms  (target ≤ 500)'],
        [`  ÷ its api calls' p95`, figures[`render_vs_api_${n}`]!, '×'],
      ]),
    ]);
    console.log(`\nwrote ${keep()}\nscreenshots in ${IMAGES}`);
    return figures;
  } finally {
    await browser.close();
    await dashboard?.stop();
    await t.stop();
    await gateway.stop();
    work.remove();
  }
}

/**
 * The synthetic merchant of MEMBERS members, written into the stack's warehouse and built into its marts, given a
 * tenant, program and owner in Postgres with the same ids; then each page's server render (the whole streamed HTML)
 * against its api calls made directly, p95 of RUNS each.
 */
async function benchRenders(
  t: ApiTest,
  clickhouseUrl: string,
  dbtDir: string,
  apiUrl: string,
  dashboardUrl: string,
  pids: number[],
): Promise<Record<string, number>> {
  const merchant = syntheticTenant(1, MEMBERS);
  const clickhouse = createClickHouseClient({
    url: clickhouseUrl,
    username: 'monet',
    password: 'monet',
    // Writing a million members' history takes minutes on a busy machine.
    requestTimeoutMs: 1_800_000,
  });
  const prisma = t.prisma;
  try {
    const t0 = performance.now();
    await writeSyntheticTenant(clickhouse, merchant);
    await runDbt({
      args: ['run'],
      clickhouseUrl,
      username: 'monet',
      password: 'monet',
      workDir: dbtDir,
      vars: { as_of_date: SPAN.end },
      threads: 2,
    });
    console.log(
      `synthetic merchant of ${MEMBERS} members written and built in ${round((performance.now() - t0) / 1000, 0)} s`,
    );
    const slug = 'bench-dashboard';
    await prisma.tenant.create({
      data: { id: merchant.tenantId, slug, name: 'Bench Merchant', timeZone: 'UTC', currency: 'EUR' },
    });
    await prisma.program.create({
      data: {
        id: merchant.programId,
        tenantId: merchant.tenantId,
        name: 'Rewards',
        pointsName: 'Points',
        earningCurrency: 'EUR',
      },
    });
    const email = 'owner@bench.example';
    await prisma.user.create({
      data: {
        tenantId: merchant.tenantId,
        email,
        name: 'Owner',
        role: 'owner',
        passwordHash: await hashPassword(PASSWORD),
      },
    });
    const session: Session = await signIn(apiUrl, { tenant: slug, email, password: PASSWORD });
    const page = (path: string) => () => get(`${dashboardUrl}${path}`, { cookie: cookieHeader(session) });
    const calls = (...paths: string[]) => {
      const headers = { authorization: `Bearer ${session.accessToken}` };
      return () => Promise.all(paths.map((p) => get(`${apiUrl}${p}`, headers)));
    };
    // The overview asks for the range (its figures and monthly trends) and its points economy, both at once.
    const cases = {
      overview: [
        page(`/?${RANGE}`),
        calls(
          `/v1/analytics/overview?${RANGE}`,
          `/v1/analytics/points-economy?programId=${merchant.programId}&${RANGE}`,
        ),
      ],
      cohorts: [page(`/analytics/cohorts?${RANGE}`), calls(`/v1/analytics/cohorts?grain=month&${RANGE}`)],
      members: [page('/members'), calls('/v1/analytics/members?sort=revenueMinor&order=desc&limit=50')],
    } as const;
    const out: Record<string, number> = { members: MEMBERS };
    const cpu = () => pids.reduce((sum, pid) => sum + treeCpuMs(pid), 0);
    for (const [name, [render, reference]] of Object.entries(cases)) {
      const cpuBefore = cpu();
      const rendered = await p95(render);
      // The CPU one render costs, over all its processes: what the machine's load stretches into wall time.
      out[`render_cpu_ms_${name}`] = round((cpu() - cpuBefore) / (RUNS + 3), 0);
      const api = await p95(reference);
      out[`render_p95_ms_${name}`] = round(rendered, 0);
      out[`api_p95_ms_${name}`] = round(api, 0);
      out[`render_vs_api_${name}`] = round(rendered / api, 2);
    }
    // What the overview's render waits for: each of its two analytics calls alone, and its first bytes (the shell and
    // the skeleton, streamed before the figures).
    const headers = { authorization: `Bearer ${session.accessToken}` };
    const cpuBefore = cpu();
    out.api_p95_ms_overview_figures = round(await p95(calls(`/v1/analytics/overview?${RANGE}`)), 0);
    out.api_cpu_ms_overview_figures = round((cpu() - cpuBefore) / (RUNS + 3), 0);
    out.api_p95_ms_overview_points_economy = round(
      await p95(calls(`/v1/analytics/points-economy?programId=${merchant.programId}&${RANGE}`)),
      0,
    );
    out.api_p95_ms_programs = round(await p95(() => get(`${apiUrl}/v1/programs?limit=100`, headers)), 0);
    out.first_byte_p95_ms_overview = round(
      await firstByteP95(`${dashboardUrl}/?${RANGE}`, { cookie: cookieHeader(session) }),
      0,
    );
    return out;
  } finally {
    await clickhouse.close();
  }
}

const slug = (route: string) => (route === '/' ? '_overview' : route.replace(/\[|\]/g, '').replace(/[/-]/g, '_'));
