// `npm run bench -- <name>`: benchmarks print ratios against a reference measured in the same run, and write
// their figures to bench/results/<name>.json.
import { markStart } from './results.ts';

const benches: Record<string, () => Promise<unknown>> = {
  stack: async () => (await import('./stack.ts')).benchStack(),
  gateway: async () => (await import('./gateway.ts')).benchGateway(),
  accruals: async () => (await import('./accruals.ts')).benchAccruals(),
  rules: async () => (await import('./rules.ts')).benchRules(),
  warehouse: async () => (await import('./warehouse.ts')).benchWarehouse(),
  models: async () => (await import('./models.ts')).benchModels(),
  campaigns: async () => (await import('./campaigns.ts')).benchCampaigns(),
  reports: async () => (await import('./reports.ts')).benchReports(),
  import: async () => (await import('./import.ts')).benchImport(),
  dashboard: async () => (await import('./dashboard.ts')).benchDashboard(),
};

const names = process.argv.slice(2);
const unknown = names.filter((n) => !benches[n]);
if (!names.length || unknown.length) {
  console.error(
    `Usage: npm run bench -- <${Object.keys(benches).join('|')}>${unknown.length ? `\nunknown: ${unknown.join(', ')}` : ''}`,
  );
  process.exit(2);
}
for (const name of names) {
  markStart();
  await benches[name]!();
}
process.exit(0);
