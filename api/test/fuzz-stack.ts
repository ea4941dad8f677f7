import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from '@loyaltystudio/engines';
import { startTestGateway, startTestTemporal, tempDir } from '@loyaltystudio/engines/testing';
import { API_KEY_SCOPES } from '../src/auth/permissions.ts';
import { campaignBody, staticSegmentVersion } from './campaign-fixtures.ts';
import { type ApiTest, startApiTest, startFixtureMarts } from './support.ts';
import { startWorkerProcess } from './worker-process.ts';

/**
 * The stack the fuzzing test (fuzz.test.ts) runs schemathesis against: the whole api listening on loopback, on
 * engines of its own (Postgres, the ClickHouse gateway with marts dbt built from the proven fixture, the Temporal dev
 * server with the workflows' worker), and one tenant with an object of each kind.
 *
 * Nothing it does leaves the machine. The app is built by buildApp, which never starts the webhook dispatcher (only
 * server.ts does), so no endpoint the fuzzer registers is ever called, and it resolves no host name (support.ts);
 * every engine listens on 127.0.0.1.
 */
export interface FuzzStack {
  api: ApiTest;
  baseUrl: string;
  /** Secrets schemathesis reads from its environment (`${NAME}` in its configuration), never its command line. */
  secrets: { MONET_OWNER_TOKEN: string; MONET_VIEWER_TOKEN: string; MONET_API_KEY: string };
  /** Real ids of the tenant's objects, by the name of the path parameter that takes them. */
  ids: Record<string, string[]>;
  /** The operations an API key may call (their permission is one of its scopes), as schemathesis names them. */
  apiKeyOperations: string[];
  /** A fresh directory for the run's files. */
  workDir: string;
  stop(): Promise<void>;
}

