import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The dbt project and the virtualenv `npm run setup` installs dbt into. */
export const DBT_PROJECT_DIR = fileURLToPath(new URL('../../dbt/', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DBT_BIN = `${REPO_ROOT}.venv/bin/dbt`;

export interface DbtRunOptions {
  /** `build`, `run --select …`, `docs generate`, … */
  args: string[];
  /** ClickHouse's HTTP endpoint (the gateway or a server) and Monet's read/write user. */
  clickhouseUrl: string;
  username: string;
  password: string;
  /** A ClickHouse cluster's name (CLICKHOUSE_CLUSTER): dbt creates the marts ON CLUSTER, replicated (profiles.yml). */
  cluster?: string;
  /** Where dbt writes its target/ and logs/; the project directory stays clean. */
  workDir: string;
  /** dbt vars, e.g. `{ as_of_date: '2026-06-30' }`. */
  vars?: Record<string, string | number>;
  threads?: number;
  /**
   * Longest dbt waits on one statement, in seconds (DBT_SEND_RECEIVE_TIMEOUT in profiles.yml; 600 when unset). The
   * gateway answers only when a statement has finished, so a model that outruns this fails: raise it for merchants
   * whose largest model takes longer.
   */
  statementTimeoutSeconds?: number;
  /** Stops dbt (SIGTERM) when aborted; the run then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** dbt's output as it comes, for callers that show progress; the resolved value still holds all of stdout. */
  onOutput?: (text: string) => void;
}

export class DbtError extends Error {
  override name = 'DbtError';
  constructor(
    message: string,
    /** What dbt printed (stdout, then stderr); empty when dbt did not run. */
    readonly output = '',
    /** dbt's exit code: 1 when a model or test failed, 2 when dbt itself could not run; null when it did not exit. */
    readonly exitCode: number | null = null,
  ) {
    super(message);
  }
}

/** Runs dbt on Monet's project against one ClickHouse, and returns its output; a failed run throws with that output. */
export async function runDbt(options: DbtRunOptions): Promise<string> {
  if (!existsSync(DBT_BIN)) throw new DbtError(`${DBT_BIN} is missing: run \`npm run setup\` to install dbt`);
  const url = new URL(options.clickhouseUrl);
  const secure = url.protocol === 'https:';
  const args = [...options.args, '--project-dir', DBT_PROJECT_DIR, '--profiles-dir', DBT_PROJECT_DIR];
  if (options.vars) args.push('--vars', JSON.stringify(options.vars));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: options.workDir,
    CLICKHOUSE_HOST: url.hostname,
    CLICKHOUSE_HTTP_PORT: url.port || (secure ? '8443' : '8123'),
    CLICKHOUSE_SECURE: String(secure),
    CLICKHOUSE_USER: options.username,
    CLICKHOUSE_PASSWORD: options.password,
    CLICKHOUSE_CLUSTER: options.cluster ?? '',
    DBT_THREADS: String(options.threads ?? 4),
    DBT_SEND_RECEIVE_TIMEOUT: String(options.statementTimeoutSeconds ?? 600),
    DBT_TARGET_PATH: `${options.workDir}/target`,
    DBT_LOG_PATH: `${options.workDir}/logs`,
    DBT_SEND_ANONYMOUS_USAGE_STATS: 'false',
    DBT_VERSION_CHECK: 'false',
  };
  options.signal?.throwIfAborted();
  return new Promise((resolve, reject) => {
    const child = execFile(
      DBT_BIN,
      args,
      { cwd: REPO_ROOT, env, maxBuffer: 64 * 1024 * 1024, signal: options.signal },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        if (options.signal?.aborted) return reject(options.signal.reason);
        const code = typeof err.code === 'number' ? err.code : null;
        const output = `${stdout}${stderr}`;
        reject(new DbtError(`dbt ${options.args.join(' ')} failed (exit ${err.code}):\n${output}`, output, code));
      },
    );
    if (options.onOutput) {
      const forward = (chunk: Buffer | string) => options.onOutput?.(chunk.toString());
      child.stdout?.on('data', forward);
      child.stderr?.on('data', forward);
    }
  });
}
