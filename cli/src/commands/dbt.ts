import { join, relative, resolve } from 'node:path';
import { readEnv, vars } from '@loyaltystudio/config';
import { DbtError, runDbt } from '@loyaltystudio/warehouse';
import { REPO_ROOT } from '../paths.ts';

const USAGE = `Usage: monet dbt <dbt command and flags>

Runs dbt on Monet's project (warehouse/dbt) against the configured ClickHouse: the running stack's gateway, or
CLICKHOUSE_URL, as CLICKHOUSE_USER. dbt writes target/ and logs/ to MONET_HOME/dbt/cli.

  monet dbt build                       build every model and run every test now
  monet dbt build --select member_360+  one mart and what depends on it
  monet dbt test                        the tests alone
  monet dbt docs generate               the docs catalogue, in MONET_HOME/dbt/cli/target`;

/** `monet dbt …`: dbt with the stack's configuration, its output as it comes, its exit code. */
export async function dbtCommand(args: string[]): Promise<number> {
  if (args.length === 0) {
    console.error(USAGE);
    return 2;
  }
  if (args[0] === '--help' || args[0] === '-h') {
    console.log(USAGE);
    return 0;
  }
  const config = readEnv(vars);
  const url = config.CLICKHOUSE_URL ?? `http://127.0.0.1:${config.CLICKHOUSE_HTTP_PORT}`;
  const answers = await fetch(new URL('/ping', url), { signal: AbortSignal.timeout(5_000) }).then(
    (res) => res.ok,
    () => false,
  );
  if (!answers) {
    console.error(
      `monet dbt: ClickHouse does not answer at ${url}: start Monet first (\`npm start\`), or set CLICKHOUSE_URL.`,
    );
    return 1;
  }
  const workDir = join(resolve(REPO_ROOT, config.MONET_HOME), 'dbt', 'cli');
  try {
    await runDbt({
      args,
      clickhouseUrl: url,
      username: config.CLICKHOUSE_USER,
      password: config.CLICKHOUSE_PASSWORD,
      cluster: config.CLICKHOUSE_CLUSTER,
      workDir,
      onOutput: (text) => process.stdout.write(text),
    });
    const shown = relative(process.cwd(), workDir);
    console.log(`dbt's target/ and logs/ are in ${shown.startsWith('..') ? workDir : shown}`);
    return 0;
  } catch (err) {
    if (!(err instanceof DbtError)) throw err;
    // dbt has said why already; a dbt that could not start at all has not.
    if (!err.output) console.error(`monet dbt: ${err.message}`);
    return err.exitCode ?? 1;
  }
}
