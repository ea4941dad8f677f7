const USAGE = `Usage: monet <command>

Commands:
  up [--reset] [--quiet]   Start the whole platform on embedded engines (external ones where configured)
  migrate                  Apply pending Postgres and ClickHouse migrations
  config                   List every environment variable Monet reads, with defaults
  seed [--members N ...]   Write the deterministic demo tenant and its members' history (--help for flags)
  import --orders FILE ...  Import a merchant's history through the api (--help for flags, docs/import.md)
  dbt <command> [flags]    Run dbt on the warehouse's project against the configured ClickHouse (e.g. dbt build)
  bi-user --tenant SLUG    A read-only ClickHouse user for BI tools that sees one tenant's rows (--help for flags)
`;

const commands: Record<string, (args: string[]) => Promise<number>> = {
  up: async (args) => (await import('./commands/up.ts')).up(args),
  migrate: async (args) => (await import('./commands/migrate.ts')).migrateCommand(args),
  config: async () => (await import('./commands/config.ts')).configCommand(),
  seed: async (args) => (await import('./commands/seed.ts')).seedCommand(args),
  import: async (args) => (await import('./commands/import.ts')).importCommand(args),
  dbt: async (args) => (await import('./commands/dbt.ts')).dbtCommand(args),
  'bi-user': async (args) => (await import('./commands/bi-user.ts')).biUserCommand(args),
};

const [name, ...args] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  process.stderr.write(name && name !== '--help' ? `monet: unknown command ${name}\n\n${USAGE}` : USAGE);
  process.exit(name && name !== '--help' ? 2 : 0);
}
command(args).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
