import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runningCampaign } from '../../../test/campaign-fixtures.ts';
import { type ApiTest, expectLedgerAgrees, startApiTest, type TestTenant } from '../../../test/support.ts';
import type { EventResult, RecordEvent } from '../events/events.schemas.ts';
import { createEventsService, type EventsDeps } from '../events/events.service.ts';
import { createCampaignEffects } from './campaigns.effects.ts';
import { checkBudget } from './campaigns.lifecycle.ts';

// Campaign bonuses in group commit (events/events.group.ts): decided in memory, written by the group's write
// statement, taken from the budget once per group and campaign.

describe('campaign bonuses in groups of accruals', () => {
  let t: ApiTest;
  let a: TestTenant;

  beforeAll(async () => {
    t = await startApiTest();
    a = await t.tenant();
  });
  afterAll(() => t?.stop());

  const running = (n: number, over: Record<string, unknown> = {}) => runningCampaign(t, a, n, over, { balances: true });

  /** An events service counting the accruals that took the step-by-step campaign path. */
  function service(deps: Partial<EventsDeps> = {}, onBudgetShort?: (tenantId: string, id: string) => void) {
    const effects = createCampaignEffects({ onBudgetShort });
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
      ...deps,
    });
    const record = (payload: object, key = randomUUID()) => events.record(a.auth('owner'), payload as RecordEvent, key);
    return { record, counted };
  }

  const purchase = (programId: string, memberId: string, amountMinor: number) => ({
    externalId: `order-${randomUUID()}`,
    type: 'purchase',
    programId,
    memberId,
    occurredAt: new Date().toISOString(),
    amountMinor,
    currency: 'EUR',
  });

  /** How many transactions wrote these events. */
  const transactionsOf = async (ids: string[]) =>
    (
      await t.prisma.$queryRaw<{ n: number }[]>`
        SELECT count(DISTINCT xmin::text)::int AS n FROM events WHERE id = ANY (${ids}::uuid[])`
    )[0]!.n;

  const bonusSum = async (campaignId: string) =>
    (await t.prisma.ledgerEntry.aggregate({ where: { campaignId, kind: 'bonus' }, _sum: { points: true } }))._sum
      .points ?? 0;
  const slicesOf = (campaignId: string) => t.prisma.campaignBudgetSlice.findMany({ where: { campaignId } });

  /** A member's entries as the ledger holds them, without ids and times. */
  const entriesOf = async (memberId: string) =>
    (await t.prisma.ledgerEntry.findMany({ where: { memberId }, orderBy: { seq: 'asc' } })).map((e) => ({
      seq: e.seq,
      kind: e.kind,
      points: e.points,
      campaignId: e.campaignId,
      reason: e.reason,
      ruleVersionIds: e.ruleVersionIds,
    }));

  it('credits the same bonuses, entries and answers in a group as one accrual at a time, the holdout nothing', async () => {
    const c = await running(60, {
      holdoutPercent: 20,
      budgetPoints: 100_000,
      variants: [
        { key: 'double', percent: 50 },
        { key: 'triple', percent: 50, config: { percent: 300 } },
      ],
    });
    // Half the members through groups, half one transaction at a time; the same amounts for each pair.
    const half = c.members.length / 2;
    const grouped = service();
    const single = service({ groupCommit: false });
    const amounts = c.members.map((_, i) => 1_000 + 137 * (i % half));
    const answers = await Promise.all(
      c.members.map((m, i) => (i < half ? grouped : single).record(purchase(c.programId, m, amounts[i]!))),
    );
    expect(answers.map((r) => r.status)).toEqual(c.members.map(() => 201));
    const strip = (b: EventResult) => ({ ...b, eventId: '', memberId: '' });
    const pairs = c.members.slice(0, half).map((_, i) => [i, i + half] as const);
    let compared = 0;
    for (const [g, s] of pairs) {
      const [mg, ms] = [c.members[g]!, c.members[s]!];
      const arm = (m: string) => (c.byArm('holdout').includes(m) ? 'holdout' : c.byArm('double').includes(m) ? 2 : 3);
      if (arm(mg) !== arm(ms)) continue;
      expect(strip(answers[g]!.body)).toEqual(strip(answers[s]!.body));
      expect(await entriesOf(mg)).toEqual(await entriesOf(ms));
      compared += 1;
    }
    expect(compared).toBeGreaterThan(5);
    for (const m of c.byArm('holdout')) {
      expect(answers[c.members.indexOf(m)]!.body).toMatchObject({ bonuses: [] });
    }
    for (const m of c.byArm('triple')) expect(answers[c.members.indexOf(m)]!.body.bonuses).toHaveLength(1);
    // The grouped half shared transactions; no accrual took the step-by-step path.
    const groupedIds = answers.slice(0, half).map((r) => r.body.eventId);
    expect(await transactionsOf(groupedIds)).toBeLessThan(half);
    expect(grouped.counted.stepByStep).toBe(0);
    // The budget holds exactly what was given.
    const slices = await slicesOf(c.id);
    expect(slices.reduce((s, x) => s + x.spentPoints, 0)).toBe(await bonusSum(c.id));
    for (const m of c.members) await expectLedgerAgrees(t.prisma, m);
    // A replayed key answers the same and credits (and spends) nothing more.
    const key = randomUUID();
    const body = purchase(c.programId, c.byArm('double')[0]!, 2_000);
    const first = await grouped.record(body, key);
    const [again, twice] = await Promise.all([grouped.record(body, key), grouped.record(body, key)]);
    expect(again.body).toEqual(first.body);
    expect(twice.body).toEqual(first.body);
    expect((await slicesOf(c.id)).reduce((s, x) => s + x.spentPoints, 0)).toBe(await bonusSum(c.id));
  });

  it('never overspends a budget that runs out in the middle of groups, and gives its last points exactly', async () => {
    // 5 slices of 1,000; groups of at most 10 accruals of 30 bonus points each: 300 per group and campaign.
    const c = await running(80, { budgetPoints: 5_000 });
    const short: string[] = [];
    const { record } = service({ groupCommit: { maxSize: 10 } }, (_, id) => short.push(id));
    const treated = c.byArm('treatment');
    const results = await Promise.all(
      treated.flatMap((m) => [0, 1, 2].map(() => record(purchase(c.programId, m, 3_000)))),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const given = results.reduce((s, r) => s + r.body.bonuses.reduce((x, b) => x + b.points, 0), 0);
    expect(given).toBe(5_000);
    expect(await bonusSum(c.id)).toBe(5_000);
    const slices = await slicesOf(c.id);
    for (const s of slices) expect(s.spentPoints).toBeLessThanOrEqual(s.budgetPoints);
    expect(slices.reduce((s, x) => s + x.spentPoints, 0)).toBe(5_000);
    expect(short).toEqual([c.id]);
    expect(await checkBudget(t.prisma, { tenantId: a.id, campaignId: c.id })).toMatchObject({ exhausted: true });
    for (const m of treated) await expectLedgerAgrees(t.prisma, m);
  });

  it('falls back to one accrual at a time when a group’s bonuses exceed every slice, spending it all', async () => {
    // One slice of 1,500 and 60 bonuses of 30 in one group (1,800): the group cannot take them at once.
    const c = await running(60, { budgetPoints: 1_500 });
    const { record, counted } = service();
    const answers = await Promise.all(c.members.map((m) => record(purchase(c.programId, m, 3_000))));
    expect(answers.every((r) => r.status === 201)).toBe(true);
    expect(await bonusSum(c.id)).toBe(1_500);
    expect((await slicesOf(c.id)).map((s) => s.spentPoints)).toEqual([1_500]);
    expect(counted.stepByStep).toBeGreaterThan(0);
    for (const m of c.members) await expectLedgerAgrees(t.prisma, m);
  });

  it('keeps balance equal to ledger under 200 concurrent accruals on one member, and the budget to its bonuses', async () => {
    const c = await running(20, { budgetPoints: 1_000_000 });
    // 200 groups one after another for the one member: a correctness test, not a deadline's.
    const { record } = service({ groupCommit: { maxWaitMs: 120_000 } });
    const [m] = c.byArm('treatment');
    const others = c.byArm('treatment').slice(1);
    const answers = await Promise.all([
      ...Array.from({ length: 200 }, () => record(purchase(c.programId, m!, 1_000))),
      ...others.flatMap((o) => Array.from({ length: 10 }, () => record(purchase(c.programId, o, 1_500)))),
    ]);
    expect(answers.every((r) => r.status === 201)).toBe(true);
    const after = answers
      .slice(0, 200)
      .map((r) => r.body.balance.available)
      .sort((x, y) => x - y);
    expect(after).toEqual(Array.from({ length: 200 }, (_, i) => 20 * (i + 1)));
    expect((await expectLedgerAgrees(t.prisma, m!)).available).toBe(4_000);
    for (const o of others) expect((await expectLedgerAgrees(t.prisma, o)).available).toBe(300);
    const spent = (await slicesOf(c.id)).reduce((s, x) => s + x.spentPoints, 0);
    expect(spent).toBe(await bonusSum(c.id));
    expect(spent).toBe(2_000 + others.length * 150);
  });
});
