import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createMonetClient, type MonetClient, type paths } from '@loyaltystudio/api-client';
import { waitFor } from '@loyaltystudio/engines';
import { tempDir } from '@loyaltystudio/engines/testing';
import { createClickHouseClient, runDbt } from '@loyaltystudio/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../src/stack.ts';
import { isolatedStackEnv } from '../src/testing.ts';

// Issue 8's "done when": on the demo tenant a first start seeds (as `npm start` does, with its marts built and its
// members scored), a marketer uses nothing but the api: a segment of at-risk high spenders, a double-points campaign
// with a 10% holdout run by the worker, bonuses on new purchases, and results with intervals once the change stream
// has carried them to the warehouse and dbt has built the campaign's mart.

const QUIET_CRON = '0 0 1 1 *';
const HOLDOUT_PERCENT = 10;
// At risk by the churn model or by their RFM segment, and in the top two fifths by spend in the last year.
type Definition = paths['/v1/segments:preview']['post']['requestBody']['content']['application/json']['definition'];
const AT_RISK_HIGH_SPENDERS: Definition = {
  all: [
    { any: [{ churnRiskBand: { in: ['medium', 'high'] } }, { rfmSegment: { in: ['At Risk', 'Cannot Lose Them'] } }] },
    { mScore: { gte: 4 } },
  ],
};

/** The arm of a seat as campaigns/README.md documents the assignment hash, recomputed without Monet's code. */
function isHoldout(campaignId: string, memberId: string): boolean {
  const h = createHash('sha256').update(`${campaignId}:${memberId}`, 'utf8').digest();
  return Number(h.readUIntBE(0, 6) % 10_000) < HOLDOUT_PERCENT * 100;
}

