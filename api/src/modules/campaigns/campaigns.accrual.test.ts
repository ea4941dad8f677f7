import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  campaignBody,
  campaignMembers,
  campaignProgram,
  createCampaign,
  runningCampaign,
  segmentsAudience,
  staticSegmentVersion,
} from '../../../test/campaign-fixtures.ts';
import { type ApiTest, expectLedgerAgrees, startApiTest, type TestTenant } from '../../../test/support.ts';
import { assignArm, assignmentBucket, BUCKET_SQL } from '../../domain/campaigns/index.ts';
import { createEventsService } from '../events/events.service.ts';
import { createCampaignEffects } from './campaigns.effects.ts';
import { checkBudget, seatAudience, startCampaign } from './campaigns.lifecycle.ts';

const HOUR = 3_600_000;

describe('campaigns in the accrual path', () => {
  let t: ApiTest;
  let a: TestTenant;

  beforeAll(async () => {
    t = await startApiTest();
    a = await t.tenant();
  });
  afterAll(() => t?.stop());

  const running = (n: number, over: Record<string, unknown> = {}, opts: { tiers?: boolean } = {}) =>
    runningCampaign(t, a, n, over, opts);

  const purchase = (programId: string, memberId: string, amountMinor = 2_000, over: Record<string, unknown> = {}) => ({
    externalId: `order-${randomUUID()}`,
    type: 'purchase',
    programId,
    memberId,
    occurredAt: new Date().toISOString(),
    amountMinor,
    currency: 'EUR',
    ...over,
  });
  const post = (payload: object, key = randomUUID()) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { ...a.as('owner'), 'idempotency-key': key },
      payload,
    });

  const bonusEntries = (campaignId: string) =>
    t.prisma.ledgerEntry.findMany({ where: { campaignId, kind: 'bonus' }, orderBy: { createdAt: 'asc' } });

  const invariants = (memberId: string) => expectLedgerAgrees(t.prisma, memberId);

  it('gives each treatment member a multiplier bonus in the accrual, and the holdout nothing', async () => {
    const c = await running(40, { holdoutPercent: 30 });
    const [treated] = c.byArm('treatment');
    const [held] = c.byArm('holdout');
    const res = await post(purchase(c.programId, treated!, 2_345));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ pointsEarned: 46, bonuses: [{ campaignId: c.id, points: 23 }] });
    const entries = await t.prisma.ledgerEntry.findMany({ where: { memberId: treated }, orderBy: { seq: 'asc' } });
    expect(entries).toMatchObject([
      { seq: 1, kind: 'accrual', points: 23, campaignId: null },
      { seq: 2, kind: 'bonus', points: 23, campaignId: c.id, reason: 'campaign treatment: 200% points' },
    ]);
    await invariants(treated!);
    expect((await post(purchase(c.programId, held!))).json()).toMatchObject({ pointsEarned: 20, bonuses: [] });
    // Replayed with its key, an accrual answers the same and credits nothing more.
    const key = randomUUID();
    const replayed = purchase(c.programId, treated!, 1_000);
    const once = (await post(replayed, key)).json();
    const again = await post(replayed, key);
    expect(again.json()).toEqual(once);
    expect(await bonusEntries(c.id)).toHaveLength(2);
  });

  it('keeps every member in the arm the assignment hash gives, which Postgres recomputes for audits', async () => {
    const c = await running(300, {
      holdoutPercent: 20,
      variants: [
        { key: 'a', percent: 50 },
        { key: 'b', percent: 50 },
      ],
    });
    const split = {
      holdoutPercent: 20,
      variants: [
        { key: 'a', percent: 50 },
        { key: 'b', percent: 50 },
      ],
    };
    const seats = await t.prisma.$queryRawUnsafe<{ memberId: string; variant: string; bucket: bigint }[]>(
      `SELECT member_id AS "memberId", variant, ${BUCKET_SQL} AS bucket FROM campaign_members WHERE campaign_id = $1::uuid`,
      c.id,
    );
    expect(seats).toHaveLength(300);
    for (const seat of seats) {
      expect(Number(seat.bucket)).toBe(assignmentBucket(c.id, seat.memberId));
      expect(seat.variant).toBe(assignArm(c.id, seat.memberId, split));
    }
    // Seating again (a retried activity) adds nobody and moves nobody.
    const again = await seatAudience(t.prisma, segmentsAudience(t), { tenantId: a.id, campaignId: c.id });
    expect(again).toMatchObject({ audience: 300, added: 0 });
    expect(Object.values(again.byVariant).reduce((x, y) => x + y, 0)).toBe(300);
  });

  it("gives each arm its own config and reads time windows in the tenant's zone", async () => {
    const c = await running(60, {
      variants: [
        { key: 'double', percent: 50 },
        { key: 'triple', percent: 50, config: { percent: 300 } },
      ],
    });
    const triple = c.byArm('triple')[0]!;
    expect((await post(purchase(c.programId, triple, 1_000))).json().bonuses).toEqual([
      { campaignId: c.id, points: 20 },
    ]);

    // Weekdays 09:00–17:00 in Paris: a Saturday at noon is outside, a Monday at noon inside.
    const windowed = await running(10, {
      schedule: {
        startsAt: '2026-01-01T00:00:00Z',
        endsAt: '2027-01-01T00:00:00Z',
        windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
      },
    });
    const m = windowed.byArm('treatment')[0]!;
    const at = (iso: string) => purchase(windowed.programId, m, 1_000, { occurredAt: iso });
    expect((await post(at('2026-06-06T10:00:00Z'))).json().bonuses).toEqual([]);
    expect((await post(at('2026-06-08T10:00:00Z'))).json().bonuses).toEqual([{ campaignId: windowed.id, points: 10 }]);
    // Outside the campaign's window: nothing.
    expect((await post(at('2025-12-31T10:00:00Z'))).json().bonuses).toEqual([]);
  });

  it('stops crediting at once when paused, and again when resumed', async () => {
    const c = await running(5);
    const m = c.byArm('treatment')[0]!;
    await t.prisma.campaign.update({ where: { id: c.id }, data: { status: 'paused' } });
    expect((await post(purchase(c.programId, m))).json().bonuses).toEqual([]);
    await t.prisma.campaign.update({ where: { id: c.id }, data: { status: 'running' } });
    expect((await post(purchase(c.programId, m))).json().bonuses).toHaveLength(1);
  });

  it('gives a fixed bonus on qualifying events, never beyond the member’s limit, even concurrently', async () => {
    const c = await running(5, {
      type: 'fixed_bonus',
      config: { points: 50, maxAwardsPerMember: 2, conditions: { amount: { gte: 1_000 } } },
    });
    const m = c.byArm('treatment')[0]!;
    expect((await post(purchase(c.programId, m, 999))).json().bonuses).toEqual([]);
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(purchase(c.programId, m, 1_500))));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    expect((await bonusEntries(c.id)).map((e) => e.points)).toEqual([50, 50]);
    expect(await t.prisma.campaignMember.findFirst({ where: { campaignId: c.id, memberId: m } })).toMatchObject({
      awards: 2,
    });
    await invariants(m);
  });

  it('gives Y points when a member’s spend in the window reaches X, on the purchase that crosses it', async () => {
    const c = await running(5, { type: 'spend_threshold', config: { spendMinor: 5_000, points: 250 } });
    const m = c.byArm('treatment')[0]!;
    expect((await post(purchase(c.programId, m, 3_000))).json().bonuses).toEqual([]);
    expect((await post(purchase(c.programId, m, 2_500))).json().bonuses).toEqual([{ campaignId: c.id, points: 250 }]);
    expect((await post(purchase(c.programId, m, 9_000))).json().bonuses).toEqual([]);
    expect(await t.prisma.campaignMember.findFirst({ where: { campaignId: c.id, memberId: m } })).toMatchObject({
      awards: 1,
      progressMinor: 14_500,
    });
  });

  it('grants a reward once per member, on their first qualifying event, as a fulfilled redemption', async () => {
    const programId = await campaignProgram(t, a);
    const reward = await t.prisma.reward.create({
      data: { tenantId: a.id, programId, name: 'Free coffee', kind: 'free_item', sku: 'COF', costPoints: 150 },
    });
    const members = await campaignMembers(t, a, 3);
    const version = await staticSegmentVersion(t, a, members);
    const { id } = await createCampaign(
      t,
      a,
      campaignBody(programId, version, { type: 'reward_grant', config: { rewardId: reward.id }, budgetPoints: 300 }),
    );
    await t.prisma.campaign.update({ where: { id }, data: { status: 'scheduled' } });
    await seatAudience(t.prisma, segmentsAudience(t), { tenantId: a.id, campaignId: id });
    await startCampaign(t.prisma, { tenantId: a.id, campaignId: id });
    for (const m of members) {
      for (let i = 0; i < 2; i++) expect((await post(purchase(programId, m))).statusCode).toBe(201);
    }
    const grants = await t.prisma.redemption.findMany({ where: { campaignId: id } });
    // The budget of 300 points pays for two rewards of 150.
    expect(grants).toHaveLength(2);
    for (const g of grants) {
      expect(g).toMatchObject({
        rewardId: reward.id,
        points: 0,
        status: 'fulfilled',
        code: expect.stringMatching(/^RDM-/),
      });
    }
    expect(new Set(grants.map((g) => g.memberId)).size).toBe(2);
    expect(await checkBudget(t.prisma, { tenantId: a.id, campaignId: id })).toEqual({
      budgetPoints: 300,
      spentPoints: 300,
      exhausted: true,
    });
  });

  /** An events service whose campaign effects count the accruals that took the step-by-step path. */
  function countingEvents() {
    const effects = createCampaignEffects();
    const counted = { stepByStep: 0 };
    const events = createEventsService({
      prisma: t.prisma,
      campaigns: {
        ...effects,
        campaignEffects: (tx, ctx) => {
          counted.stepByStep += 1;
          return effects.campaignEffects(tx, ctx);
        },
      },
    });
    const record = (payload: object) => events.record(a.auth('owner'), payload as never, randomUUID());
    return { record, counted };
  }

  it("credits bonuses in the accrual's one write statement, and step by step for a program with tiers", async () => {
    const fast = await running(5, { budgetPoints: 10_000 });
    const { record, counted } = countingEvents();
    const m = fast.byArm('treatment')[0]!;
    for (let i = 0; i < 3; i++) {
      expect((await record(purchase(fast.programId, m, 1_234))).body.bonuses).toEqual([
        { campaignId: fast.id, points: 12 },
      ]);
    }
    expect(counted.stepByStep).toBe(0);

    const tiered = await running(5, {}, { tiers: true });
    const n = tiered.byArm('treatment')[0]!;
    expect((await record(purchase(tiered.programId, n, 1_234))).body).toMatchObject({
      pointsEarned: 24,
      bonuses: [{ campaignId: tiered.id, points: 12 }],
    });
    expect(counted.stepByStep).toBe(1);
    await invariants(m);
    await invariants(n);
  });

  it('never spends more than the budget, whatever the concurrency, and stops on the last point', async () => {
    const c = await running(60, { budgetPoints: 1_000 });
    const short: string[] = [];
    const events = createEventsService({
      prisma: t.prisma,
      campaigns: createCampaignEffects({ onBudgetShort: (_, id) => short.push(id) }),
    });
    const treated = c.byArm('treatment');
    // 60 members, 3 purchases of 30 points each at once: 5,400 points of bonuses asked for, 1,000 to give.
    const results = await Promise.all(
      treated.flatMap((m) =>
        [0, 1, 2].map(() => events.record(a.auth('owner'), purchase(c.programId, m, 3_000) as never, randomUUID())),
      ),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const given = (await bonusEntries(c.id)).reduce((sum, e) => sum + e.points, 0);
    expect(given).toBe(1_000);
    const slices = await t.prisma.campaignBudgetSlice.findMany({ where: { campaignId: c.id } });
    for (const s of slices) expect(s.spentPoints).toBeLessThanOrEqual(s.budgetPoints);
    expect(slices.reduce((sum, s) => sum + s.spentPoints, 0)).toBe(1_000);
    expect(short).toEqual([c.id]);
    expect(await checkBudget(t.prisma, { tenantId: a.id, campaignId: c.id })).toMatchObject({ exhausted: true });
    for (const m of treated) await invariants(m);
    // Spent, it gives nothing more.
    expect((await post(purchase(c.programId, treated[0]!, 3_000))).json().bonuses).toEqual([]);
  });

  it('takes a refunded purchase’s bonus back with its points', async () => {
    const c = await running(5);
    const m = c.byArm('treatment')[0]!;
    const order = purchase(c.programId, m, 4_000);
    expect((await post(order)).json().pointsEarned).toBe(80);
    const refund = await post({
      externalId: `refund-${randomUUID()}`,
      type: 'refund',
      refundOfExternalId: order.externalId,
      occurredAt: new Date(Date.now() + HOUR / 60).toISOString(),
      amountMinor: 2_000,
      currency: 'EUR',
    });
    expect(refund.json()).toMatchObject({ pointsReversed: 40 });
    await invariants(m);
  });
});
