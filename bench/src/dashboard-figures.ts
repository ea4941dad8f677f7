import { all, atLeast, atMost, type FigureRow, type FigureSection, shown, value, values } from './figures/rows.ts';

// The README's dashboard table (`npm run bench -- dashboard`, bench/src/dashboard.ts): first-load JavaScript from the
// build's manifests, Lighthouse on the demo, and server renders for a merchant of BENCH_MEMBERS members.

const AUDITED: [key: string, label: string][] = [
  ['overview', 'overview'],
  ['cohorts', 'cohorts'],
  ['members', 'members'],
  ['campaign_results', 'campaign results'],
];

const ROUTES: [key: string, route: string][] = [
  ['overview', '`/`'],
  ['analytics_cohorts', '`/analytics/cohorts`'],
  ['members', '`/members`'],
  ['campaigns_campaignId', '`/campaigns/[campaignId]`'],
];

const RENDERED: [key: string, label: string, reference: string][] = [
  ['overview', 'overview, a year', 'the analytics calls it makes, at once'],
  ['cohorts', 'cohorts, a year by month', 'its cohorts call'],
  ['members', 'members, first page by revenue', 'its members call'],
];

const rows: FigureRow[] = [
  ...AUDITED.map(
    ([key, label]): FigureRow => ({
      figure: `Lighthouse performance / accessibility, ${label}`,
      measured: values([`lighthouse_performance_${key}`, `lighthouse_accessibility_${key}`]),
      reference: shown`Lighthouse 12.2.3, mobile defaults, the fixture's merchant`,
      target: all(
        '≥ 90 each',
        atLeast(`lighthouse_performance_${key}`, 90, ''),
        atLeast(`lighthouse_accessibility_${key}`, 90, ''),
      ),
    }),
  ),
  ...ROUTES.map(
    ([key, route]): FigureRow => ({
      figure: `first-load JavaScript, ${route}`,
      measured: value(`first_load_js_kb_${key}`, ' kB', 1),
      reference: shown`gzip, from the build's manifests`,
      target: atMost(`first_load_js_kb_${key}`, 250, '≤ 250 kB'),
    }),
  ),
  {
    figure: 'first-load JavaScript, heaviest route',
    measured: value('first_load_js_kb_max', ' kB', 1),
    target: atMost('first_load_js_kb_max', 250, '≤ 250 kB'),
  },
  ...RENDERED.map(
    ([key, label, reference]): FigureRow => ({
      figure: `server render p95, ${label}`,
      measured: value(`render_p95_ms_${key}`, ' ms'),
      reference: (r) => {
        const [ratio, api, members] = [
          value(`render_vs_api_${key}`, ' ×', 2)(r),
          value(`api_p95_ms_${key}`, ' ms')(r),
          value('members', ' members')(r),
        ];
        return ratio && api && members ? `${ratio} ${reference} (${api}), ${members}` : undefined;
      },
      target: atMost(`render_p95_ms_${key}`, 500, '≤ 500 ms'),
    }),
  ),
];

export const DASHBOARD_SECTION: FigureSection = {
  results: 'dashboard',
  command: 'npm run bench -- dashboard',
  rows,
};
