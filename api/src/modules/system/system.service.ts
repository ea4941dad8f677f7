import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import type { PrismaClient } from '@loyaltystudio/prisma';
import { type SystemCheckWorkflow, taskQueues, workflowIds, workflowTypes } from '@loyaltystudio/workflow-contracts';
import type { Client as TemporalClient } from '@temporalio/client';
import type { ServiceStatus, SystemStatus, WorkflowCheck } from './system.schemas.ts';

export interface SystemDeps {
  version: string;
  prisma: PrismaClient;
  clickhouse: ClickHouseClient;
  temporal: () => Promise<TemporalClient>;
  /** Engine addresses for display, without credentials. */
  urls: { postgres: string; clickhouse: string; temporal: string };
  /** Probes give up after this long, so a hung engine shows as down instead of hanging the page. */
  probeTimeoutMs?: number;
  /** A workflow round trip is reused for this long, so status polling does not start a workflow per request. */
  workflowCheckTtlMs?: number;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function message(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0]! : String(err);
}

export function createSystemService(deps: SystemDeps) {
  const timeoutMs = deps.probeTimeoutMs ?? 2_000;
  const ttlMs = deps.workflowCheckTtlMs ?? 30_000;
  let lastWorkflowCheck: { at: number; result: WorkflowCheck } | undefined;
  let inflightWorkflowCheck: Promise<WorkflowCheck> | undefined;

  async function probe(
    name: ServiceStatus['name'],
    url: string | undefined,
    run: () => Promise<string>,
  ): Promise<ServiceStatus> {
    const started = performance.now();
    try {
      const detail = await withTimeout(run(), timeoutMs, name);
      return {
        name,
        status: 'up',
        latencyMs: Math.round(performance.now() - started),
        detail,
        ...(url ? { url } : {}),
      };
    } catch (err) {
      return {
        name,
        status: 'down',
        latencyMs: Math.round(performance.now() - started),
        detail: message(err),
        ...(url ? { url } : {}),
      };
    }
  }

  const probes = {
    postgres: () =>
      probe('postgres', deps.urls.postgres, async () => {
        const rows = await deps.prisma.$queryRaw<{ v: string }[]>`SELECT current_setting('server_version') AS v`;
        return `PostgreSQL ${rows[0]?.v}`;
      }),
    clickhouse: () =>
      probe('clickhouse', deps.urls.clickhouse, async () => {
        const result = await deps.clickhouse.query({ query: 'SELECT version() AS v', format: 'JSONEachRow' });
        const rows = await result.json<{ v: string }>();
        return `ClickHouse ${rows[0]?.v}`;
      }),
    temporal: () =>
      probe('temporal', deps.urls.temporal, async () => {
        const client = await deps.temporal();
        const info = await client.workflowService.getSystemInfo({});
        return `Temporal ${info.serverVersion ?? ''}`.trim();
      }),
    worker: () =>
      probe('worker', undefined, async () => {
        const client = await deps.temporal();
        const { pollers } = await client.workflowService.describeTaskQueue({
          namespace: client.options.namespace,
          taskQueue: { name: taskQueues.system },
        });
        if (!pollers?.length) throw new Error(`no worker polls task queue ${taskQueues.system}`);
        return `${pollers.length} poller(s) on ${taskQueues.system}: ${pollers.map((p) => p.identity).join(', ')}`;
      }),
  };

  /** Starts the system-check workflow and waits for its result: api → Temporal → worker → api. */
  async function runWorkflowCheck(): Promise<WorkflowCheck> {
    const started = performance.now();
    const checkedAt = new Date().toISOString();
    const requestId = randomUUID();
    const workflowId = workflowIds.systemCheck(requestId);
    try {
      const client = await deps.temporal();
      const result = await withTimeout(
        client.workflow.execute<SystemCheckWorkflow>(workflowTypes.systemCheck, {
          taskQueue: taskQueues.system,
          workflowId,
          args: [{ requestId }],
          workflowExecutionTimeout: '30s',
        }),
        10_000,
        'system-check workflow',
      );
      return {
        status: 'up',
        workflowId,
        worker: `${result.worker.hostname}/${result.worker.pid}`,
        roundTripMs: Math.round(performance.now() - started),
        checkedAt,
        detail: `ran on task queue ${result.worker.taskQueue}`,
      };
    } catch (err) {
      return {
        status: 'down',
        workflowId,
        roundTripMs: Math.round(performance.now() - started),
        checkedAt,
        detail: message(err),
      };
    }
  }

  async function workflowCheck({ fresh = false } = {}): Promise<WorkflowCheck> {
    const cached = lastWorkflowCheck;
    if (!fresh && cached && cached.result.status === 'up' && Date.now() - cached.at < ttlMs) return cached.result;
    inflightWorkflowCheck ??= runWorkflowCheck().then((result) => {
      lastWorkflowCheck = { at: Date.now(), result };
      inflightWorkflowCheck = undefined;
      return result;
    });
    return inflightWorkflowCheck;
  }

  return {
    /** Postgres, ClickHouse and Temporal all answer: the api can serve traffic. */
    async readiness() {
      const services = await Promise.all([probes.postgres(), probes.clickhouse(), probes.temporal()]);
      return { ready: services.every((s) => s.status === 'up'), services };
    },

    async status(): Promise<SystemStatus> {
      const [services, workflow] = await Promise.all([
        Promise.all([probes.postgres(), probes.clickhouse(), probes.temporal(), probes.worker()]),
        workflowCheck(),
      ]);
      const ok = services.every((s) => s.status === 'up') && workflow.status === 'up';
      return {
        status: ok ? 'ok' : 'degraded',
        checkedAt: new Date().toISOString(),
        version: deps.version,
        services,
        workflow,
      };
    },

    workflowCheck,
  };
}

export type SystemService = ReturnType<typeof createSystemService>;