export async function startFuzzStack(): Promise<FuzzStack> {
  const work = tempDir('fuzz');
  const [gateway, temporal] = await Promise.all([startTestGateway(), startTestTemporal()]);
  // Limits high enough that the fuzzer reaches what is behind them (sign-up, sign-in, refresh, the API key).
  const plenty = { max: 1_000_000, windowMs: 60_000 };
  const api = await startApiTest({
    clickhouseUrl: gateway.url,
    temporal,
    exports: { dir: join(work.path, 'exports') },
    attemptLimits: {
      signInPerAddress: plenty,
      signInPerAccount: plenty,
      signUpPerAddress: plenty,
      refreshPerAddress: plenty,
    },
  });
  const worker = await startWorkerProcess({
    temporalAddress: temporal.address,
    databaseUrl: api.pg.url,
    clickhouseUrl: gateway.url,
    home: work.path,
  });
  const stop = async () => {
    await api.stop();
    await worker.stop();
    await Promise.allSettled([gateway.stop(), temporal.stop()]);
    work.remove();
  };
  try {
    const marts = await startFixtureMarts(api, gateway.url, join(work.path, 'dbt'));
    const tenant = marts.a;
    const program = marts.programs.a;
    await api.app.listen({ host: '127.0.0.1', port: 0 });

    const call = async (url: string, payload: object) => {
      const res = await api.app.inject({
        method: 'POST',
        url,
        headers: { ...tenant.as('owner'), 'idempotency-key': randomUUID() },
        payload,
      });
      if (res.statusCode >= 300) throw new Error(`POST ${url} answered ${res.statusCode}: ${res.body}`);
      return res.json();
    };
    const key = await call('/v1/api-keys', {
      name: 'fuzz',
      scopes: [...API_KEY_SCOPES],
      rateLimitPerMinute: plenty.max,
    });
    const spareKey = await call('/v1/api-keys', { name: 'spare', scopes: ['programs:read'] });
    const rule = await call(`/v1/programs/${program}/rules`, {
      name: '1 point per euro',
      priority: 10,
      stacking: 'stackable',
      conditions: { all: [{ eventType: { in: ['purchase'] } }] },
      effects: [{ pointsPerUnit: { points: 1, unitMinor: 100 } }],
    });
    const tier = await call(`/v1/programs/${program}/tiers`, {
      name: 'Gold',
      rank: 2,
      qualification: 'lifetime_points',
      threshold: 5_000,
    });
    const reward = await call(`/v1/programs/${program}/rewards`, {
      name: '€5 off',
      kind: 'discount_amount',
      costPoints: 500,
      discountAmountMinor: 500,
      currency: 'EUR',
    });
    const event = await call('/v1/events', {
      externalId: 'fuzz-order-1',
      type: 'purchase',
      memberExternalId: 'fuzz-member-1',
      occurredAt: '2026-11-24T12:00:00Z',
      amountMinor: 250_000,
      currency: 'EUR',
    });
    const redemption = await call('/v1/redemptions', { memberId: event.memberId, rewardId: reward.id });
    const endpoint = await call('/v1/webhook-endpoints', {
      url: 'https://hooks.example.invalid/monet',
      eventTypes: ['*'],
    });
    const exported = await call('/v1/exports', { mart: 'member_360', format: 'csv' });
    const user = await call('/v1/users', {
      email: 'marketer-2@fuzz.test',
      name: 'Marketer',
      role: 'marketer',
      password: 'a long passphrase',
    });
    // A campaign (a draft, over a static segment of the member above) whose routes are fuzzed on a real campaign.
    const audience = await staticSegmentVersion(api, tenant, [event.memberId]);
    const campaign = await call('/v1/campaigns', campaignBody(program, audience, { budgetPoints: 10_000 }));
    return {
      api,
      baseUrl: `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`,
      secrets: {
        MONET_OWNER_TOKEN: tenant.as('owner').authorization,
        MONET_VIEWER_TOKEN: tenant.as('viewer').authorization,
        MONET_API_KEY: key.key,
      },
      ids: {
        programId: [program],
        ruleId: [rule.id],
        tierId: [tier.id],
        rewardId: [reward.id],
        memberId: [event.memberId],
        redemptionId: [redemption.id],
        endpointId: [endpoint.id],
        exportId: [exported.id],
        userId: [user.id, tenant.users.viewer.id],
        apiKeyId: [spareKey.id],
        sessionId: [tenant.users.viewer.sessionId],
        campaignId: [campaign.id],
      },
      apiKeyOperations: api.app.routeAccess
        .filter((r) => 'permission' in r.access && API_KEY_SCOPES.includes(r.access.permission))
        .map((r) => `${r.method} ${r.url.replaceAll('::', ':').replaceAll(/:(\w+)/g, '{$1}')}`),
      workDir: work.path,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** A value schemathesis reads from its environment. */
const fromEnv = (name: keyof FuzzStack['secrets']) => `\${${name}}`;

export interface FuzzRun {
  /** Names the run's files. */
  name: string;
  /** `owner` sends the owner's access token, `api-key` the all-scopes API key, on the operations it may call. */
  as: 'owner' | 'api-key';
  maxExamples: number;
  seed: number;
}

/**
 * The run's schemathesis.toml: its credentials, no redirect followed, path parameters drawn from the tenant's
 * real ids half of the time; the session-ending routes run as a viewer of their own, so the owner stays signed in.
 *
 * The coverage phase is deterministic and has no bound of its own: on the writes of rules and segments, whose
 * conditions nest, it derives about 7,000 cases each (four of the five minutes it took on two cores). There it
 * keeps its negative cases (every way a field can be wrong) and leaves valid ones to the fuzzing phase, bounded by
 * `maxExamples`.
 */
function config(stack: FuzzStack, run: FuzzRun): string {
  const toml = (value: unknown) => JSON.stringify(value);
  const table = (entries: Record<string, string>) =>
    `{ ${Object.entries(entries)
      .map(([k, v]) => `${toml(k)} = ${toml(v)}`)
      .join(', ')} }`;
  const headers: Record<string, string> =
    run.as === 'owner' ? { Authorization: fromEnv('MONET_OWNER_TOKEN') } : { 'X-Api-Key': fromEnv('MONET_API_KEY') };
  return `${[
    `headers = ${table(headers)}`,
    'max-redirects = 0',
    'request-timeout = 30',
    'generation.database = "none"',
    '[[operations]]',
    `include-path = ${toml(['/v1/auth/sign-out', '/v1/sessions/{sessionId}'])}`,
    `headers = ${table({ Authorization: fromEnv('MONET_VIEWER_TOKEN') })}`,
    '[[operations]]',
    'include-method = ["POST", "PUT"]',
    `include-path-regex = ${toml('^/v1/segments|/rules(:simulate)?$|^/v1/rules/\\{ruleId\\}$')}`,
    'phases.coverage.generation.mode = "negative"',
    '[parameters]',
    ...Object.keys(stack.ids).map(
      (name) => `${toml(`path.${name}`)} = { dictionary = ${toml(name)}, probability = 0.5 }`,
    ),
    ...Object.entries(stack.ids).flatMap(([name, values]) => [`[dictionaries.${name}]`, `values = ${toml(values)}`]),
  ].join('\n')}\n`;
}

/**
 * `.venv/bin/schemathesis run` against the stack (asynchronously: the api answers from this very process). It fails
 * on any 5xx, any status, content type or body the OpenAPI document does not describe, and any error that is not
 * problem+json (fuzz-checks.py). Resolves with its exit code and everything it printed.
 */
export async function runSchemathesis(stack: FuzzStack, run: FuzzRun): Promise<{ code: number; output: string }> {
  const file = join(stack.workDir, `${run.name}.toml`);
  writeFileSync(file, config(stack, run));
  // The API key runs where its scopes reach, without the coverage phase the owner's run already went through.
  const only =
    run.as === 'api-key'
      ? ['--phases', 'examples,fuzzing,stateful', ...stack.apiKeyOperations.flatMap((o) => ['--include-name', o])]
      : [];
  const child = spawn(
    join(REPO_ROOT, '.venv/bin/schemathesis'),
    [
      '--config-file',
      file,
      'run',
      `${stack.baseUrl}/openapi.json`,
      '--url',
      stack.baseUrl,
      '--checks',
      [
        'not_a_server_error',
        'status_code_conformance',
        'content_type_conformance',
        'response_schema_conformance',
        'errors_are_problem_json',
      ].join(','),
      '--max-examples',
      String(run.maxExamples),
      '--seed',
      String(run.seed),
      // One worker: Python 3.11's ast module is not thread-safe, and Hypothesis parses lambdas while generating.
      '--workers',
      '1',
      '--no-color',
      ...only,
    ],
    {
      cwd: stack.workDir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: stack.workDir,
        SCHEMATHESIS_HOOKS: join(REPO_ROOT, 'api/test/fuzz-checks.py'),
        ...stack.secrets,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const code = await new Promise<number>((resolve) => {
    child.on('error', (err) => {
      output += `${err.message} (npm run setup installs schemathesis into .venv)`;
      resolve(-1);
    });
    child.on('close', (c) => resolve(c ?? -1));
  });
  return { code, output };
}
