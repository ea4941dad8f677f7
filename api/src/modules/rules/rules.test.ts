import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest, type TestTenant } from '../../../test/support.ts';
import { withTenant } from '../../infra/tenant-tx.ts';
import { activeRuleVersions } from './rules.repository.ts';
import { pointsCost } from './rules.simulation.ts';

const program = { name: 'Café', pointsName: 'Beans', earningCurrency: 'EUR', moneyValuePer1000Points: 500 };
const perEuro = {
  name: '1 bean per euro',
  priority: 0,
  stacking: 'stackable',
  conditions: { eventType: { in: ['purchase'] } },
  effects: [{ pointsPerUnit: { points: 1, unitMinor: 100 } }],
};
const bigBasket = {
  name: '50 beans over 20 euros',
  priority: 5,
  stacking: 'stackable',
  conditions: { all: [{ eventType: { in: ['purchase'] } }, { amount: { gte: 2000 } }] },
  effects: [{ fixedPoints: { points: 50 } }],
};

describe('rules', () => {
  let t: ApiTest;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    t = await startApiTest();
    [a, b] = await Promise.all([t.tenant(), t.tenant()]);
  });
  afterAll(() => t?.stop());

  const createProgram = async (tenant: TestTenant) =>
    (await t.app.inject({ method: 'POST', url: '/v1/programs', headers: tenant.as('owner'), payload: program })).json()
      .id as string;
  const createRule = async (tenant: TestTenant, programId: string, body: object = perEuro) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/programs/${programId}/rules`,
      headers: tenant.as('marketer'),
      payload: body,
    });
    expect(res.statusCode).toBe(201);
    return res.json();
  };

  it('keeps every version: an edit appends version 2 and version 1 stays as it was', async () => {
    const programId = await createProgram(a);
    const created = await createRule(a, programId);
    expect(created).toMatchObject({
      programId,
      status: 'active',
      currentVersion: 1,
      latestVersion: 1,
      archivedAt: null,
      version: { version: 1, ...perEuro, activeFrom: null, activeTo: null, createdBy: a.users.marketer.id },
    });

    const edited = await t.app.inject({
      method: 'PUT',
      url: `/v1/rules/${created.id}`,
      headers: a.as('marketer'),
      payload: { ...perEuro, name: '2 beans per euro', effects: [{ pointsPerUnit: { points: 2, unitMinor: 100 } }] },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ currentVersion: 2, latestVersion: 2, version: { version: 2 } });
    expect(edited.json().version.id).not.toBe(created.version.id);

    const v1 = await t.app.inject({ method: 'GET', url: `/v1/rules/${created.id}?version=1`, headers: a.as('viewer') });
    expect(v1.json().version).toEqual(created.version);
    const versions = (
      await t.app.inject({ method: 'GET', url: `/v1/rules/${created.id}/versions`, headers: a.as('viewer') })
    ).json();
    expect(versions.items.map((v: { version: number; name: string }) => [v.version, v.name])).toEqual([
      [1, perEuro.name],
      [2, '2 beans per euro'],
    ]);
    const missing = await t.app.inject({
      method: 'GET',
      url: `/v1/rules/${created.id}?version=3`,
      headers: a.as('viewer'),
    });
    expect(missing.statusCode).toBe(404);

    const log = await t.prisma.auditLog.findMany({ where: { entityId: created.id }, orderBy: { createdAt: 'asc' } });
    expect(log.map((e) => e.action)).toEqual(['rule.create', 'rule.update']);
    expect(log[1]).toMatchObject({ before: { currentVersion: 1 }, after: { currentVersion: 2 } });
  });

  it('disables, edits while disabled, enables the latest version, archives; activeRuleVersions follows', async () => {
    const programId = await createProgram(a);
    const rule = await createRule(a, programId);
    const windowed = await createRule(a, programId, {
      ...bigBasket,
      activeFrom: '2026-01-01T00:00:00Z',
      activeTo: '2026-02-01T00:00:00Z',
    });
    const inForce = async (at: string) =>
      (await withTenant(t.prisma, a.id, (tx) => activeRuleVersions(tx, a.id, programId, new Date(at))))
        .map((d) => `${d.name}@${d.version}`)
        .sort();
    expect(await inForce('2026-01-15T00:00:00Z')).toEqual([`${perEuro.name}@1`, `${bigBasket.name}@1`]);
    expect(await inForce('2026-02-01T00:00:00Z')).toEqual([`${perEuro.name}@1`]);

    const post = (action: string) =>
      t.app.inject({ method: 'POST', url: `/v1/rules/${rule.id}:${action}`, headers: a.as('admin') });
    expect((await post('disable')).json()).toMatchObject({ status: 'disabled', currentVersion: null });
    expect(await inForce('2026-02-01T00:00:00Z')).toEqual([]);

    const edit = await t.app.inject({
      method: 'PUT',
      url: `/v1/rules/${rule.id}`,
      headers: a.as('admin'),
      payload: { ...perEuro, name: 'edited' },
    });
    expect(edit.json()).toMatchObject({ status: 'disabled', currentVersion: null, latestVersion: 2 });
    expect((await post('enable')).json()).toMatchObject({ status: 'active', currentVersion: 2 });
    expect(await inForce('2026-02-01T00:00:00Z')).toEqual(['edited@2']);

    const archived = await t.app.inject({ method: 'DELETE', url: `/v1/rules/${rule.id}`, headers: a.as('admin') });
    expect(archived.json()).toMatchObject({ status: 'archived', currentVersion: 2 });
    expect(archived.json().archivedAt).toEqual(expect.any(String));
    expect(await inForce('2026-02-01T00:00:00Z')).toEqual([]);
    const afterArchive = await post('enable');
    expect(afterArchive.statusCode).toBe(422);
    expect(afterArchive.json().type).toBe('https://monet.dev/problems/rule-archived');

    const list = async (query = '') =>
      (
        await t.app.inject({ method: 'GET', url: `/v1/programs/${programId}/rules${query}`, headers: a.as('viewer') })
      ).json();
    expect((await list()).items.map((r: { id: string }) => r.id)).toEqual([windowed.id]);
    expect((await list('?includeArchived=true')).items.map((r: { id: string }) => r.id)).toEqual([
      rule.id,
      windowed.id,
    ]);
    const actions = await t.prisma.auditLog.findMany({ where: { entityId: rule.id }, orderBy: { createdAt: 'asc' } });
    expect(actions.map((e) => e.action)).toEqual([
      'rule.create',
      'rule.disable',
      'rule.update',
      'rule.enable',
      'rule.archive',
    ]);
  });

  it('refuses a bad rule with the path of each bad node, nested ones included', async () => {
    const programId = await createProgram(a);
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/programs/${programId}/rules`,
      headers: a.as('marketer'),
      payload: {
        ...perEuro,
        version: 3,
        conditions: {
          all: [
            { eventType: { in: ['purchase'] } },
            { any: [{ hours: { from: '25:00', to: '10:00' } }, { colour: 'red' }] },
          ],
        },
        effects: [{ fixedPoints: { points: -5 } }, { grantReward: { rewardId: 'no-such-reward' } }],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.version',
        'body.conditions.all[1].any[0].hours.from',
        'body.conditions.all[1].any[1].colour',
        'body.effects[0].fixedPoints.points',
      ]),
    );
    expect(paths).toHaveLength(4);

    // Reward ids are checked against the program once the shape is right.
    const reward = await t.app.inject({
      method: 'POST',
      url: `/v1/programs/${programId}/rules`,
      headers: a.as('marketer'),
      payload: { ...perEuro, effects: [{ grantReward: { rewardId: 'no-such-reward' } }] },
    });
    expect(reward.json().errors).toEqual([
      {
        path: 'body.effects[0].grantReward.rewardId',
        message: 'reward "no-such-reward" does not exist in this program',
      },
    ]);
    expect(await t.prisma.rule.count({ where: { programId } })).toBe(0);

    const badQuery = await t.app.inject({
      method: 'GET',
      url: `/v1/rules/${crypto.randomUUID()}?version=0`,
      headers: a.as('viewer'),
    });
    expect(badQuery.json().errors.map((e: { path: string }) => e.path)).toEqual(['querystring.version']);
    const badDraft = await t.app.inject({
      method: 'POST',
      url: `/v1/programs/${programId}/rules:simulate`,
      headers: a.as('viewer'),
      payload: {
        rules: [{ ...perEuro, conditions: { not: { amount: { gt: 5, lt: 3 } } } }],
        backtest: { lastEvents: 1 },
      },
    });
    expect(badDraft.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body.rules[0].conditions.not.amount',
    ]);
    const tooMany = await t.app.inject({
      method: 'POST',
      url: `/v1/programs/${programId}/rules:simulate`,
      headers: a.as('viewer'),
      payload: { backtest: { lastEvents: 10_001 } },
    });
    expect(tooMany.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.backtest.lastEvents']);
    const nothing = await t.app.inject({
      method: 'POST',
      url: `/v1/programs/${programId}/rules:simulate`,
      headers: a.as('viewer'),
      payload: { rules: [perEuro] },
    });
    expect(nothing.json().errors).toEqual([{ path: 'body', message: 'give a sampleEvent, a backtest, or both' }]);
  });

  it("answers 404 for another tenant's program and rule on every route, changing nothing", async () => {
    const theirProgram = await createProgram(b);
    const theirRule = await createRule(b, theirProgram);
    const routes = [
      ['POST', `/v1/programs/${theirProgram}/rules`, perEuro],
      ['GET', `/v1/programs/${theirProgram}/rules`, undefined],
      ['POST', `/v1/programs/${theirProgram}/rules:simulate`, { backtest: { lastEvents: 10 } }],
      ['GET', `/v1/rules/${theirRule.id}`, undefined],
      ['GET', `/v1/rules/${theirRule.id}?version=1`, undefined],
      ['GET', `/v1/rules/${theirRule.id}/versions`, undefined],
      ['PUT', `/v1/rules/${theirRule.id}`, bigBasket],
      ['POST', `/v1/rules/${theirRule.id}:disable`, undefined],
      ['POST', `/v1/rules/${theirRule.id}:enable`, undefined],
      ['DELETE', `/v1/rules/${theirRule.id}`, undefined],
    ] as const;
    for (const [method, url, payload] of routes) {
      const res = await t.app.inject({ method, url, headers: a.as('owner'), payload });
      expect([method, url, res.statusCode]).toEqual([method, url, 404]);
    }
    const rule = await t.prisma.rule.findUniqueOrThrow({ where: { id: theirRule.id }, include: { versions: true } });
    expect(rule).toMatchObject({ currentVersion: 1, archivedAt: null });
    expect(rule.versions).toHaveLength(1);
  });

  it('gives each role exactly its access', async () => {
    const programId = await createProgram(a);
    const rule = await createRule(a, programId);
    const write = { owner: 201, admin: 201, marketer: 201, analyst: 403, viewer: 403 } as const;
    for (const [role, status] of Object.entries(write)) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/v1/programs/${programId}/rules`,
        headers: a.as(role as keyof typeof write),
        payload: perEuro,
      });
      expect([role, res.statusCode]).toEqual([role, status]);
      const edit = await t.app.inject({
        method: 'PUT',
        url: `/v1/rules/${rule.id}`,
        headers: a.as(role as keyof typeof write),
        payload: perEuro,
      });
      expect([role, 'PUT', edit.statusCode]).toEqual([role, 'PUT', status === 201 ? 200 : 403]);
      for (const action of ['disable', 'enable']) {
        const res2 = await t.app.inject({
          method: 'POST',
          url: `/v1/rules/${rule.id}:${action}`,
          headers: a.as(role as keyof typeof write),
        });
        expect([role, action, res2.statusCode]).toEqual([role, action, status === 201 ? 200 : 403]);
      }
      for (const url of [`/v1/programs/${programId}/rules`, `/v1/rules/${rule.id}`, `/v1/rules/${rule.id}/versions`]) {
        const read = await t.app.inject({ method: 'GET', url, headers: a.as(role as keyof typeof write) });
        expect([role, url, read.statusCode]).toEqual([role, url, 200]);
      }
      const sim = await t.app.inject({
        method: 'POST',
        url: `/v1/programs/${programId}/rules:simulate`,
        headers: a.as(role as keyof typeof write),
        payload: { backtest: { lastEvents: 1 } },
      });
      expect([role, 'simulate', sim.statusCode]).toEqual([role, 'simulate', 200]);
    }
    const archive = await t.app.inject({ method: 'DELETE', url: `/v1/rules/${rule.id}`, headers: a.as('viewer') });
    expect(archive.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/v1/rules/${rule.id}` })).statusCode).toBe(401);
  });

  describe('simulation', () => {
    let programId: string;
    let perEuroRule: { id: string; version: { id: string } };
    const record = async (payload: object) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: { ...a.as('owner'), 'idempotency-key': crypto.randomUUID() },
        payload: { programId, memberExternalId: 'cust-1', currency: 'EUR', ...payload },
      });
      expect(res.statusCode).toBe(201);
      return res.json();
    };
    const simulate = (payload: object) =>
      t.app.inject({
        method: 'POST',
        url: `/v1/programs/${programId}/rules:simulate`,
        headers: a.as('analyst'),
        payload,
      });

    beforeAll(async () => {
      programId = await createProgram(a);
      perEuroRule = await createRule(a, programId);
      // Recorded under the rules in force: 1 bean per euro.
      await record({ externalId: 'o-1', type: 'purchase', occurredAt: '2026-03-01T10:00:00Z', amountMinor: 3000 });
      await record({ externalId: 'o-2', type: 'purchase', occurredAt: '2026-03-02T10:00:00Z', amountMinor: 1000 });
      await record({ externalId: 'o-3', type: 'purchase', occurredAt: '2026-03-03T10:00:00Z', amountMinor: 2500 });
      await record({
        externalId: 'r-1',
        type: 'refund',
        occurredAt: '2026-03-04T10:00:00Z',
        amountMinor: 500,
        refundOfExternalId: 'o-2',
      });
    });

    it('runs a draft on a sample and on the last N events, with the forecast next to what was earned', async () => {
      const draft = [
        { ...perEuro, id: perEuroRule.id, effects: [{ pointsPerUnit: { points: 2, unitMinor: 100 } }] },
        bigBasket,
      ];
      const res = await simulate({
        rules: draft,
        sampleEvent: {
          event: { type: 'purchase', occurredAt: '2026-03-05T10:00:00Z', amountMinor: 2500, currency: 'EUR' },
          member: { enrolledAt: '2026-01-01T00:00:00Z' },
        },
        backtest: { lastEvents: 2 },
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.rules).toEqual([
        { ruleId: 'draft-2', versionId: 'draft', name: bigBasket.name },
        { ruleId: perEuroRule.id, versionId: 'draft', name: perEuro.name },
      ]);
      expect(body.sample).toMatchObject({
        totalPoints: 100,
        basePoints: 100,
        tierMultiplierPct: 100,
        lines: [
          { ruleId: 'draft-2', name: bigBasket.name, points: 50 },
          { ruleId: perEuroRule.id, name: perEuro.name, points: 50 },
        ],
        cost: { amountMinor: 50, currency: 'EUR' },
      });
      // The refund is not replayed and o-1 is older than the last two: o-2 (10 € → 20) and o-3 (25 € → 50 + 50).
      expect(body.backtest).toEqual({
        eventsEvaluated: 2,
        from: '2026-03-02T10:00:00.000Z',
        to: '2026-03-03T10:00:00.000Z',
        totalPoints: 120,
        pointsPerRule: [
          { ruleId: 'draft-2', name: bigBasket.name, points: 50, actualPoints: 0, eventsMatched: 1 },
          { ruleId: perEuroRule.id, name: perEuro.name, points: 70, actualPoints: 35, eventsMatched: 2 },
        ],
        cost: { amountMinor: 60, currency: 'EUR' },
        actual: { totalPoints: 35, cost: { amountMinor: 18, currency: 'EUR' } },
        difference: { points: 85, cost: { amountMinor: 42, currency: 'EUR' } },
        approximations: expect.arrayContaining([expect.stringContaining('as they are now')]),
      });
    });

    it('gives what a real accrual writes, per rule, for the same event and rules', async () => {
      await createRule(a, programId, bigBasket);
      const event = {
        type: 'purchase',
        occurredAt: '2026-03-06T10:00:00Z',
        amountMinor: 4250,
        currency: 'EUR',
        lineItems: [{ sku: 'BEANS-1KG', category: 'coffee', quantity: 1, unitAmountMinor: 4250 }],
      };
      const recorded = await record({ externalId: 'o-4', ...event });
      const member = await t.prisma.member.findFirstOrThrow({ where: { tenantId: a.id, externalId: 'cust-1' } });
      const entries = await t.prisma.ledgerEntry.findMany({ where: { eventId: recorded.eventId, kind: 'accrual' } });

      const res = await simulate({
        sampleEvent: { event, member: { enrolledAt: member.enrolledAt.toISOString(), priorPurchaseCount: 3 } },
        backtest: { lastEvents: 1 },
      });
      const { sample, backtest } = res.json();
      expect(
        sample.lines.map((l: { ruleId: string; versionId: string; points: number }) => [
          l.ruleId,
          l.versionId,
          l.points,
        ]),
      ).toEqual(
        recorded.rules.map((l: { ruleId: string; versionId: string; points: number }) => [
          l.ruleId,
          l.versionId,
          l.points,
        ]),
      );
      expect(sample.totalPoints).toBe(92);
      expect(entries.map((e) => e.points)).toEqual([sample.totalPoints]);
      expect(backtest).toMatchObject({
        eventsEvaluated: 1,
        totalPoints: 92,
        actual: { totalPoints: 92 },
        difference: { points: 0 },
      });
    });

    it('writes nothing: every table keeps its row count and no audit entry appears', async () => {
      const counts = async () => {
        const tables = await t.prisma.$queryRaw<{ name: string }[]>`
          SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`;
        const result: Record<string, number> = {};
        for (const { name } of tables) {
          const [row] = await t.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${name}"`);
          result[name] = row!.n;
        }
        return result;
      };
      const before = await counts();
      const res = await simulate({
        rules: [perEuro, bigBasket],
        sampleEvent: {
          event: { type: 'purchase', occurredAt: '2026-03-05T10:00:00Z', amountMinor: 2500, currency: 'EUR' },
          member: { enrolledAt: '2026-01-01T00:00:00Z' },
        },
        backtest: { lastEvents: 10_000 },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().backtest.eventsEvaluated).toBe(4);
      expect(await counts()).toEqual(before);
      expect(before.audit_logs).toBeGreaterThan(0);
      expect(before.events).toBeGreaterThan(0);
    });

    it("refuses a sample member's tier that is not the program's", async () => {
      const res = await simulate({
        sampleEvent: {
          event: { type: 'signup', occurredAt: '2026-03-05T10:00:00Z' },
          member: { enrolledAt: '2026-01-01T00:00:00Z', tierId: crypto.randomUUID() },
        },
      });
      expect(res.json().errors).toEqual([
        { path: 'body.sampleEvent.member.tierId', message: 'is not a tier of this program' },
      ]);
    });
  });

  it('rounds money to the nearest minor unit, halves up', () => {
    expect(pointsCost(0, 500)).toBe(0);
    expect(pointsCost(1, 500)).toBe(1); // 0.5 → 1
    expect(pointsCost(1, 499)).toBe(0);
    expect(pointsCost(3, 500)).toBe(2); // 1.5 → 2
    expect(pointsCost(10_000 * 2_147_483_647, 1_000_000_000)).toBe(21_474_836_470_000_000_000);
  });
});
