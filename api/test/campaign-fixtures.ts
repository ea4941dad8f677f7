// Fixtures of campaigns for the api's and the workflows' tests: a program earning 1 point per euro, members, a
// static segment version holding them (its snapshot, as the segments service keeps one), and campaigns made
// through the api.
import { randomUUID } from 'node:crypto';
import type { AudienceSource } from '../src/campaigns.ts';
import { seatAudience, startCampaign } from '../src/modules/campaigns/campaigns.lifecycle.ts';
import { createSegmentsService } from '../src/modules/segments/segments.service.ts';
import type { ApiTest, TestTenant } from './support.ts';

/** A program with one rule, 1 point per 1.00 EUR on purchases; `tiers` adds a Gold tier (the accrual's slow path). */
export async function campaignProgram(t: ApiTest, tenant: TestTenant, opts: { tiers?: boolean } = {}) {
  const program = await t.prisma.program.create({
    data: { tenantId: tenant.id, name: 'Rewards', pointsName: 'Points', earningCurrency: 'EUR' },
  });
  const rule = await t.prisma.rule.create({
    data: { tenantId: tenant.id, programId: program.id, currentVersion: 1 },
  });
  await t.prisma.ruleVersion.create({
    data: {
      tenantId: tenant.id,
      ruleId: rule.id,
      version: 1,
      name: '1 point per euro',
      conditions: { eventType: { in: ['purchase'] } },
      effects: [{ pointsPerUnit: { points: 1, unitMinor: 100 } }],
    },
  });
  if (opts.tiers) {
    await t.prisma.tier.create({
      data: {
        tenantId: tenant.id,
        programId: program.id,
        name: 'Gold',
        rank: 1,
        qualification: 'lifetime_points',
        threshold: 1_000_000,
      },
    });
  }
  return program.id;
}

/** `n` members of the tenant with external ids `<prefix>-<i>`, written in one statement; their ids in order. */
export async function campaignMembers(t: ApiTest, tenant: TestTenant, n: number, prefix = randomUUID().slice(0, 8)) {
  const rows = await t.prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO members (tenant_id, external_id, updated_at)
    SELECT ${tenant.id}::uuid, ${prefix} || '-' || i, now() FROM generate_series(1, ${n}::int) AS i
    RETURNING id`;
  return rows.map((r) => r.id);
}

/** A static segment of the tenant whose one version holds `memberIds`; returns the version's id. */
export async function staticSegmentVersion(t: ApiTest, tenant: TestTenant, memberIds: string[]): Promise<string> {
  const segment = await t.prisma.segment.create({
    data: {
      tenantId: tenant.id,
      name: `audience ${randomUUID().slice(0, 8)}`,
      kind: 'static',
      currentVersion: 1,
      createdBy: tenant.users.marketer.id,
    },
  });
  const version = await t.prisma.segmentVersion.create({
    data: {
      tenantId: tenant.id,
      segmentId: segment.id,
      version: 1,
      definition: { all: [] },
      createdBy: tenant.users.marketer.id,
      memberCount: memberIds.length,
    },
  });
  for (let i = 0; i < memberIds.length; i += 50_000) {
    await t.prisma.$executeRaw`
      INSERT INTO segment_version_members (tenant_id, segment_version_id, member_id)
      SELECT ${tenant.id}::uuid, ${version.id}::uuid, m FROM unnest(${memberIds.slice(i, i + 50_000)}::uuid[]) AS m`;
  }
  return version.id;
}

/** Audiences as the segments service reads them (a static version's snapshot comes from Postgres only). */
export function segmentsAudience(t: ApiTest): AudienceSource {
  const segments = createSegmentsService({
    prisma: t.prisma,
    clickhouse: t.clickhouse,
    settings: { timeoutSeconds: 10, maxResultRows: 100_000, streamTimeoutSeconds: 60 },
  });
  return { membersOfVersion: (tenantId, versionId) => segments.membersOfVersion(tenantId, versionId) };
}

const HOUR = 3_600_000;

/** A campaign body: a 200% multiplier on the program, running from an hour ago for a day, to the segment version. */
export function campaignBody(programId: string, segmentVersionId: string, over: Record<string, unknown> = {}) {
  return {
    programId,
    name: 'Double points',
    type: 'multiplier',
    config: { percent: 200 },
    audience: { segmentVersionId },
    schedule: {
      startsAt: new Date(Date.now() - HOUR).toISOString(),
      endsAt: new Date(Date.now() + 24 * HOUR).toISOString(),
    },
    ...over,
  };
}

/** Creates a campaign through the api as the tenant's marketer; returns its body. */
export async function createCampaign(t: ApiTest, tenant: TestTenant, body: Record<string, unknown>) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/campaigns',
    headers: tenant.as('marketer'),
    payload: body,
  });
  if (res.statusCode !== 201) throw new Error(`creating a campaign answered ${res.statusCode}: ${res.body}`);
  return res.json() as { id: string; status: string; workflowId: string };
}

/**
 * A campaign running over `n` fresh members of a fresh program, started as its workflow would (seated, then marked
 * running) without Temporal: its id, program and members, and the members of each arm. `balances` gives each member
 * a balance row first, so their accruals may join groups (events.group.ts).
 */
export async function runningCampaign(
  t: ApiTest,
  tenant: TestTenant,
  n: number,
  over: Record<string, unknown> = {},
  opts: { tiers?: boolean; balances?: boolean } = {},
) {
  const programId = await campaignProgram(t, tenant, opts);
  const members = await campaignMembers(t, tenant, n);
  if (opts.balances) {
    await t.prisma.balance.createMany({
      data: members.map((memberId) => ({ tenantId: tenant.id, memberId, programId })),
    });
  }
  const version = await staticSegmentVersion(t, tenant, members);
  const { id } = await createCampaign(t, tenant, campaignBody(programId, version, over));
  await t.prisma.campaign.update({ where: { id }, data: { status: 'scheduled' } });
  const seated = await seatAudience(t.prisma, segmentsAudience(t), { tenantId: tenant.id, campaignId: id });
  if (seated.audience !== n) throw new Error(`seated ${seated.audience} of ${n} members`);
  await startCampaign(t.prisma, { tenantId: tenant.id, campaignId: id });
  const seats = await t.prisma.campaignMember.findMany({ where: { campaignId: id } });
  const byArm = (arm: string) => seats.filter((s) => s.variant === arm).map((s) => s.memberId);
  return { id, programId, members, byArm };
}
