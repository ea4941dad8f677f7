import { randomUUID } from 'node:crypto';
import type { TemporalHandle } from '@loyaltystudio/engines';
import { startTestTemporal } from '@loyaltystudio/engines/testing';
import { workflowIds } from '@loyaltystudio/workflow-contracts';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  campaignBody,
  campaignMembers,
  campaignProgram,
  createCampaign,
  staticSegmentVersion,
} from '../../../test/campaign-fixtures.ts';
import { type ApiTest, startApiTest, type TestTenant } from '../../../test/support.ts';
import { startCampaign } from './campaigns.lifecycle.ts';

describe('campaigns api', () => {
  let temporal: TemporalHandle;
  let t: ApiTest;
  let a: TestTenant;
  let b: TestTenant;
  let programA: string;
  let versionA: string;
  let versionB: string;
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    temporal = await startTestTemporal();
    t = await startApiTest({ temporal: { address: temporal.address, namespace: temporal.namespace } });
    [a, b] = await Promise.all([t.tenant(), t.tenant()]);
    programA = await campaignProgram(t, a);
    await campaignProgram(t, b);
    versionA = await staticSegmentVersion(t, a, await campaignMembers(t, a, 20));
    versionB = await staticSegmentVersion(t, b, await campaignMembers(t, b, 5));
    connection = await Connection.connect({ address: temporal.address });
    client = new Client({ connection, namespace: temporal.namespace });
  });
  afterAll(async () => {
    await connection?.close();
    await t?.stop();
    await temporal?.stop();
  });

  const call = (
    tenant: TestTenant,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: object,
    role: 'owner' | 'marketer' | 'viewer' | 'analyst' = 'marketer',
  ) => t.app.inject({ method, url, headers: tenant.as(role), ...(payload && { payload }) });

  const audits = (entityId: string) =>
    t.prisma.auditLog.findMany({ where: { entityId }, orderBy: { createdAt: 'asc' }, select: { action: true } });

  it('creates a draft with one arm and no holdout unless told, audited', async () => {
    const res = await call(a, 'POST', '/v1/campaigns', campaignBody(programA, versionA, { budgetPoints: 5_000 }));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      programId: programA,
      status: 'draft',
      type: 'multiplier',
      config: { percent: 200 },
      audience: { segmentVersionId: versionA },
      variants: [{ key: 'treatment', percent: 100 }],
      holdoutPercent: 0,
      budget: { points: 5_000, spentPoints: 0, remainingPoints: 5_000 },
      stopReason: null,
      workflowId: `campaign:${a.id}:${body.id}`,
    });
    expect(body.schedule.windows).toEqual([]);
    expect((await call(a, 'GET', `/v1/campaigns/${body.id}`, undefined, 'viewer')).json()).toEqual(body);
    expect(await audits(body.id)).toEqual([{ action: 'campaign.create' }]);
  });

  it('refuses bad input with problem+json naming the path of each bad field', async () => {
    const bad = async (over: Record<string, unknown>) => {
      const res = await call(a, 'POST', '/v1/campaigns', campaignBody(programA, versionA, over));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      return [...new Set((res.json().errors as { path: string; message: string }[]).map((e) => e.path))];
    };
    expect(
      await bad({
        variants: [
          { key: 'a', percent: 60 },
          { key: 'b', percent: 30 },
        ],
      }),
    ).toEqual(['body.variants']);
    expect(await bad({ schedule: { startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-11-01T00:00:00Z' } })).toEqual([
      'body.schedule.endsAt',
    ]);
    expect(await bad({ budgetPoints: -100 })).toEqual(['body.budgetPoints']);
    expect(await bad({ audience: { segmentVersionId: versionB } })).toEqual(['body.audience.segmentVersionId']);
    expect(await bad({ config: { percent: 200, conditions: { hours: { from: '9:00', to: '10:00' } } } })).toEqual([
      'body.config.conditions.hours.from',
    ]);
    expect(await bad({ type: 'reward_grant', config: { rewardId: randomUUID() } })).toEqual(['body.config.rewardId']);
    expect(
      await bad({
        schedule: {
          startsAt: '2026-12-01T00:00:00Z',
          endsAt: '2026-12-02T00:00:00Z',
          windows: [{ from: '10:00', to: '10:00' }],
        },
      }),
    ).toEqual(['body.schedule.windows[0].to']);
    // The program of another tenant is not one of this tenant's.
    const programB = (await t.prisma.program.findFirstOrThrow({ where: { tenantId: b.id } })).id;
    expect(await bad({ programId: programB })).toEqual(['body.programId']);
  });

  it('lists by status, newest first, a cursor page at a time', async () => {
    const tenant = await t.tenant();
    const program = await campaignProgram(t, tenant);
    const version = await staticSegmentVersion(t, tenant, await campaignMembers(t, tenant, 3));
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await createCampaign(t, tenant, campaignBody(program, version))).id);
    await call(tenant, 'POST', `/v1/campaigns/${made[1]}/cancel`);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(
        tenant,
        'GET',
        `/v1/campaigns?status=draft&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        undefined,
        'viewer',
      );
      expect(res.statusCode, res.body).toBe(200);
      ids.push(...res.json().items.map((c: { id: string }) => c.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(ids).toEqual([made[4], made[3], made[2], made[0]]);
    const cancelled = (await call(tenant, 'GET', '/v1/campaigns?status=cancelled', undefined, 'analyst')).json();
    expect(cancelled.items.map((c: { id: string }) => c.id)).toEqual([made[1]]);
  });

  it('changes a draft, checking the result as a whole', async () => {
    const { id } = await createCampaign(t, a, campaignBody(programA, versionA));
    const res = await call(a, 'PATCH', `/v1/campaigns/${id}`, {
      name: 'A/B test',
      variants: [
        { key: 'double', percent: 50 },
        { key: 'triple', percent: 50, config: { percent: 300 } },
      ],
      holdoutPercent: 10,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'A/B test',
      holdoutPercent: 10,
      variants: [{ key: 'double' }, { key: 'triple' }],
    });
    const bad = await call(a, 'PATCH', `/v1/campaigns/${id}`, { variants: [{ key: 'a', percent: 99 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { path: 'body.variants', message: "the arms' percentages add up to 99%; they must add up to 100%" },
    ]);
    expect((await call(a, 'PATCH', `/v1/campaigns/${id}`, {})).statusCode).toBe(400);
    expect(await audits(id)).toEqual([{ action: 'campaign.create' }, { action: 'campaign.update' }]);
  });

  it('runs the lifecycle through its workflow: launch, pause, resume, cancel, each audited and signalled', async () => {
    const { id } = await createCampaign(t, a, campaignBody(programA, versionA, { budgetPoints: 1_000 }));
    const launched = await call(a, 'POST', `/v1/campaigns/${id}/launch`);
    expect(launched.statusCode, launched.body).toBe(200);
    expect(launched.json().status).toBe('scheduled');
    const handle = client.workflow.getHandle(workflowIds.campaign(a.id, id));
    expect((await handle.describe()).type).toBe('campaign');
    // Launching again finds the same workflow; pausing a campaign that has not started is refused.
    expect((await call(a, 'POST', `/v1/campaigns/${id}/launch`)).json().status).toBe('scheduled');
    const early = await call(a, 'POST', `/v1/campaigns/${id}/pause`);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      type: 'https://monet.dev/problems/campaign-status',
      campaignStatus: 'scheduled',
    });

    // No worker polls this test's server: the workflow's start is played here.
    await startCampaign(t.prisma, { tenantId: a.id, campaignId: id });
    const paused = await call(a, 'POST', `/v1/campaigns/${id}/pause`);
    expect(paused.json().status).toBe('paused');
    expect((await call(a, 'POST', `/v1/campaigns/${id}/pause`)).json().status).toBe('paused');

    const refused = await call(a, 'PATCH', `/v1/campaigns/${id}`, {
      audience: { segmentVersionId: versionA },
      variants: [{ key: 'a', percent: 100 }],
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      type: 'https://monet.dev/problems/campaign-running',
      errors: [
        { path: 'body.audience', message: 'is fixed' },
        { path: 'body.variants', message: 'is fixed' },
      ],
    });
    expect(refused.json().detail).toMatch(/its audience, variants cannot change, because its audience was assigned/);
    const smaller = await call(a, 'PATCH', `/v1/campaigns/${id}`, { budgetPoints: 500 });
    expect(smaller.statusCode).toBe(409);
    const grown = await call(a, 'PATCH', `/v1/campaigns/${id}`, { name: 'Bigger', budgetPoints: 1_500 });
    expect(grown.statusCode, grown.body).toBe(200);
    expect(grown.json()).toMatchObject({ name: 'Bigger', budget: { points: 1_500, remainingPoints: 1_500 } });
    const slices = await t.prisma.campaignBudgetSlice.aggregate({
      where: { campaignId: id },
      _sum: { budgetPoints: true },
    });
    expect(slices._sum.budgetPoints).toBe(1_500);

    expect((await call(a, 'POST', `/v1/campaigns/${id}/resume`)).json().status).toBe('running');
    const cancelled = await call(a, 'POST', `/v1/campaigns/${id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', stopReason: 'cancelled' });
    expect((await call(a, 'POST', `/v1/campaigns/${id}/cancel`)).json().status).toBe('cancelled');
    expect((await call(a, 'POST', `/v1/campaigns/${id}/launch`)).statusCode).toBe(409);
    expect((await call(a, 'PATCH', `/v1/campaigns/${id}`, { name: 'x' })).json().type).toMatch(/campaign-ended$/);

    const signals: string[] = [];
    for (const event of (await handle.fetchHistory()).events ?? []) {
      const name = event.workflowExecutionSignaledEventAttributes?.signalName;
      if (name) signals.push(name);
    }
    expect(signals).toEqual(['pause', 'resume', 'cancel']);
    expect(await audits(id)).toEqual([
      { action: 'campaign.create' },
      { action: 'campaign.launch' },
      { action: 'campaign.pause' },
      { action: 'campaign.update' },
      { action: 'campaign.resume' },
      { action: 'campaign.cancel' },
    ]);
  });

  it('refuses a launch when Temporal does not answer, and changes nothing', async () => {
    const offline = await startApiTest();
    try {
      const tenant = await offline.tenant();
      const program = await campaignProgram(offline, tenant);
      const version = await staticSegmentVersion(offline, tenant, await campaignMembers(offline, tenant, 2));
      const { id } = await createCampaign(offline, tenant, campaignBody(program, version));
      const res = await offline.app.inject({
        method: 'POST',
        url: `/v1/campaigns/${id}/launch`,
        headers: tenant.as('marketer'),
      });
      expect(res.statusCode).toBe(503);
      expect(res.json().detail).toMatch(/Nothing was changed/);
      expect((await offline.prisma.campaign.findUniqueOrThrow({ where: { id } })).status).toBe('draft');
    } finally {
      await offline.stop();
    }
  });

  it("answers 404 for another tenant's campaign on every route", async () => {
    const { id } = await createCampaign(t, a, campaignBody(programA, versionA));
    const routes: [method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object][] = [
      ['GET', `/v1/campaigns/${id}`],
      ['PATCH', `/v1/campaigns/${id}`, { name: 'taken' }],
      ['POST', `/v1/campaigns/${id}/launch`],
      ['POST', `/v1/campaigns/${id}/pause`],
      ['POST', `/v1/campaigns/${id}/resume`],
      ['POST', `/v1/campaigns/${id}/cancel`],
    ];
    for (const [method, url, payload] of routes) {
      const res = await call(b, method, url, payload, 'owner');
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const list = (await call(b, 'GET', '/v1/campaigns', undefined, 'owner')).json();
    expect(list.items.map((c: { id: string }) => c.id)).not.toContain(id);
    expect((await t.prisma.campaign.findUniqueOrThrow({ where: { id } })).status).toBe('draft');
  });

  it('lets marketers create and run campaigns and viewers only read them', async () => {
    const body = campaignBody(programA, versionA);
    expect((await call(a, 'POST', '/v1/campaigns', body, 'viewer')).statusCode).toBe(403);
    expect((await call(a, 'POST', '/v1/campaigns', body, 'analyst')).statusCode).toBe(403);
    const { id } = await createCampaign(t, a, body);
    expect((await call(a, 'POST', `/v1/campaigns/${id}/cancel`, undefined, 'viewer')).statusCode).toBe(403);
    expect((await call(a, 'GET', '/v1/campaigns', undefined, 'viewer')).statusCode).toBe(200);
  });
});
