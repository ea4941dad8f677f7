import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { DbtError, runDbt } from '@loyaltystudio/warehouse';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { DbtRunCounts } from '../contracts.ts';

export interface DbtBuildDeps {
  /** ClickHouse's HTTP interface (the embedded gateway or a server) and Monet's read/write user. */
  clickhouse: { url: string; username: string; password: string; cluster?: string };
  /** dbt's target/ and logs/ for this worker's builds (created when the first build runs). */
  workDir: string;
  /** Models dbt builds at once. */
  threads?: number;
  /** How often the activity tells Temporal it is alive while dbt runs. */
  heartbeatMs?: number;
  now?: () => Date;
}

/** What one build did: when dbt started, how long it ran, and its tally. */
export interface DbtBuildReport {
  startedAt: string;
  seconds: number;
  counts: DbtRunCounts;
}

/** The failure type of a build in which a model or test failed: the data or the project is at fault, not the run. */
export const DBT_BUILD_FAILED = 'DbtBuildFailed';

/** The most of dbt's output a failure carries: its end, where dbt repeats every error. */
const OUTPUT_LIMIT = 16_000;

/** dbt's tally from the `Done. PASS=… TOTAL=…` line at the end of its output; null when it never got that far. */
export function parseDoneLine(output: string): DbtRunCounts | null {
  const line = stripVTControlCharacters(output)
    .split('\n')
    .findLast((l) => /\bDone\. PASS=\d+/.test(l));
  if (!line) return null;
  const count = (key: string) => Number(new RegExp(`\\b${key}=(\\d+)`).exec(line)?.[1] ?? 0);
  return {
    pass: count('PASS'),
    warn: count('WARN'),
    error: count('ERROR'),
    skip: count('SKIP'),
    noOp: count('NO-OP'),
    total: count('TOTAL'),
  };
}

/**
 * The directory dbt keeps its target/ and logs/ in: the one configured, or one under the system's temp directory
 * when that cannot be created (a container whose application folder is read-only).
 */
function usableWorkDir(preferred: string): string {
  try {
    mkdirSync(preferred, { recursive: true });
    return preferred;
  } catch {
    const fallback = join(tmpdir(), 'monet-dbt-worker');
    mkdirSync(fallback, { recursive: true });
    return fallback;
  }
}

function tail(text: string): string {
  return text.length <= OUTPUT_LIMIT ? text : `…${text.slice(-OUTPUT_LIMIT)}`;
}

export function createActivities({
  clickhouse,
  workDir,
  threads,
  heartbeatMs = 10_000,
  now = () => new Date(),
}: DbtBuildDeps) {
  return {
    /**
     * `dbt build` of the whole project: every model, then its tests, in dependency order. Heartbeats while dbt runs,
     * so a lost worker is noticed within the heartbeat timeout; a cancelled activity stops dbt. A run in which a model
     * or test failed throws a non-retryable failure with dbt's output (running it again finds the same error); one
     * that could not run (ClickHouse unreachable, dbt crashed) throws a retryable one.
     */
    async buildMarts(): Promise<DbtBuildReport> {
      const context = Context.current();
      const startedAt = now();
      const t0 = performance.now();
      const seconds = () => Math.round(performance.now() - t0) / 1000;
      const beat = setInterval(() => context.heartbeat({ seconds: seconds() }), heartbeatMs);
      try {
        const output = await runDbt({
          args: ['build'],
          clickhouseUrl: clickhouse.url,
          username: clickhouse.username,
          password: clickhouse.password,
          cluster: clickhouse.cluster,
          workDir: usableWorkDir(workDir),
          threads,
          signal: context.cancellationSignal,
        });
        const counts = parseDoneLine(output);
        if (!counts) throw ApplicationFailure.retryable(`dbt build printed no summary:\n${tail(output)}`);
        context.log.info('dbt build done', { seconds: seconds(), ...counts });
        return { startedAt: startedAt.toISOString(), seconds: seconds(), counts };
      } catch (err) {
        if (!(err instanceof DbtError)) throw err;
        const counts = parseDoneLine(err.output);
        if (counts && counts.error > 0) {
          throw ApplicationFailure.create({
            type: DBT_BUILD_FAILED,
            message: `dbt build failed: ${counts.error} of ${counts.total} nodes errored, ${counts.skip} skipped:\n${tail(err.output)}`,
            nonRetryable: true,
            details: [counts],
          });
        }
        // dbt is missing, could not reach ClickHouse, or stopped before its summary: another attempt may succeed.
        throw ApplicationFailure.retryable(tail(err.message), 'DbtError');
      } finally {
        clearInterval(beat);
      }
    },
  };
}

export type DbtBuildActivities = ReturnType<typeof createActivities>;