describe('a marketer runs a double-points campaign on at-risk high spenders through the api alone', () => {
  const dir = tempDir('marketer-campaign');
  let stack: Stack;
  let owner: MonetClient;
  let marketer: MonetClient;
  let shop: MonetClient;
  let apiUrl: string;
  const state = {} as {
    programId: string;
    segmentId: string;
    versionId: string;
    audience: string[];
    campaignId: string;
    purchasers: { memberId: string; holdout: boolean; eventId: string; accrued: number }[];
  };

  beforeAll(async () => {
    const env = {
      ...(await isolatedStackEnv(join(dir.path, 'home'))),
      MONET_SEED_DEMO: 'true',
      // The test builds the marts when it needs them; no scheduled build or scoring runs in between.
      DBT_BUILD_CRON: QUIET_CRON,
      CHURN_SCORING_CRON: QUIET_CRON,
    };
    stack = await startStack({ env });
    if (!stack.demo || !stack.marts) throw new Error('the first start seeded no demo or built no marts');
    apiUrl = `http://127.0.0.1:${stack.config.API_PORT}`;
    const signIn = async (email: string, password: string) => {
      const res = await createMonetClient(apiUrl).POST('/v1/auth/sign-in', {
        body: { tenant: stack.demo!.tenant, email, password },
      });
      if (!res.data) throw new Error(`sign-in answered ${res.response.status}`);
      return createMonetClient(apiUrl, { token: res.data.tokens.accessToken });
    };
    owner = await signIn(stack.demo.email, stack.demo.password);
    const password = 'a marketer’s long passphrase';
    const user = await owner.POST('/v1/users', {
      body: { email: 'marketing@demo-coffee.example', name: 'Marketing', role: 'marketer', password },
    });
    expect(user.response.status, JSON.stringify(user.error)).toBe(201);
    marketer = await signIn('marketing@demo-coffee.example', password);
    const key = await owner.POST('/v1/api-keys', { body: { name: 'till', scopes: ['events:write'] } });
    expect(key.response.status, JSON.stringify(key.error)).toBe(201);
    shop = createMonetClient(apiUrl, { token: key.data!.key });
  }, 900_000);

  afterAll(async () => {
    await stack?.stop();
    dir.remove();
  });

  it('previews and saves the segment, then reads its members', async () => {
    const preview = await marketer.POST('/v1/segments:preview', { body: { definition: AT_RISK_HIGH_SPENDERS } });
    expect(preview.response.status, JSON.stringify(preview.error)).toBe(200);
    const p = preview.data!;
    expect(p.size).toBeGreaterThanOrEqual(20);
    expect(p.share).toBeGreaterThan(0);
    expect(p.share).toBeLessThan(1);
    expect(p.sample).toHaveLength(10);
    expect(p.rfmSegments.reduce((sum, s) => sum + s.members, 0)).toBe(p.size);

    const created = await marketer.POST('/v1/segments', {
      body: { name: 'At-risk high spenders', kind: 'static', definition: AT_RISK_HIGH_SPENDERS },
    });
    expect(created.response.status, JSON.stringify(created.error)).toBe(201);
    state.segmentId = created.data!.id;
    state.versionId = created.data!.version.id;
    expect(created.data!.version.memberCount).toBe(p.size);
    const audience: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await marketer.GET('/v1/segments/{segmentId}/members', {
        params: { path: { segmentId: state.segmentId }, query: { limit: 200, ...(cursor ? { cursor } : {}) } },
      });
      expect(page.response.status).toBe(200);
      audience.push(...page.data!.items.map((m) => m.memberId));
      cursor = page.data!.nextCursor ?? undefined;
    } while (cursor);
    expect(audience).toHaveLength(p.size);
    state.audience = audience;
  });

  it('launches a double-points campaign with a 10% holdout, which the worker starts', async () => {
    const programs = await marketer.GET('/v1/programs');
    state.programId = programs.data!.items[0]!.id;
    const created = await marketer.POST('/v1/campaigns', {
      body: {
        programId: state.programId,
        name: 'Come back: double points',
        type: 'multiplier',
        config: { percent: 200 },
        audience: { segmentVersionId: state.versionId },
        holdoutPercent: HOLDOUT_PERCENT,
        schedule: {
          startsAt: new Date(Date.now() - 60_000).toISOString(),
          endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        },
      },
    });
    expect(created.response.status, JSON.stringify(created.error)).toBe(201);
    state.campaignId = created.data!.id;
    const launched = await marketer.POST('/v1/campaigns/{campaignId}/launch', {
      params: { path: { campaignId: state.campaignId } },
    });
    expect(launched.response.status, JSON.stringify(launched.error)).toBe(200);
    await waitFor(
      'the campaign running',
      async () => {
        const { data } = await marketer.GET('/v1/campaigns/{campaignId}', {
          params: { path: { campaignId: state.campaignId } },
        });
        return data?.status === 'running';
      },
      { timeoutMs: 120_000, intervalMs: 250 },
    );
  }, 150_000);

  it('credits the bonus on new purchases of treatment members, and nothing to the holdout', async () => {
    const holdout = state.audience.filter((m) => isHoldout(state.campaignId, m));
    const treatment = state.audience.filter((m) => !isHoldout(state.campaignId, m));
    expect(holdout.length).toBeGreaterThan(0);
    const buyers = [...treatment.slice(0, 12), ...holdout.slice(0, 4)];
    state.purchasers = [];
    for (const memberId of buyers) {
      const res = await shop.POST('/v1/events', {
        params: { header: { 'idempotency-key': randomUUID() } },
        body: {
          externalId: `order-${randomUUID()}`,
          type: 'purchase',
          occurredAt: new Date().toISOString(),
          memberId,
          programId: state.programId,
          amountMinor: 2_450,
          currency: 'EUR',
        },
      });
      expect(res.response.status, JSON.stringify(res.error)).toBe(201);
      const ledger = await marketer.GET('/v1/members/{memberId}/ledger', {
        params: { path: { memberId }, query: { programId: state.programId } },
      });
      const entries = ledger.data!.items.filter((e) => e.eventId === res.data!.eventId);
      const accrued = entries.filter((e) => e.kind === 'accrual').reduce((sum, e) => sum + e.points, 0);
      const bonus = entries.filter((e) => e.kind === 'bonus' && e.campaignId === state.campaignId);
      expect(accrued).toBeGreaterThan(0);
      if (isHoldout(state.campaignId, memberId)) expect(bonus).toEqual([]);
      // Double points: the campaign adds as much again as the rules gave.
      else expect(bonus.map((e) => e.points)).toEqual([accrued]);
      state.purchasers.push({ memberId, holdout: holdout.includes(memberId), eventId: res.data!.eventId, accrued });
    }
  }, 120_000);

  it('reads results with intervals per arm against the holdout after a dbt build', async () => {
    const clickhouse = createClickHouseClient({
      url: `http://127.0.0.1:${stack.config.CLICKHOUSE_HTTP_PORT}`,
      username: stack.config.CLICKHOUSE_USER,
      password: stack.config.CLICKHOUSE_PASSWORD,
    });
    const bonuses = state.purchasers.filter((p) => !p.holdout).length;
    try {
      // The change stream carries the seats and the bonuses to the warehouse; the build needs them there.
      await waitFor(
        'the change stream to copy the campaign',
        async () => {
          const [row] = await (
            await clickhouse.query({
              query: `SELECT
                  (SELECT count() FROM raw.campaign_members FINAL WHERE campaign_id = {c:UUID} AND _deleted = 0) AS seats,
                  (SELECT count() FROM raw.ledger_entries FINAL WHERE campaign_id = {c:UUID} AND _deleted = 0) AS bonuses`,
              query_params: { c: state.campaignId },
              format: 'JSONEachRow',
            })
          ).json<{ seats: string; bonuses: string }>();
          return Number(row?.seats) === state.audience.length && Number(row?.bonuses) === bonuses;
        },
        { timeoutMs: 120_000, intervalMs: 250 },
      );
    } finally {
      await clickhouse.close();
    }
    const before = await marketer.GET('/v1/campaigns/{campaignId}/results', {
      params: { path: { campaignId: state.campaignId } },
    });
    expect(before.response.status).toBe(409);
    expect(before.error).toMatchObject({ type: 'https://monet.dev/problems/campaign-results-not-built' });

    // The campaign's mart, the members' figures it sums, and their tests (the models upstream of those are views on the
    // raw tables); dbt fails on an error.
    await runDbt({
      args: ['build', '--select', 'int_campaign_members_measured', 'campaign_results'],
      clickhouseUrl: `http://127.0.0.1:${stack.config.CLICKHOUSE_HTTP_PORT}`,
      username: stack.config.CLICKHOUSE_USER,
      password: stack.config.CLICKHOUSE_PASSWORD,
      workDir: join(dir.path, 'dbt'),
    });

    const res = await marketer.GET('/v1/campaigns/{campaignId}/results', {
      params: { path: { campaignId: state.campaignId } },
    });
    expect(res.response.status, JSON.stringify(res.error)).toBe(200);
    const body = res.data!;
    const holdoutSeats = state.audience.filter((m) => isHoldout(state.campaignId, m)).length;
    expect(body.plannedMembers).toBe(state.audience.length);
    expect(body.holdout).toMatchObject({ arm: 'holdout', members: holdoutSeats, bonusPoints: 0 });
    expect(body.comparisons).toHaveLength(1);
    const [treatment] = body.comparisons;
    const credited = state.purchasers.filter((p) => !p.holdout).reduce((sum, p) => sum + p.accrued, 0);
    expect(treatment).toMatchObject({
      arm: 'treatment',
      members: state.audience.length - holdoutSeats,
      bonusPoints: credited,
    });
    for (const figure of [treatment!.incrementalRevenue, treatment!.incrementalPointsCost]) {
      expect(figure.welch!.lower).toBeLessThanOrEqual(figure.estimate!);
      expect(figure.welch!.upper).toBeGreaterThanOrEqual(figure.estimate!);
      expect(figure.sequential!.lower).toBeLessThanOrEqual(figure.welch!.lower);
      expect(figure.cuped).not.toBeNull();
    }
    // Points cost per member: the bonuses over the arm's seats.
    expect(treatment!.pointsCostPerMember).toBeCloseTo(credited / treatment!.members, 9);
    expect(treatment!.incrementalPointsCost.estimate).toBeCloseTo(credited / treatment!.members, 9);
    expect(body.sampleRatio.mismatch).toBe(false);
  }, 900_000);
});
